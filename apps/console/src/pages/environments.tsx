import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { ConnectionKind } from '../gql/graphql';
import { canAdminister, useOrgRole } from '../me';
import { Badge, Button, ErrorMessage, Field, Loading, Reason, Section, Table } from '../ui';

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
const CreateConnectionMutation = graphql(`
  mutation CreateConnection($input: CreateConnectionInput!) {
    createConnection(input: $input) {
      id
    }
  }
`);
const AttachConnectionMutation = graphql(`
  mutation AttachConnection($environmentId: ID!, $connectionId: ID!) {
    attachConnection(environmentId: $environmentId, connectionId: $connectionId) {
      id
    }
  }
`);

const KINDS: ConnectionKind[] = ['KUBERNETES', 'GIT', 'PROMETHEUS', 'GRAFANA', 'OTHER'];

/** Parses a JSON object typed by a person; null when empty, a message when it does not parse. */
function parseObject(text: string): { value: unknown } | { problem: string } {
  if (text.trim() === '') return { value: null };
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? { value }
      : { problem: 'must be a JSON object, e.g. {"token": "…"}' };
  } catch (error) {
    return { problem: `is not valid JSON (${(error as Error).message})` };
  }
}

export function EnvironmentsPage({ organizationId }: { organizationId: string }) {
  const admin = canAdminister(useOrgRole(organizationId));
  const [{ data, error, fetching }, refresh] = useQuery({
    query: EnvironmentsQuery,
    variables: { id: organizationId },
  });
  const reload = () => refresh({ requestPolicy: 'network-only' });
  const [envName, setEnvName] = useState('');
  const [envState, createEnvironment] = useMutation(CreateEnvironmentMutation);
  const [conn, setConn] = useState({
    name: '',
    kind: 'KUBERNETES' as ConnectionKind,
    url: '',
    credentials: '',
    settings: '',
  });
  const [connProblem, setConnProblem] = useState<string | null>(null);
  const [connState, createConnection] = useMutation(CreateConnectionMutation);
  const [attachState, attach] = useMutation(AttachConnectionMutation);
  const organization = data?.organization;
  if (!organization) return fetching ? <Loading what="environments" /> : <ErrorMessage error={error} />;

  const submitEnvironment = async (event: FormEvent) => {
    event.preventDefault();
    const result = await createEnvironment({ input: { organizationId, name: envName } });
    if (result.data) {
      setEnvName('');
      reload();
    }
  };
  const submitConnection = async (event: FormEvent) => {
    event.preventDefault();
    const credentials = parseObject(conn.credentials);
    const settings = parseObject(conn.settings);
    if ('problem' in credentials) return setConnProblem(`Credentials ${credentials.problem}`);
    if ('problem' in settings) return setConnProblem(`Settings ${settings.problem}`);
    setConnProblem(null);
    const result = await createConnection({
      input: {
        organizationId,
        name: conn.name,
        kind: conn.kind,
        url: conn.url,
        credentials: credentials.value,
        settings: settings.value,
      },
    });
    if (result.data) {
      setConn({ name: '', kind: conn.kind, url: '', credentials: '', settings: '' });
      reload();
    }
  };

  return (
    <>
      <h1>Environments and connections</h1>
      <Section title="Environments">
        <ErrorMessage error={attachState.error} />
        <ul className="list">
          {organization.environments.map((environment) => {
            const attachable = organization.connections.filter(
              (c) => !environment.connections.some((a) => a.id === c.id),
            );
            return (
              <li key={environment.id} className="list-item">
                <strong>{environment.name}</strong>
                <p className="muted">
                  Connections: {environment.connections.map((c) => c.name).join(', ') || 'none'} · Workspaces:{' '}
                  {environment.workspaces.map((w) => w.name).join(', ') || 'none'}
                </p>
                {admin && attachable.length > 0 ? (
                  <label className="inline-form">
                    <span>Attach a connection to {environment.name}</span>
                    <select
                      value=""
                      onChange={(e) =>
                        void attach({ environmentId: environment.id, connectionId: e.target.value }).then(
                          reload,
                        )
                      }
                    >
                      <option value="">Choose…</option>
                      {attachable.map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.name}
                        </option>
                      ))}
                    </select>
                  </label>
                ) : null}
              </li>
            );
          })}
          {organization.environments.length === 0 ? <li className="muted">No environments yet.</li> : null}
        </ul>
        {admin ? (
          <form className="inline-form" onSubmit={(event) => void submitEnvironment(event)}>
            <Field label="New environment name">
              {(p) => (
                <input
                  {...p}
                  required
                  maxLength={100}
                  value={envName}
                  onChange={(e) => setEnvName(e.target.value)}
                />
              )}
            </Field>
            <Button type="submit" disabled={envState.fetching}>
              Create environment
            </Button>
            <ErrorMessage error={envState.error} />
          </form>
        ) : (
          <Reason>Only an OWNER or ADMIN creates environments and connections.</Reason>
        )}
      </Section>
      <Section title="Connections">
        <p className="hint">
          Credentials are write-only: stored encrypted and never shown again. Settings are visible.
        </p>
        <Table label="Connections">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">URL</th>
              <th scope="col">Status</th>
              <th scope="col">Credentials</th>
              <th scope="col">Settings</th>
            </tr>
          </thead>
          <tbody>
            {organization.connections.map((c) => (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td>{c.kind}</td>
                <td>
                  <code>{c.url}</code>
                </td>
                <td>
                  <Badge>{c.status}</Badge>
                </td>
                <td>{c.hasCredentials ? 'set (hidden)' : 'none'}</td>
                <td>
                  <code>{c.settings ? JSON.stringify(c.settings) : '—'}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
        {admin ? (
          <form className="stack" onSubmit={(event) => void submitConnection(event)}>
            <h3>New connection</h3>
            <Field label="Connection name">
              {(p) => (
                <input
                  {...p}
                  required
                  value={conn.name}
                  onChange={(e) => setConn({ ...conn, name: e.target.value })}
                />
              )}
            </Field>
            <Field label="Kind">
              {(p) => (
                <select
                  {...p}
                  value={conn.kind}
                  onChange={(e) => setConn({ ...conn, kind: e.target.value as ConnectionKind })}
                >
                  {KINDS.map((kind) => (
                    <option key={kind}>{kind}</option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="URL">
              {(p) => (
                <input
                  {...p}
                  required
                  type="url"
                  value={conn.url}
                  onChange={(e) => setConn({ ...conn, url: e.target.value })}
                />
              )}
            </Field>
            <Field
              label="Credentials (JSON, write-only)"
              hint='e.g. {"token": "…"}; never shown again after saving.'
            >
              {(p) => (
                <textarea
                  {...p}
                  rows={3}
                  autoComplete="off"
                  value={conn.credentials}
                  onChange={(e) => setConn({ ...conn, credentials: e.target.value })}
                />
              )}
            </Field>
            <Field
              label="Settings (JSON)"
              hint='KUBERNETES: {"namespace": "…"}; GIT: {"branch": "main", "path": "…"}'
            >
              {(p) => (
                <textarea
                  {...p}
                  rows={2}
                  value={conn.settings}
                  onChange={(e) => setConn({ ...conn, settings: e.target.value })}
                />
              )}
            </Field>
            {connProblem ? (
              <p className="field-error" role="alert">
                {connProblem}
              </p>
            ) : null}
            <ErrorMessage error={connState.error} />
            <Button type="submit" disabled={connState.fetching}>
              Create connection
            </Button>
          </form>
        ) : null}
      </Section>
    </>
  );
}
