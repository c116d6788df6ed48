import { useState } from 'react';
import { ConfirmButton, useAction } from '../actions';
import { EditDetails } from '../edit-details';
import { PickForm, SelectField } from '../forms';
import { graphql } from '../gql';
import type { WorkspaceRole } from '../gql/graphql';
import { navigate } from '../router';
import { Badge, Reason, Section } from '../ui';

const GrantMutation = graphql(`
  mutation GrantWorkspaceAccess($workspaceId: ID!, $teamId: ID!, $role: WorkspaceRole!) {
    grantWorkspaceAccess(workspaceId: $workspaceId, teamId: $teamId, role: $role) {
      role
    }
  }
`);
const RevokeGrantMutation = graphql(`
  mutation RevokeWorkspaceAccess($workspaceId: ID!, $teamId: ID!) {
    revokeWorkspaceAccess(workspaceId: $workspaceId, teamId: $teamId)
  }
`);
const AttachMutation = graphql(`
  mutation AttachEnvironment($workspaceId: ID!, $environmentId: ID!) {
    attachEnvironment(workspaceId: $workspaceId, environmentId: $environmentId) {
      id
    }
  }
`);
const DetachMutation = graphql(`
  mutation DetachEnvironment($workspaceId: ID!, $environmentId: ID!) {
    detachEnvironment(workspaceId: $workspaceId, environmentId: $environmentId) {
      id
    }
  }
`);
const UpdateWorkspaceMutation = graphql(`
  mutation UpdateWorkspace($id: ID!, $input: UpdateWorkspaceInput!) {
    updateWorkspace(id: $id, input: $input) {
      id
      name
      description
    }
  }
`);
const DeleteWorkspaceMutation = graphql(`
  mutation DeleteWorkspace($id: ID!) {
    deleteWorkspace(id: $id)
  }
`);

type Named = { id: string; name: string };
type WorkspaceForSettings = {
  id: string;
  name: string;
  description?: string | null;
  organization: Named & { teams: Named[]; environments: Named[] };
  grants: Array<{ role: WorkspaceRole; team: Named }>;
  environments: Named[];
};
type Props = { workspace: WorkspaceForSettings; admin: boolean; onChange(): void };

const WORKSPACE_ROLES: WorkspaceRole[] = ['VIEWER', 'EDITOR', 'ADMIN'];
const ADMIN_ONLY = 'needs the ADMIN role on this workspace.';

/** Team grants: workspace ADMINs grant and revoke; everyone else reads them. */
export function WorkspaceAccess({ workspace, admin, onChange }: Props) {
  const [role, setRole] = useState<WorkspaceRole>('EDITOR');
  const grant = useAction(GrantMutation, { onDone: onChange });
  const revoke = useAction(RevokeGrantMutation, { onDone: onChange });
  return (
    <Section title="Team access">
      <ul className="list">
        {workspace.grants.map((g) => (
          <li key={g.team.id} className="row">
            <span>{g.team.name}</span> <Badge>{g.role}</Badge>
            {admin ? (
              <ConfirmButton
                label={`Revoke access of ${g.team.name}`}
                question={`Revoke the ${g.role} access of ${g.team.name} to ${workspace.name}?`}
                confirmLabel="Yes, revoke it"
                action={revoke}
                variables={{ workspaceId: workspace.id, teamId: g.team.id }}
              />
            ) : null}
          </li>
        ))}
        {workspace.grants.length === 0 ? <li className="muted">No team grants.</li> : null}
      </ul>
      {admin ? (
        <PickForm
          action={grant}
          label="Team"
          placeholder="Choose a team…"
          items={workspace.organization.teams}
          submitLabel="Grant access"
          onPick={(teamId) => grant.run({ workspaceId: workspace.id, teamId, role })}
        >
          <SelectField
            label="Workspace role"
            options={WORKSPACE_ROLES}
            value={role}
            onChange={(value) => setRole(value)}
          />
        </PickForm>
      ) : (
        <Reason>Granting and revoking team access {ADMIN_ONLY}</Reason>
      )}
    </Section>
  );
}

/** Environments attached to the workspace: its ADMINs attach and detach them. */
export function WorkspaceEnvironments({ workspace, admin, onChange }: Props) {
  const attach = useAction(AttachMutation, { onDone: onChange });
  const detach = useAction(DetachMutation, { onDone: onChange });
  const attachable = workspace.organization.environments.filter(
    (environment) => !workspace.environments.some((attached) => attached.id === environment.id),
  );
  return (
    <Section title="Environments">
      <ul className="list">
        {workspace.environments.map((environment) => (
          <li key={environment.id} className="row">
            <span>{environment.name}</span>
            {admin ? (
              <ConfirmButton
                label={`Detach ${environment.name}`}
                question={`Detach ${environment.name} from ${workspace.name}? Its designs can no longer be deployed there; what is deployed stays.`}
                confirmLabel={`Yes, detach ${environment.name}`}
                action={detach}
                variables={{ workspaceId: workspace.id, environmentId: environment.id }}
              />
            ) : null}
          </li>
        ))}
        {workspace.environments.length === 0 ? <li className="muted">No environment attached.</li> : null}
      </ul>
      {admin && attachable.length > 0 ? (
        <PickForm
          action={attach}
          label="Environment to attach"
          placeholder="Choose an environment…"
          items={attachable}
          submitLabel="Attach environment"
          onPick={(environmentId) => attach.run({ workspaceId: workspace.id, environmentId })}
        />
      ) : null}
      {!admin ? <Reason>Attaching and detaching environments {ADMIN_ONLY}</Reason> : null}
    </Section>
  );
}

/** Rename, describe or delete the workspace: its ADMINs only. */
export function WorkspaceSettings({ workspace, admin }: Omit<Props, 'onChange'>) {
  const update = useAction(UpdateWorkspaceMutation);
  const remove = useAction(DeleteWorkspaceMutation, {
    typenames: ['Workspace'],
    onDone: () => navigate(`/orgs/${workspace.organization.id}/workspaces`),
  });
  return (
    <Section title="Workspace settings">
      {admin ? (
        <>
          <EditDetails
            current={workspace}
            action={update}
            save={(input) => update.run({ id: workspace.id, input })}
          />
          <ConfirmButton
            label="Delete workspace"
            question={`Delete ${workspace.name} and its designs? Deployments stay recorded, and what was deployed stays on the targets.`}
            confirmLabel={`Yes, delete ${workspace.name}`}
            action={remove}
            variables={{ id: workspace.id }}
          />
        </>
      ) : (
        <Reason>Renaming or deleting the workspace {ADMIN_ONLY}</Reason>
      )}
    </Section>
  );
}
