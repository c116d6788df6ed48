import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { OrgRole } from '../gql/graphql';
import { Badge, Button, ErrorMessage, Field, SecretOnce, Section, Table, formatTime } from '../ui';
import { ORG_ROLES } from '../me';

const OrganizationAccessQuery = graphql(`
  query OrganizationAccess($id: ID!) {
    organization(id: $id) {
      id
      invitations {
        id
        email
        role
        status
        expiresAt
        invitedBy {
          displayName
        }
      }
      apiKeys {
        id
        name
        role
        prefix
        createdAt
        expiresAt
        lastUsedAt
        revokedAt
        createdBy {
          displayName
        }
      }
    }
  }
`);
const InviteMemberMutation = graphql(`
  mutation InviteMember($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      token
      invitation {
        id
      }
    }
  }
`);
const RevokeInvitationMutation = graphql(`
  mutation RevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) {
      id
      status
    }
  }
`);
const CreateApiKeyMutation = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        id
      }
    }
  }
`);
const RevokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      revokedAt
    }
  }
`);

/** Invitations and API keys: OWNER and ADMIN only (the page shows a reason to everyone else). */
export function AccessSection(props: {
  organizationId: string;
  role: OrgRole | null;
  teams: Array<{ id: string; name: string }>;
}) {
  const [{ data, error }, refresh] = useQuery({
    query: OrganizationAccessQuery,
    variables: { id: props.organizationId },
  });
  const reload = () => refresh({ requestPolicy: 'network-only' });
  const [email, setEmail] = useState('');
  const [inviteRole, setInviteRole] = useState<OrgRole>('MEMBER');
  const [inviteState, invite] = useMutation(InviteMemberMutation);
  const [revokeInviteState, revokeInvite] = useMutation(RevokeInvitationMutation);
  const [keyName, setKeyName] = useState('');
  const [keyRole, setKeyRole] = useState<OrgRole>('AUDITOR');
  const [keyState, createKey] = useMutation(CreateApiKeyMutation);
  const [revokeKeyState, revokeKey] = useMutation(RevokeApiKeyMutation);
  const [inviteToken, setInviteToken] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const grantable = ORG_ROLES.filter((role) => role !== 'OWNER' || props.role === 'OWNER');

  const submitInvite = async (event: FormEvent) => {
    event.preventDefault();
    const result = await invite({ input: { organizationId: props.organizationId, email, role: inviteRole } });
    if (result.data) {
      setInviteToken(result.data.inviteMember.token);
      setEmail('');
      reload();
    }
  };
  const submitKey = async (event: FormEvent) => {
    event.preventDefault();
    const result = await createKey({
      input: { organizationId: props.organizationId, name: keyName, role: keyRole },
    });
    if (result.data) {
      setSecret(result.data.createApiKey.secret);
      setKeyName('');
      reload();
    }
  };
  const organization = data?.organization;
  const link = inviteToken
    ? `${location.origin}/invitations/accept?token=${encodeURIComponent(inviteToken)}`
    : null;

  return (
    <>
      <Section title="Invitations">
        <ErrorMessage error={error ?? revokeInviteState.error} />
        {link ? <SecretOnce label="The invitation link" value={link} /> : null}
        <form className="inline-form" onSubmit={(event) => void submitInvite(event)}>
          <Field label="Email to invite">
            {(p) => (
              <input {...p} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
            )}
          </Field>
          <Field label="Role">
            {(p) => (
              <select {...p} value={inviteRole} onChange={(e) => setInviteRole(e.target.value as OrgRole)}>
                {grantable.map((role) => (
                  <option key={role}>{role}</option>
                ))}
              </select>
            )}
          </Field>
          <Button type="submit" disabled={inviteState.fetching}>
            Invite
          </Button>
        </form>
        <ErrorMessage error={inviteState.error} />
        <Table label="Invitations">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Expires</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {(organization?.invitations ?? []).map((invitation) => (
              <tr key={invitation.id}>
                <td>{invitation.email}</td>
                <td>{invitation.role}</td>
                <td>
                  <Badge tone={invitation.status.toLowerCase()}>{invitation.status}</Badge>
                </td>
                <td>{formatTime(invitation.expiresAt)}</td>
                <td>
                  {invitation.status === 'PENDING' ? (
                    <Button
                      variant="danger"
                      onClick={() => void revokeInvite({ id: invitation.id }).then(reload)}
                    >
                      Revoke
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Section>
      <Section title="API keys">
        <p className="hint">
          A key acts inside this organization with the rights of both its role and its creator&apos;s current
          role. AUDITOR keys give read-only partner access.
        </p>
        {secret ? <SecretOnce label="The API key secret" value={secret} /> : null}
        <form className="inline-form" onSubmit={(event) => void submitKey(event)}>
          <Field label="Key name">
            {(p) => (
              <input
                {...p}
                required
                maxLength={100}
                value={keyName}
                onChange={(e) => setKeyName(e.target.value)}
              />
            )}
          </Field>
          <Field label="Key role">
            {(p) => (
              <select {...p} value={keyRole} onChange={(e) => setKeyRole(e.target.value as OrgRole)}>
                {ORG_ROLES.filter((role) => role !== 'OWNER').map((role) => (
                  <option key={role}>{role}</option>
                ))}
              </select>
            )}
          </Field>
          <Button type="submit" disabled={keyState.fetching}>
            Create API key
          </Button>
        </form>
        <ErrorMessage error={keyState.error ?? revokeKeyState.error} />
        <Table label="API keys">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Prefix</th>
              <th scope="col">Role</th>
              <th scope="col">Created by</th>
              <th scope="col">Last used</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {(organization?.apiKeys ?? []).map((key) => (
              <tr key={key.id}>
                <td>{key.name}</td>
                <td>
                  <code>{key.prefix}…</code>
                </td>
                <td>{key.role}</td>
                <td>{key.createdBy?.displayName ?? '—'}</td>
                <td>{formatTime(key.lastUsedAt)}</td>
                <td>
                  {key.revokedAt ? (
                    <Badge tone="revoked">revoked {formatTime(key.revokedAt)}</Badge>
                  ) : (
                    <Button variant="danger" onClick={() => void revokeKey({ id: key.id }).then(reload)}>
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Section>
    </>
  );
}
