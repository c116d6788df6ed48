import { useQuery, useMutation } from 'urql';
import { graphql } from '../gql';
import type { OrgRole } from '../gql/graphql';
import { canAdminister, ORG_ROLES, useMe } from '../me';
import { Badge, ErrorMessage, Loading, Reason, Section, Table, formatTime } from '../ui';
import { AccessSection } from './organization-access';
import { TeamsSection } from './teams';

const OrganizationPageQuery = graphql(`
  query OrganizationPage($id: ID!) {
    organization(id: $id) {
      id
      name
      slug
      description
      viewerRole
      members(first: 100) {
        totalCount
        nodes {
          role
          joinedAt
          user {
            id
            displayName
            email
          }
        }
      }
      teams {
        id
        name
        description
        members {
          role
          user {
            id
            displayName
          }
        }
      }
    }
  }
`);

const SetMemberRoleMutation = graphql(`
  mutation SetMemberRole($organizationId: ID!, $userId: ID!, $role: OrgRole!) {
    setMemberRole(organizationId: $organizationId, userId: $userId, role: $role) {
      role
    }
  }
`);

const RemoveMemberMutation = graphql(`
  mutation RemoveMember($organizationId: ID!, $userId: ID!) {
    removeMember(organizationId: $organizationId, userId: $userId)
  }
`);

export function OrganizationPage({ organizationId }: { organizationId: string }) {
  const [{ data, error, fetching }, refresh] = useQuery({
    query: OrganizationPageQuery,
    variables: { id: organizationId },
  });
  const reload = () => refresh({ requestPolicy: 'network-only' });
  const organization = data?.organization;
  if (!organization) return fetching ? <Loading what="the organization" /> : <ErrorMessage error={error} />;
  const role = organization.viewerRole;
  return (
    <>
      <h1>{organization.name}</h1>
      <p className="muted">
        <code>{organization.slug}</code> · your role: <Badge>{role}</Badge>
        {organization.description ? ` · ${organization.description}` : ''}
      </p>
      <MembersSection
        organizationId={organizationId}
        role={role ?? null}
        members={organization.members.nodes}
        onChange={reload}
      />
      <TeamsSection
        organizationId={organizationId}
        role={role ?? null}
        teams={organization.teams}
        members={organization.members.nodes.map((member) => member.user)}
        onChange={reload}
      />
      {canAdminister(role) ? (
        <AccessSection organizationId={organizationId} role={role ?? null} teams={organization.teams} />
      ) : (
        <Section title="Invitations and API keys">
          <Reason>Only an OWNER or ADMIN can see and manage invitations and API keys.</Reason>
        </Section>
      )}
    </>
  );
}

type Member = {
  role: OrgRole;
  joinedAt: string;
  user: { id: string; displayName: string; email?: string | null };
};

function MembersSection(props: {
  organizationId: string;
  role: OrgRole | null;
  members: Member[];
  onChange(): void;
}) {
  const { me } = useMe();
  const [setState, setRole] = useMutation(SetMemberRoleMutation);
  const [removeState, remove] = useMutation(RemoveMemberMutation);
  const owners = props.members.filter((member) => member.role === 'OWNER').length;
  const admin = canAdminister(props.role);
  const isOwner = props.role === 'OWNER';

  /** Why this viewer cannot change this member, or null when it can. */
  const lockReason = (member: Member): string | null => {
    if (!admin) return 'Only an OWNER or ADMIN can change roles or remove members.';
    if (member.role === 'OWNER' && !isOwner) return 'Only an OWNER can change or remove an OWNER.';
    if (member.role === 'OWNER' && owners === 1)
      return 'The last OWNER: an organization always keeps at least one OWNER. Make someone else OWNER first.';
    return null;
  };

  return (
    <Section title={`Members (${props.members.length})`}>
      <p className="hint">
        An organization always keeps at least one OWNER; only an OWNER grants, changes or removes the OWNER
        role.
      </p>
      <ErrorMessage error={setState.error ?? removeState.error} />
      <Table label="Members">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Joined</th>
            {admin ? <th scope="col">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.members.map((member) => {
            const reason = lockReason(member);
            return (
              <tr key={member.user.id}>
                <td>
                  {member.user.displayName}
                  {member.user.id === me.user.id ? ' (you)' : ''}
                </td>
                <td>{member.user.email ?? '—'}</td>
                <td>
                  {admin && reason === null ? (
                    <select
                      aria-label={`Role of ${member.user.displayName}`}
                      value={member.role}
                      disabled={setState.fetching}
                      onChange={(event) => {
                        void setRole({
                          organizationId: props.organizationId,
                          userId: member.user.id,
                          role: event.target.value as OrgRole,
                        }).then(props.onChange);
                      }}
                    >
                      {ORG_ROLES.filter((role) => role !== 'OWNER' || isOwner).map((role) => (
                        <option key={role}>{role}</option>
                      ))}
                    </select>
                  ) : (
                    <Badge>{member.role}</Badge>
                  )}
                </td>
                <td>{formatTime(member.joinedAt)}</td>
                {admin ? (
                  <td>
                    {reason === null ? (
                      <button
                        type="button"
                        className="btn btn-danger"
                        disabled={removeState.fetching}
                        onClick={() => {
                          if (!confirm(`Remove ${member.user.displayName} from the organization?`)) return;
                          void remove({ organizationId: props.organizationId, userId: member.user.id }).then(
                            props.onChange,
                          );
                        }}
                      >
                        Remove
                      </button>
                    ) : (
                      <span className="reason">{reason}</span>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </Table>
      {!admin ? <Reason>Only an OWNER or ADMIN can change roles or remove members.</Reason> : null}
    </Section>
  );
}
