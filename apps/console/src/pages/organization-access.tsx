import { useState } from 'react';
import { ConfirmButton, useAction, usePageQuery } from '../actions';
import { ActionForm, SelectField, TextField, useFields } from '../forms';
import { graphql } from '../gql';
import type { OrgRole } from '../gql/graphql';
import { ORG_ROLES } from '../me';
import { Badge, DataTable, SecretOnce, Section, formatTime } from '../ui';

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
  const page = usePageQuery(OrganizationAccessQuery, { id: props.organizationId }, 'invitations');
  const organization = page.data?.organization;
  return (
    <>
      <InvitationsSection {...props} invitations={organization?.invitations ?? []} onChange={page.reload} />
      <ApiKeysSection
        organizationId={props.organizationId}
        keys={organization?.apiKeys ?? []}
        onChange={page.reload}
      />
      {organization ? null : page.placeholder}
    </>
  );
}

type Invitation = { id: string; email: string; role: OrgRole; status: string; expiresAt: string };

/** Invite with any role the inviter may grant (OWNER only from an OWNER) and, optionally, teams to join. */
function InvitationsSection(props: {
  organizationId: string;
  role: OrgRole | null;
  teams: Array<{ id: string; name: string }>;
  invitations: Invitation[];
  onChange(): void;
}) {
  const { values, field, reset } = useFields({ email: '', role: 'MEMBER' as OrgRole });
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [token, setToken] = useState<string | null>(null);
  const invite = useAction(InviteMemberMutation, {
    onDone: (data) => {
      setToken(data.inviteMember.token);
      reset();
      setTeamIds([]);
      props.onChange();
    },
  });
  const revoke = useAction(RevokeInvitationMutation, { onDone: props.onChange });
  const link = token ? `${location.origin}/invitations/accept?token=${encodeURIComponent(token)}` : null;
  return (
    <Section title="Invitations">
      {link ? <SecretOnce label="The invitation link" value={link} /> : null}
      <ActionForm
        action={invite}
        submitLabel="Invite"
        onSubmit={() => invite.run({ input: { organizationId: props.organizationId, ...values, teamIds } })}
      >
        <TextField label="Email to invite" apiField="email" type="email" required {...field('email')} />
        <SelectField
          label="Role"
          {...field('role')}
          options={ORG_ROLES.filter((role) => role !== 'OWNER' || props.role === 'OWNER')}
        />
        {props.teams.length > 0 ? (
          <fieldset className="checks">
            <legend>Teams to join</legend>
            {props.teams.map((team) => (
              <label key={team.id} className="check">
                <input
                  type="checkbox"
                  checked={teamIds.includes(team.id)}
                  onChange={(e) =>
                    setTeamIds(
                      e.target.checked ? [...teamIds, team.id] : teamIds.filter((id) => id !== team.id),
                    )
                  }
                />
                {team.name}
              </label>
            ))}
          </fieldset>
        ) : null}
      </ActionForm>
      <DataTable
        label="Invitations"
        rows={props.invitations}
        columns={[
          { header: 'Email', cell: (invitation) => invitation.email },
          { header: 'Role', cell: (invitation) => invitation.role },
          {
            header: 'Status',
            cell: (invitation) => <Badge tone={invitation.status.toLowerCase()}>{invitation.status}</Badge>,
          },
          { header: 'Expires', cell: (invitation) => formatTime(invitation.expiresAt) },
          {
            header: 'Actions',
            cell: (invitation) =>
              invitation.status === 'PENDING' ? (
                <ConfirmButton
                  label={`Revoke the invitation of ${invitation.email}`}
                  question={`Revoke the invitation of ${invitation.email}? Its link stops working.`}
                  confirmLabel="Yes, revoke it"
                  action={revoke}
                  variables={{ id: invitation.id }}
                />
              ) : null,
          },
        ]}
      />
    </Section>
  );
}

type ApiKey = {
  id: string;
  name: string;
  role: OrgRole;
  prefix: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
  createdBy?: { displayName: string } | null;
};

function ApiKeysSection(props: { organizationId: string; keys: ApiKey[]; onChange(): void }) {
  const { values, field, reset } = useFields({ name: '', role: 'AUDITOR' as OrgRole });
  const [secret, setSecret] = useState<string | null>(null);
  const create = useAction(CreateApiKeyMutation, {
    onDone: (data) => {
      setSecret(data.createApiKey.secret);
      reset();
      props.onChange();
    },
  });
  const revoke = useAction(RevokeApiKeyMutation, { onDone: props.onChange });
  return (
    <Section title="API keys">
      <p className="hint">
        A key acts inside this organization with the rights of both its role and its creator&apos;s current
        role. AUDITOR keys give read-only partner access.
      </p>
      {secret ? <SecretOnce label="The API key secret" value={secret} /> : null}
      <ActionForm
        action={create}
        submitLabel="Create API key"
        onSubmit={() => create.run({ input: { organizationId: props.organizationId, ...values } })}
      >
        <TextField label="Key name" apiField="name" required maxLength={100} {...field('name')} />
        <SelectField
          label="Key role"
          {...field('role')}
          options={ORG_ROLES.filter((role) => role !== 'OWNER')}
        />
      </ActionForm>
      <DataTable
        label="API keys"
        rows={props.keys}
        columns={[
          { header: 'Name', cell: (key) => key.name },
          { header: 'Prefix', cell: (key) => <code>{key.prefix}…</code> },
          { header: 'Role', cell: (key) => key.role },
          { header: 'Created by', cell: (key) => key.createdBy?.displayName ?? '—' },
          { header: 'Last used', cell: (key) => formatTime(key.lastUsedAt) },
          {
            header: 'Actions',
            cell: (key) =>
              key.revokedAt ? (
                <Badge tone="revoked">revoked {formatTime(key.revokedAt)}</Badge>
              ) : (
                <ConfirmButton
                  label={`Revoke ${key.name}`}
                  question={`Revoke the key ${key.name}? Integrations using it stop working at once.`}
                  confirmLabel="Yes, revoke it"
                  action={revoke}
                  variables={{ id: key.id }}
                />
              ),
          },
        ]}
      />
    </Section>
  );
}
