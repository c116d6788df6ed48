import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { WorkspaceRole } from '../gql/graphql';
import { hasWorkspaceRole } from '../me';
import { Link, navigate } from '../router';
import { Badge, Button, ErrorMessage, Field, Loading, Reason, Section, Table, formatTime } from '../ui';

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
  const [{ data, error, fetching }, refresh] = useQuery({
    query: WorkspaceQuery,
    variables: { id: workspaceId },
  });
  const reload = () => refresh({ requestPolicy: 'network-only' });
  const [designName, setDesignName] = useState('');
  const [createState, createDesign] = useMutation(CreateDesignMutation);
  const [teamId, setTeamId] = useState('');
  const [grantRole, setGrantRole] = useState<WorkspaceRole>('EDITOR');
  const [grantState, grant] = useMutation(GrantMutation);
  const [revokeState, revoke] = useMutation(RevokeGrantMutation);
  const [environmentId, setEnvironmentId] = useState('');
  const [attachState, attach] = useMutation(AttachMutation);
  const [detachState, detach] = useMutation(DetachMutation);
  const workspace = data?.workspace;
  if (!workspace) return fetching ? <Loading what="the workspace" /> : <ErrorMessage error={error} />;
  const editor = hasWorkspaceRole(workspace.viewerRole, 'EDITOR');
  const admin = hasWorkspaceRole(workspace.viewerRole, 'ADMIN');
  const submitDesign = async (event: FormEvent) => {
    event.preventDefault();
    const result = await createDesign({ input: { workspaceId, name: designName, content: STARTER } });
    if (result.data) navigate(`/designs/${result.data.createDesign.id}`);
  };
  const detachable = workspace.organization.environments.filter(
    (environment) => !workspace.environments.some((attached) => attached.id === environment.id),
  );

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
        <Table label="Designs">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Revision</th>
              <th scope="col">Updated</th>
              <th scope="col">Cloned from</th>
            </tr>
          </thead>
          <tbody>
            {workspace.designs.nodes.map((design) => (
              <tr key={design.id}>
                <td>
                  <Link to={`/designs/${design.id}`}>{design.name}</Link>
                </td>
                <td>{design.revision}</td>
                <td>
                  {formatTime(design.updatedAt)}{' '}
                  {design.updatedBy ? `by ${design.updatedBy.displayName}` : ''}
                </td>
                <td>
                  {design.clonedFrom ? (
                    <Link to={`/catalog/${design.clonedFrom.item.id}`}>
                      {design.clonedFrom.item.name} {design.clonedFrom.version}
                    </Link>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
        {editor ? (
          <form className="inline-form" onSubmit={(event) => void submitDesign(event)}>
            <Field label="New design name">
              {(p) => (
                <input
                  {...p}
                  required
                  maxLength={100}
                  value={designName}
                  onChange={(e) => setDesignName(e.target.value)}
                />
              )}
            </Field>
            <Button type="submit" disabled={createState.fetching}>
              Create design
            </Button>
            <ErrorMessage error={createState.error} />
          </form>
        ) : (
          <Reason>Creating and editing designs needs the EDITOR role on this workspace.</Reason>
        )}
      </Section>
      <Section title="Team access">
        <ErrorMessage error={revokeState.error ?? grantState.error} />
        <ul className="list">
          {workspace.grants.map((g) => (
            <li key={g.team.id} className="row">
              <span>{g.team.name}</span> <Badge>{g.role}</Badge>
              {admin ? (
                <Button
                  variant="danger"
                  onClick={() => void revoke({ workspaceId, teamId: g.team.id }).then(reload)}
                >
                  Revoke access of {g.team.name}
                </Button>
              ) : null}
            </li>
          ))}
          {workspace.grants.length === 0 ? <li className="muted">No team grants.</li> : null}
        </ul>
        {admin ? (
          <div className="inline-form">
            <Field label="Team">
              {(p) => (
                <select {...p} value={teamId} onChange={(e) => setTeamId(e.target.value)}>
                  <option value="">Choose a team…</option>
                  {workspace.organization.teams.map((team) => (
                    <option key={team.id} value={team.id}>
                      {team.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Workspace role">
              {(p) => (
                <select
                  {...p}
                  value={grantRole}
                  onChange={(e) => setGrantRole(e.target.value as WorkspaceRole)}
                >
                  <option>VIEWER</option>
                  <option>EDITOR</option>
                  <option>ADMIN</option>
                </select>
              )}
            </Field>
            <Button
              disabled={teamId === '' || grantState.fetching}
              onClick={() => void grant({ workspaceId, teamId, role: grantRole }).then(reload)}
            >
              Grant access
            </Button>
          </div>
        ) : (
          <Reason>Granting and revoking team access needs the ADMIN role on this workspace.</Reason>
        )}
      </Section>
      <Section title="Environments">
        <ErrorMessage error={attachState.error ?? detachState.error} />
        <ul className="list">
          {workspace.environments.map((environment) => (
            <li key={environment.id} className="row">
              <span>{environment.name}</span>
              {admin ? (
                <Button
                  variant="secondary"
                  onClick={() => void detach({ workspaceId, environmentId: environment.id }).then(reload)}
                >
                  Detach {environment.name}
                </Button>
              ) : null}
            </li>
          ))}
          {workspace.environments.length === 0 ? <li className="muted">No environment attached.</li> : null}
        </ul>
        {admin && detachable.length > 0 ? (
          <div className="inline-form">
            <Field label="Environment to attach">
              {(p) => (
                <select {...p} value={environmentId} onChange={(e) => setEnvironmentId(e.target.value)}>
                  <option value="">Choose an environment…</option>
                  {detachable.map((environment) => (
                    <option key={environment.id} value={environment.id}>
                      {environment.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Button
              disabled={environmentId === '' || attachState.fetching}
              onClick={() =>
                void attach({ workspaceId, environmentId }).then(() => {
                  setEnvironmentId('');
                  reload();
                })
              }
            >
              Attach environment
            </Button>
          </div>
        ) : null}
        {!admin ? (
          <Reason>Attaching and detaching environments needs the ADMIN role on this workspace.</Reason>
        ) : null}
      </Section>
    </>
  );
}
