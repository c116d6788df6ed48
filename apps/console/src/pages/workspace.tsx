import { usePageQuery, useAction } from '../actions';
import { ActionForm, TextField, useFields } from '../forms';
import { graphql } from '../gql';
import { hasWorkspaceRole } from '../me';
import { Link, navigate } from '../router';
import { Badge, DataTable, Reason, Section, formatTime } from '../ui';
import { WorkspaceAccess, WorkspaceEnvironments, WorkspaceSettings } from './workspace-settings';

const WorkspaceQuery = graphql(`
  query WorkspacePage($id: ID!) {
    workspace(id: $id) {
      id
      name
      description
      viewerRole
      organization {
        id
        name
        teams {
          id
          name
        }
        environments {
          id
          name
        }
      }
      grants {
        role
        grantedAt
        team {
          id
          name
        }
      }
      environments {
        id
        name
        description
      }
      designs(first: 100) {
        totalCount
        nodes {
          id
          name
          revision
          updatedAt
          updatedBy {
            displayName
          }
          clonedFrom {
            version
            item {
              id
              name
            }
          }
        }
      }
    }
  }
`);
const CreateDesignMutation = graphql(`
  mutation CreateDesign($input: CreateDesignInput!) {
    createDesign(input: $input) {
      id
    }
  }
`);

const STARTER = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  namespace: default
spec:
  replicas: 1
  selector:
    matchLabels: { app: app }
  template:
    metadata:
      labels: { app: app }
    spec:
      containers:
        - name: app
          image: nginx:1.27
`;

export function WorkspacePage({ workspaceId }: { workspaceId: string }) {
  const page = usePageQuery(WorkspaceQuery, { id: workspaceId }, 'the workspace');
  const { values, field } = useFields({ name: '' });
  const create = useAction(CreateDesignMutation, {
    onDone: (data) => navigate(`/designs/${data.createDesign.id}`),
  });
  const workspace = page.data?.workspace;
  if (!workspace) return page.placeholder;
  const editor = hasWorkspaceRole(workspace.viewerRole, 'EDITOR');
  const admin = hasWorkspaceRole(workspace.viewerRole, 'ADMIN');

  return (
    <>
      <p className="crumbs">
        <Link to={`/orgs/${workspace.organization.id}/workspaces`}>{workspace.organization.name}</Link> /
      </p>
      <h1>{workspace.name}</h1>
      <p className="muted">
        Your role here: <Badge>{workspace.viewerRole ?? 'none'}</Badge> {workspace.description ?? ''}
      </p>
      <Section title={`Designs (${workspace.designs.totalCount})`}>
        <DataTable
          label="Designs"
          rows={workspace.designs.nodes}
          columns={[
            { header: 'Name', cell: (design) => <Link to={`/designs/${design.id}`}>{design.name}</Link> },
            { header: 'Revision', cell: (design) => design.revision },
            {
              header: 'Updated',
              cell: (design) =>
                `${formatTime(design.updatedAt)} ${design.updatedBy ? `by ${design.updatedBy.displayName}` : ''}`,
            },
            {
              header: 'Cloned from',
              cell: ({ clonedFrom }) =>
                clonedFrom ? (
                  <Link to={`/catalog/${clonedFrom.item.id}`}>
                    {clonedFrom.item.name} {clonedFrom.version}
                  </Link>
                ) : (
                  '—'
                ),
            },
          ]}
        />
        {editor ? (
          <ActionForm
            action={create}
            submitLabel="Create design"
            onSubmit={() => create.run({ input: { workspaceId, name: values.name, content: STARTER } })}
          >
            <TextField label="New design name" apiField="name" required maxLength={100} {...field('name')} />
          </ActionForm>
        ) : (
          <Reason>Creating and editing designs needs the EDITOR role on this workspace.</Reason>
        )}
      </Section>
      <WorkspaceAccess workspace={workspace} admin={admin} onChange={page.reload} />
      <WorkspaceEnvironments workspace={workspace} admin={admin} onChange={page.reload} />
      <WorkspaceSettings workspace={workspace} admin={admin} />
    </>
  );
}
