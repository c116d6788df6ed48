import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { describeError } from '../errors';
import { graphql } from '../gql';
import type { PolicyEnforcement, PolicySeverity } from '../gql/graphql';
import { canAdminister, useOrgRole } from '../me';
import { Badge, Button, ErrorMessage, Field, Loading, Reason, Section, Table } from '../ui';

const PoliciesQuery = graphql(`
  query Policies($id: ID!) {
    policies(organizationId: $id) {
      id
      name
      description
      severity
      enforcement
      kinds
      expression
      message
    }
  }
`);
const CreatePolicyMutation = graphql(`
  mutation CreatePolicy($input: CreatePolicyInput!) {
    createPolicy(input: $input) {
      id
    }
  }
`);
const DeletePolicyMutation = graphql(`
  mutation DeletePolicy($id: ID!) {
    deletePolicy(id: $id)
  }
`);

const SEVERITIES: PolicySeverity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const EMPTY = {
  name: '',
  severity: 'HIGH' as PolicySeverity,
  enforcement: 'AUDIT' as PolicyEnforcement,
  kinds: 'Deployment',
  expression:
    'object.spec.template.spec.containers.all(c, has(c.securityContext) && c.securityContext.runAsNonRoot == true)',
  message: '',
};

export function PoliciesPage({ organizationId }: { organizationId: string }) {
  const admin = canAdminister(useOrgRole(organizationId));
  const [{ data, error, fetching }, refresh] = useQuery({
    query: PoliciesQuery,
    variables: { id: organizationId },
  });
  const reload = () => refresh({ requestPolicy: 'network-only' });
  const [form, setForm] = useState(EMPTY);
  const [createState, create] = useMutation(CreatePolicyMutation);
  const [deleteState, remove] = useMutation(DeletePolicyMutation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const kinds = form.kinds
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    const result = await create({ input: { organizationId, ...form, kinds } });
    if (result.data) {
      setForm(EMPTY);
      reload();
    }
  };
  const problems = createState.error ? describeError(createState.error) : [];
  const expressionProblem = problems.find((p) => p.field?.includes('expression'))?.detail ?? null;
  if (!data) return fetching ? <Loading what="policies" /> : <ErrorMessage error={error} />;
  return (
    <>
      <h1>Policies</h1>
      <p className="hint">
        Rules in CEL over <code>object</code> (one Kubernetes manifest). AUDIT policies report; DENY policies
        also refuse deploys.
      </p>
      <Section title={`Policies (${data.policies.length})`}>
        <ErrorMessage error={deleteState.error} />
        <Table label="Policies">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Severity</th>
              <th scope="col">Enforcement</th>
              <th scope="col">Kinds</th>
              <th scope="col">Expression</th>
              {admin ? <th scope="col">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.policies.map((policy) => (
              <tr key={policy.id}>
                <td>{policy.name}</td>
                <td>
                  <Badge tone={policy.severity.toLowerCase()}>{policy.severity}</Badge>
                </td>
                <td>{policy.enforcement}</td>
                <td>{policy.kinds.join(', ') || 'all'}</td>
                <td>
                  <code>{policy.expression}</code>
                </td>
                {admin ? (
                  <td>
                    <Button variant="danger" onClick={() => void remove({ id: policy.id }).then(reload)}>
                      Delete {policy.name}
                    </Button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      </Section>
      <Section title="New policy">
        {admin ? (
          <form className="stack" onSubmit={(event) => void submit(event)}>
            <Field label="Policy name">
              {(p) => (
                <input
                  {...p}
                  required
                  value={form.name}
                  onChange={(e) => setForm({ ...form, name: e.target.value })}
                />
              )}
            </Field>
            <div className="inline-form">
              <Field label="Severity">
                {(p) => (
                  <select
                    {...p}
                    value={form.severity}
                    onChange={(e) => setForm({ ...form, severity: e.target.value as PolicySeverity })}
                  >
                    {SEVERITIES.map((s) => (
                      <option key={s}>{s}</option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Enforcement">
                {(p) => (
                  <select
                    {...p}
                    value={form.enforcement}
                    onChange={(e) => setForm({ ...form, enforcement: e.target.value as PolicyEnforcement })}
                  >
                    <option>AUDIT</option>
                    <option>DENY</option>
                  </select>
                )}
              </Field>
              <Field label="Kinds (comma-separated; empty: all)">
                {(p) => (
                  <input
                    {...p}
                    value={form.kinds}
                    onChange={(e) => setForm({ ...form, kinds: e.target.value })}
                  />
                )}
              </Field>
            </div>
            <Field label="CEL expression" error={expressionProblem}>
              {(p) => (
                <textarea
                  {...p}
                  className="editor"
                  rows={4}
                  spellCheck={false}
                  required
                  value={form.expression}
                  onChange={(e) => setForm({ ...form, expression: e.target.value })}
                />
              )}
            </Field>
            <Field label="Message shown with each violation">
              {(p) => (
                <input
                  {...p}
                  required
                  value={form.message}
                  onChange={(e) => setForm({ ...form, message: e.target.value })}
                />
              )}
            </Field>
            {expressionProblem ? null : <ErrorMessage error={createState.error} />}
            <Button type="submit" disabled={createState.fetching}>
              Create policy
            </Button>
          </form>
        ) : (
          <Reason>Only an OWNER or ADMIN creates, changes or deletes policies.</Reason>
        )}
      </Section>
    </>
  );
}
