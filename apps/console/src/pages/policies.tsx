import { ConfirmButton, useAction, usePageQuery } from '../actions';
import { graphql } from '../gql';
import { canAdminister, useMe, useOrgRole } from '../me';
import { Badge, DataTable, Reason, Section } from '../ui';
import { CopyPolicies, PolicyForm } from './policy-form';

/** What the policy table and its edit form show of a policy. */
export const PolicyFieldsFragment = graphql(`
  fragment PolicyFields on Policy {
    id
    name
    description
    severity
    enforcement
    kinds
    expression
    message
  }
`);
const PoliciesQuery = graphql(`
  query Policies($id: ID!) {
    policies(organizationId: $id) {
      ...PolicyFields
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
const UpdatePolicyMutation = graphql(`
  mutation UpdatePolicy($id: ID!, $input: UpdatePolicyInput!) {
    updatePolicy(id: $id, input: $input) {
      ...PolicyFields
    }
  }
`);
const DeletePolicyMutation = graphql(`
  mutation DeletePolicy($id: ID!) {
    deletePolicy(id: $id)
  }
`);

export function PoliciesPage({ organizationId }: { organizationId: string }) {
  const { me } = useMe();
  const admin = canAdminister(useOrgRole(organizationId));
  const page = usePageQuery(PoliciesQuery, { id: organizationId }, 'policies');
  const create = useAction(CreatePolicyMutation, { onDone: page.reload });
  const sources = me.organizations.filter((m) => m.organization.id !== organizationId);
  if (!page.data) return page.placeholder;
  return (
    <>
      <h1>Policies</h1>
      <p className="hint">
        Rules in CEL over <code>object</code> (one Kubernetes manifest). AUDIT policies report; DENY policies
        also refuse deploys.
      </p>
      <Section title={`Policies (${page.data.policies.length})`}>
        <DataTable
          label="Policies"
          rows={page.data.policies}
          columns={[
            { header: 'Name', cell: (policy) => policy.name },
            {
              header: 'Severity',
              cell: (policy) => <Badge tone={policy.severity.toLowerCase()}>{policy.severity}</Badge>,
            },
            { header: 'Enforcement', cell: (policy) => policy.enforcement },
            { header: 'Kinds', cell: (policy) => policy.kinds.join(', ') || 'all' },
            { header: 'Expression', cell: (policy) => <code>{policy.expression}</code> },
            {
              header: 'Actions',
              show: admin,
              cell: (policy) => <PolicyActions policy={policy} onChange={page.reload} />,
            },
          ]}
        />
      </Section>
      {admin ? (
        <>
          <Section title="New policy">
            <PolicyForm
              action={create}
              submitLabel="Create policy"
              save={(input) => create.run({ input: { organizationId, ...input } })}
            />
          </Section>
          <CopyPolicies organizationId={organizationId} sources={sources} onDone={page.reload} />
        </>
      ) : (
        <Section title="New policy">
          <Reason>Only an OWNER or ADMIN creates, changes, deletes or copies in policies.</Reason>
        </Section>
      )}
    </>
  );
}

type Policy = Parameters<typeof PolicyForm>[0]['policy'] & { id: string };

/** Edit (behind a disclosure) and delete one policy; each row has its own actions and errors. */
function PolicyActions({ policy, onChange }: { policy: NonNullable<Policy>; onChange(): void }) {
  const update = useAction(UpdatePolicyMutation, { onDone: onChange });
  const remove = useAction(DeletePolicyMutation, { onDone: onChange, typenames: ['Policy'] });
  return (
    <>
      <details className="edit">
        <summary>Edit {policy.name}</summary>
        <PolicyForm
          policy={policy}
          action={update}
          submitLabel="Save policy"
          save={(input) => update.run({ id: policy.id, input })}
        />
      </details>
      <ConfirmButton
        label={`Delete ${policy.name}`}
        question={`Delete the policy ${policy.name}? Designs are no longer checked against it.`}
        confirmLabel={`Yes, delete ${policy.name}`}
        action={remove}
        variables={{ id: policy.id }}
      />
    </>
  );
}
