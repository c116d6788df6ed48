import { useAction, usePageQuery } from '../actions';
import { ActionForm, TextField, useFields } from '../forms';
import { graphql } from '../gql';
import { canAdminister, useOrgRole } from '../me';
import { navigate } from '../router';
import { Badge, Reason, Section, Tile } from '../ui';

const WorkspacesQuery = graphql(`
  query Workspaces($id: ID!) {
    organization(id: $id) {
      id
      name
      workspaces {
        id
        name
        description
        viewerRole
        designs(first: 1) {
          totalCount
        }
      }
    }
  }
`);
const CreateWorkspaceMutation = graphql(`
  mutation CreateWorkspace($input: CreateWorkspaceInput!) {
    createWorkspace(input: $input) {
      id
    }
  }
`);

export function WorkspacesPage({ organizationId }: { organizationId: string }) {
  const role = useOrgRole(organizationId);
  const page = usePageQuery(WorkspacesQuery, { id: organizationId }, 'workspaces');
  const { values, field } = useFields({ name: '', description: '' });
  const create = useAction(CreateWorkspaceMutation, {
    onDone: (data) => navigate(`/workspaces/${data.createWorkspace.id}`),
  });
  const organization = page.data?.organization;
  if (!organization) return page.placeholder;
  return (
    <>
      <h1>Workspaces of {organization.name}</h1>
      <Section title="Your workspaces">
        {organization.workspaces.length === 0 ? (
          <p className="muted">
            No workspace you can see yet. A team grant or an OWNER/ADMIN role gives access.
          </p>
        ) : (
          <ul className="grid">
            {organization.workspaces.map((workspace) => (
              <Tile
                key={workspace.id}
                to={`/workspaces/${workspace.id}`}
                title={workspace.name}
                about={workspace.description ?? 'No description.'}
              >
                <p>
                  <Badge>{workspace.viewerRole ?? 'no role'}</Badge> {workspace.designs.totalCount} design(s)
                </p>
              </Tile>
            ))}
          </ul>
        )}
      </Section>
      <Section title="New workspace">
        {canAdminister(role) ? (
          <ActionForm
            action={create}
            submitLabel="Create workspace"
            onSubmit={() =>
              create.run({
                input: { organizationId, name: values.name, description: values.description || null },
              })
            }
          >
            <TextField label="Workspace name" apiField="name" required maxLength={100} {...field('name')} />
            <TextField label="Description (optional)" apiField="description" {...field('description')} />
          </ActionForm>
        ) : (
          <Reason>Only an OWNER or ADMIN of the organization can create workspaces.</Reason>
        )}
      </Section>
    </>
  );
}
