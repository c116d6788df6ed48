import { useAction, usePageQuery, ConfirmButton } from '../actions';
import { graphql } from '../gql';
import type { OrgRole } from '../gql/graphql';
import { canAdminister, ORG_ROLES, useMe } from '../me';
import { Badge, DataTable, ErrorMessage, Reason, Section, formatTime } from '../ui';
import { AccessSection } from './organization-access';
import { OrganizationSettings } from './organization-settings';
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
  const page = usePageQuery(OrganizationPageQuery, { id: organizationId }, 'the organization');
  const organization = page.data?.organization;
  if (!organization) return page.placeholder;
  const role = organization.viewerRole ?? null;
  const members = organization.members.nodes;
  return (
    <>
      <h1>{organization.name}</h1>
      <p className="muted">
        <code>{organization.slug}</code> · your role: <Badge>{role}</Badge>
        {organization.description ? ` · ${organization.description}` : ''}
      </p>
      <MembersSection organizationId={organizationId} role={role} members={members} onChange={page.reload} />
      <TeamsSection
        organizationId={organizationId}
        role={role}
        teams={organization.teams}
        members={members.map((member) => member.user)}
        onChange={page.reload}
      />
      {canAdminister(role) ? (
        <AccessSection organizationId={organizationId} role={role} teams={organization.teams} />
      ) : (
        <Section title="Invitations and API keys">
          <Reason>Only an OWNER or ADMIN can see and manage invitations and API keys.</Reason>
        </Section>
      )}
      <OrganizationSettings
        organization={organization}
        role={role}
        owners={members.filter((member) => member.role === 'OWNER').length}
      />
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
  const setRole = useAction(SetMemberRoleMutation, { onDone: props.onChange });
  const remove = useAction(RemoveMemberMutation, { onDone: props.onChange });
  const owners = props.members.filter((member) => member.role === 'OWNER').length;
  const admin = canAdminister(props.role);
  const isOwner = props.role === 'OWNER';

  /** Why this viewer cannot change this member, or null when it can. */
  const lockReason = (member: Member): string | null => {
    if (member.role === 'OWNER' && !isOwner) return 'Only an OWNER can change or remove an OWNER.';
    if (member.role === 'OWNER' && owners === 1)
      return 'The last OWNER: an organization always keeps at least one OWNER. Make someone else OWNER first.';
    return null;
  };
  const variables = (member: Member) => ({ organizationId: props.organizationId, userId: member.user.id });

  return (
    <Section title={`Members (${props.members.length})`}>
      <p className="hint">
        An organization always keeps at least one OWNER; only an OWNER grants, changes or removes the OWNER
        role.
      </p>
      <DataTable
        label="Members"
        rows={props.members}
        rowKey={(member) => member.user.id}
        columns={[
          {
            header: 'Name',
            cell: (member) => `${member.user.displayName}${member.user.id === me.user.id ? ' (you)' : ''}`,
          },
          { header: 'Email', cell: (member) => member.user.email ?? '—' },
          {
            header: 'Role',
            cell: (member) =>
              admin && lockReason(member) === null ? (
                <select
                  aria-label={`Role of ${member.user.displayName}`}
                  value={member.role}
                  disabled={setRole.fetching}
                  onChange={(e) =>
                    void setRole.run({ ...variables(member), role: e.target.value as OrgRole })
                  }
                >
                  {ORG_ROLES.filter((role) => role !== 'OWNER' || isOwner).map((role) => (
                    <option key={role}>{role}</option>
                  ))}
                </select>
              ) : (
                <Badge>{member.role}</Badge>
              ),
          },
          { header: 'Joined', cell: (member) => formatTime(member.joinedAt) },
          {
            header: 'Actions',
            show: admin,
            cell: (member) => {
              const reason = lockReason(member);
              return reason !== null ? (
                <span className="reason">{reason}</span>
              ) : (
                <ConfirmButton
                  label={`Remove ${member.user.displayName}`}
                  question={`Remove ${member.user.displayName} from the organization? They lose access to everything in it.`}
                  confirmLabel={`Yes, remove ${member.user.displayName}`}
                  action={remove}
                  variables={variables(member)}
                />
              );
            },
          },
        ]}
      />
      <ErrorMessage error={setRole.error} />
      {!admin ? <Reason>Only an OWNER or ADMIN can change roles or remove members.</Reason> : null}
    </Section>
  );
}
