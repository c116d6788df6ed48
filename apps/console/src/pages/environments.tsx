import { ConfirmButton, useAction, usePageQuery } from '../actions';
import { EditDetails } from '../edit-details';
import { ActionForm, PickForm, TextField, useFields } from '../forms';
import { graphql } from '../gql';
import { canAdminister, useOrgRole } from '../me';
import { Reason, Section } from '../ui';
import { ConnectionsSection } from './connections';

const EnvironmentsQuery = graphql(`
  query EnvironmentsPage($id: ID!) {
    organization(id: $id) {
      id
      environments {
        id
        name
        description
        connections {
          id
          name
        }
        workspaces {
          id
          name
        }
      }
      connections {
        id
        name
        kind
        url
        status
        hasCredentials
        settings
      }
    }
  }
`);
const CreateEnvironmentMutation = graphql(`
  mutation CreateEnvironment($input: CreateEnvironmentInput!) {
    createEnvironment(input: $input) {
      id
    }
  }
`);
const UpdateEnvironmentMutation = graphql(`
  mutation UpdateEnvironment($id: ID!, $input: UpdateEnvironmentInput!) {
    updateEnvironment(id: $id, input: $input) {
      id
      name
      description
    }
  }
`);
const DeleteEnvironmentMutation = graphql(`
  mutation DeleteEnvironment($id: ID!) {
    deleteEnvironment(id: $id)
  }
`);
const AttachConnectionMutation = graphql(`
  mutation AttachConnection($environmentId: ID!, $connectionId: ID!) {
    attachConnection(environmentId: $environmentId, connectionId: $connectionId) {
      id
    }
  }
`);
const DetachConnectionMutation = graphql(`
  mutation DetachConnection($environmentId: ID!, $connectionId: ID!) {
    detachConnection(environmentId: $environmentId, connectionId: $connectionId) {
      id
    }
  }
`);

type Named = { id: string; name: string };
type Environment = Named & { description?: string | null; connections: Named[]; workspaces: Named[] };

export function EnvironmentsPage({ organizationId }: { organizationId: string }) {
  const admin = canAdminister(useOrgRole(organizationId));
  const page = usePageQuery(EnvironmentsQuery, { id: organizationId }, 'environments');
  const { values, field, reset } = useFields({ name: '' });
  const create = useAction(CreateEnvironmentMutation, {
    onDone: () => {
      reset();
      page.reload();
    },
  });
  const organization = page.data?.organization;
  if (!organization) return page.placeholder;
  return (
    <>
      <h1>Environments and connections</h1>
      <Section title="Environments">
        <ul className="list">
          {organization.environments.map((environment) => (
            <li key={environment.id} className="list-item">
              <EnvironmentRow
                environment={environment}
                connections={organization.connections}
                admin={admin}
                onChange={page.reload}
              />
            </li>
          ))}
          {organization.environments.length === 0 ? <li className="muted">No environments yet.</li> : null}
        </ul>
        {admin ? (
          <ActionForm
            action={create}
            submitLabel="Create environment"
            onSubmit={() => create.run({ input: { organizationId, ...values } })}
          >
            <TextField
              label="New environment name"
              apiField="name"
              required
              maxLength={100}
              {...field('name')}
            />
          </ActionForm>
        ) : (
          <Reason>Only an OWNER or ADMIN creates, changes or deletes environments and connections.</Reason>
        )}
      </Section>
      <ConnectionsSection
        organizationId={organizationId}
        connections={organization.connections}
        admin={admin}
        onChange={page.reload}
      />
    </>
  );
}

/** One environment: its connections (attach, detach), the workspaces using it, and edit or delete for OWNER/ADMIN. */
function EnvironmentRow(props: {
  environment: Environment;
  connections: Named[];
  admin: boolean;
  onChange(): void;
}) {
  const { environment, admin, onChange } = props;
  const attach = useAction(AttachConnectionMutation, { onDone: onChange });
  const detach = useAction(DetachConnectionMutation, { onDone: onChange });
  const update = useAction(UpdateEnvironmentMutation, { onDone: onChange });
  const remove = useAction(DeleteEnvironmentMutation, { onDone: onChange, typenames: ['Environment'] });
  const attachable = props.connections.filter((c) => !environment.connections.some((a) => a.id === c.id));
  return (
    <>
      <strong>{environment.name}</strong>
      {environment.description ? <span className="muted"> · {environment.description}</span> : null}
      <p className="muted">Workspaces: {environment.workspaces.map((w) => w.name).join(', ') || 'none'}</p>
      <ul className="chips" aria-label={`Connections of ${environment.name}`}>
        {environment.connections.map((connection) => (
          <li key={connection.id}>
            {connection.name}
            {admin ? (
              <ConfirmButton
                label={`Detach ${connection.name} from ${environment.name}`}
                question={`Detach ${connection.name}? Deploys to ${environment.name} stop reaching it.`}
                confirmLabel={`Yes, detach ${connection.name}`}
                action={detach}
                variables={{ environmentId: environment.id, connectionId: connection.id }}
              />
            ) : null}
          </li>
        ))}
        {environment.connections.length === 0 ? <li className="muted">No connection.</li> : null}
      </ul>
      {admin ? (
        <>
          {attachable.length > 0 ? (
            <PickForm
              action={attach}
              label={`Connection to attach to ${environment.name}`}
              placeholder="Choose…"
              items={attachable}
              submitLabel="Attach connection"
              onPick={(connectionId) => attach.run({ environmentId: environment.id, connectionId })}
            />
          ) : null}
          <EditDetails
            current={environment}
            action={update}
            save={(input) => update.run({ id: environment.id, input })}
          />
          <ConfirmButton
            label={`Delete environment ${environment.name}`}
            question={`Delete ${environment.name}? Workspaces using it can no longer deploy there; what is deployed stays.`}
            confirmLabel={`Yes, delete ${environment.name}`}
            action={remove}
            variables={{ id: environment.id }}
          />
        </>
      ) : null}
    </>
  );
}
