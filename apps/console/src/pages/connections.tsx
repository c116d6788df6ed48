import { useState } from 'react';
import { ConfirmButton, useAction, type ActionState } from '../actions';
import { ActionForm, SelectField, TextAreaField, TextField, useFields } from '../forms';
import { graphql } from '../gql';
import type { ConnectionKind, ConnectionStatus } from '../gql/graphql';
import { Badge, DataTable, Section } from '../ui';

const CreateConnectionMutation = graphql(`
  mutation CreateConnection($input: CreateConnectionInput!) {
    createConnection(input: $input) {
      id
    }
  }
`);
const UpdateConnectionMutation = graphql(`
  mutation UpdateConnection($id: ID!, $input: UpdateConnectionInput!) {
    updateConnection(id: $id, input: $input) {
      id
      name
      url
      status
      hasCredentials
      settings
    }
  }
`);
const DeleteConnectionMutation = graphql(`
  mutation DeleteConnection($id: ID!) {
    deleteConnection(id: $id)
  }
`);

const KINDS: ConnectionKind[] = ['KUBERNETES', 'GIT', 'PROMETHEUS', 'GRAFANA', 'OTHER'];
const STATUSES: ConnectionStatus[] = ['REGISTERED', 'CONNECTED', 'DISCONNECTED', 'MAINTENANCE'];

type Connection = {
  id: string;
  name: string;
  kind: ConnectionKind;
  url: string;
  status: ConnectionStatus;
  hasCredentials: boolean;
  settings?: unknown;
};

/** Parses a JSON object typed by a person; null when empty, a message when it does not parse. */
function parseObject(label: string, text: string): unknown {
  if (text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${label} is not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${label} must be a JSON object, e.g. {"token": "…"}`);
  return value;
}

/**
 * The connection form, for a new connection and for changing one: credentials are write-only
 * (left empty on a change, they stay as they are), settings are visible JSON.
 */
function ConnectionForm(props: {
  connection?: Connection;
  submitLabel: string;
  action: ActionState;
  save(input: {
    name: string;
    kind: ConnectionKind;
    url: string;
    status: ConnectionStatus;
    credentials: unknown;
    settings: unknown;
  }): Promise<boolean>;
}) {
  const { connection } = props;
  const suffix = connection ? ` of ${connection.name}` : '';
  const { values, field, reset } = useFields({
    name: connection?.name ?? '',
    kind: connection?.kind ?? ('KUBERNETES' as ConnectionKind),
    status: connection?.status ?? ('REGISTERED' as ConnectionStatus),
    url: connection?.url ?? '',
    credentials: '',
    settings: connection?.settings ? JSON.stringify(connection.settings) : '',
  });
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async () => {
    try {
      const credentials = parseObject('Credentials', values.credentials);
      const settings = parseObject('Settings', values.settings);
      setProblem(null);
      if ((await props.save({ ...values, credentials, settings })) && !connection) reset();
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  return (
    <ActionForm action={props.action} submitLabel={props.submitLabel} layout="stack" onSubmit={submit}>
      <TextField
        label={`Connection name${suffix}`}
        apiField="name"
        required
        maxLength={100}
        {...field('name')}
      />
      {connection ? (
        <SelectField label={`Status${suffix}`} options={STATUSES} {...field('status')} />
      ) : (
        <SelectField label="Kind" options={KINDS} {...field('kind')} />
      )}
      <TextField label={`URL${suffix}`} apiField="url" required type="url" {...field('url')} />
      <TextAreaField
        label={`Credentials (JSON, write-only)${suffix}`}
        hint={
          connection?.hasCredentials
            ? 'Set; leave empty to keep them.'
            : 'e.g. {"token": "…"}; never shown again after saving.'
        }
        apiField="credentials"
        rows={3}
        {...field('credentials')}
      />
      <TextAreaField
        label={`Settings (JSON)${suffix}`}
        hint='KUBERNETES: {"namespace": "…"}; GIT: {"branch": "main", "path": "…"}'
        apiField="settings"
        rows={2}
        {...field('settings')}
      />
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </ActionForm>
  );
}

export function ConnectionsSection(props: {
  organizationId: string;
  connections: Connection[];
  admin: boolean;
  onChange(): void;
}) {
  const create = useAction(CreateConnectionMutation, { onDone: props.onChange });
  return (
    <Section title="Connections">
      <p className="hint">
        Credentials are write-only: stored encrypted and never shown again. Settings are visible.
      </p>
      <DataTable
        label="Connections"
        rows={props.connections}
        columns={[
          { header: 'Name', cell: (c) => c.name },
          { header: 'Kind', cell: (c) => c.kind },
          { header: 'URL', cell: (c) => <code>{c.url}</code> },
          { header: 'Status', cell: (c) => <Badge>{c.status}</Badge> },
          { header: 'Credentials', cell: (c) => (c.hasCredentials ? 'set (hidden)' : 'none') },
          { header: 'Settings', cell: (c) => <code>{c.settings ? JSON.stringify(c.settings) : '—'}</code> },
          {
            header: 'Actions',
            show: props.admin,
            cell: (c) => <ConnectionActions connection={c} onChange={props.onChange} />,
          },
        ]}
      />
      {props.admin ? (
        <>
          <h3>New connection</h3>
          <ConnectionForm
            submitLabel="Create connection"
            action={create}
            save={({ status: _status, ...input }) =>
              create.run({ input: { organizationId: props.organizationId, ...input } })
            }
          />
        </>
      ) : null}
    </Section>
  );
}

/** Edit (behind a disclosure) and delete one connection; each row has its own actions and errors. */
function ConnectionActions({ connection, onChange }: { connection: Connection; onChange(): void }) {
  const update = useAction(UpdateConnectionMutation, { onDone: onChange });
  const remove = useAction(DeleteConnectionMutation, { onDone: onChange, typenames: ['Connection'] });
  return (
    <>
      <details className="edit">
        <summary>Edit {connection.name}</summary>
        <ConnectionForm
          connection={connection}
          submitLabel="Save changes"
          action={update}
          save={({ kind: _kind, credentials, ...input }) =>
            update.run({ id: connection.id, input: { ...input, ...(credentials ? { credentials } : {}) } })
          }
        />
      </details>
      <ConfirmButton
        label={`Delete connection ${connection.name}`}
        question={`Delete ${connection.name} and its stored credentials? Environments stop deploying to it.`}
        confirmLabel={`Yes, delete ${connection.name}`}
        action={remove}
        variables={{ id: connection.id }}
      />
    </>
  );
}
