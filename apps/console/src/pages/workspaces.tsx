import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { canAdminister, useOrgRole } from '../me';
import { Link, navigate } from '../router';
import { Badge, Button, ErrorMessage, Field, Loading, Reason, Section } from '../ui';

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
  const [{ data, error, fetching }] = useQuery({ query: WorkspacesQuery, variables: { id: organizationId } });
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [state, create] = useMutation(CreateWorkspaceMutation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create({
      input: { organizationId, name, ...(description ? { description } : {}) },
    });
    if (result.data) navigate(`/workspaces/${result.data.createWorkspace.id}`);
  };
  const organization = data?.organization;
  if (!organization) return fetching ? <Loading what="workspaces" /> : <ErrorMessage error={error} />;
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
              <li key={workspace.id} className="tile">
                <Link to={`/workspaces/${workspace.id}`}>{workspace.name}</Link>
                <p className="muted">{workspace.description ?? 'No description.'}</p>
                <p>
                  <Badge>{workspace.viewerRole ?? 'no role'}</Badge> {workspace.designs.totalCount} design(s)
                </p>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="New workspace">
        {canAdminister(role) ? (
          <form className="inline-form" onSubmit={(event) => void submit(event)}>
            <Field label="Workspace name">
              {(p) => (
                <input
                  {...p}
                  required
                  maxLength={100}
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                />
              )}
            </Field>
            <Field label="Description (optional)">
              {(p) => <input {...p} value={description} onChange={(e) => setDescription(e.target.value)} />}
            </Field>
            <Button type="submit" disabled={state.fetching}>
              Create workspace
            </Button>
            <ErrorMessage error={state.error} />
          </form>
        ) : (
          <Reason>Only an OWNER or ADMIN of the organization can create workspaces.</Reason>
        )}
      </Section>
    </>
  );
}
