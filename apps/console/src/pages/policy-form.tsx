import { useState } from 'react';
import { useAction, type ActionState } from '../actions';
import { fieldProblem } from '../errors';
import { ActionForm, PickForm, SelectField, TextAreaField, TextField, splitList, useFields } from '../forms';
import { graphql } from '../gql';
import type { PolicyEnforcement, PolicySeverity } from '../gql/graphql';
import type { Membership } from '../me';
import { Notice, Section } from '../ui';

const CopyPoliciesMutation = graphql(`
  mutation CopyPolicies($fromOrganizationId: ID!, $toOrganizationId: ID!) {
    copyPolicies(fromOrganizationId: $fromOrganizationId, toOrganizationId: $toOrganizationId) {
      id
    }
  }
`);

const SEVERITIES: PolicySeverity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const NON_ROOT =
  'object.spec.template.spec.containers.all(c, has(c.securityContext) && c.securityContext.runAsNonRoot == true)';

type Policy = {
  name: string;
  description?: string | null;
  severity: PolicySeverity;
  enforcement: PolicyEnforcement;
  kinds: string[];
  expression: string;
  message: string;
};
type PolicyInput = Omit<Policy, 'description'> & { description: string | null };

/**
 * Creates or changes a policy. The API compiles the expression on submit; a compile error
 * (BAD_USER_INPUT with line, column and reason) is shown under the expression, with the failing
 * line and a caret under the column.
 */
export function PolicyForm(props: {
  policy?: Policy;
  action: ActionState;
  submitLabel: string;
  save(input: PolicyInput): Promise<boolean>;
}) {
  const { policy } = props;
  const suffix = policy ? ` of ${policy.name}` : '';
  const { values, field, reset } = useFields({
    name: policy?.name ?? '',
    description: policy?.description ?? '',
    severity: policy?.severity ?? ('HIGH' as PolicySeverity),
    enforcement: policy?.enforcement ?? ('AUDIT' as PolicyEnforcement),
    kinds: policy ? policy.kinds.join(', ') : 'Deployment',
    expression: policy?.expression ?? NON_ROOT,
    message: policy?.message ?? '',
  });
  const [submitted, setSubmitted] = useState('');
  const submit = async () => {
    setSubmitted(values.expression);
    const input = { ...values, kinds: splitList(values.kinds), description: values.description || null };
    if ((await props.save(input)) && !policy) reset();
  };
  return (
    <ActionForm action={props.action} submitLabel={props.submitLabel} layout="stack" onSubmit={submit}>
      <TextField label={`Policy name${suffix}`} apiField="name" required maxLength={100} {...field('name')} />
      <div className="inline-form">
        <SelectField label={`Severity${suffix}`} options={SEVERITIES} {...field('severity')} />
        <SelectField label={`Enforcement${suffix}`} options={['AUDIT', 'DENY']} {...field('enforcement')} />
        <TextField
          label={`Kinds (comma-separated; empty: all)${suffix}`}
          apiField="kinds"
          {...field('kinds')}
        />
      </div>
      <TextAreaField
        label={`CEL expression${suffix}`}
        apiField="expression"
        code
        rows={4}
        required
        {...field('expression')}
      />
      <ExpressionCaret error={props.action.error} expression={submitted} />
      <TextField
        label={`Message shown with each violation${suffix}`}
        apiField="message"
        required
        {...field('message')}
      />
      <TextField label={`Description${suffix}`} apiField="description" {...field('description')} />
    </ActionForm>
  );
}

/** The expression line the compiler refused, with a caret under the column it named. */
function ExpressionCaret(props: { error: ActionState['error']; expression: string }) {
  const problem = fieldProblem(props.error, 'expression');
  if (problem?.line == null || problem.column == null) return null;
  const line = props.expression.split('\n')[problem.line - 1] ?? '';
  return (
    <pre className="code caret" aria-label="Where the expression fails" tabIndex={0}>
      {line}
      {'\n'}
      {`${' '.repeat(Math.max(0, problem.column - 1))}^ ${problem.reason}`}
    </pre>
  );
}

/** Copies every policy of another organization the user belongs to into this one (same names are replaced). */
export function CopyPolicies(props: { organizationId: string; sources: Membership[]; onDone(): void }) {
  const [copied, setCopied] = useState<number | null>(null);
  const copy = useAction(CopyPoliciesMutation, {
    onDone: (data) => {
      setCopied(data.copyPolicies.length);
      props.onDone();
    },
  });
  if (props.sources.length === 0) return null;
  return (
    <Section title="Copy policies from another organization">
      <p className="hint">
        Every policy of the chosen organization is copied here; policies with the same name are replaced.
      </p>
      <PickForm
        action={copy}
        label="Copy from"
        placeholder="Choose an organization…"
        items={props.sources.map((m) => m.organization)}
        submitLabel="Copy policies"
        onPick={(fromOrganizationId) =>
          copy.run({ fromOrganizationId, toOrganizationId: props.organizationId })
        }
      />
      {copied !== null ? <Notice tone="success">Copied {copied} policies.</Notice> : null}
    </Section>
  );
}
