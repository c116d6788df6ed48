import { useAction } from '../actions';
import { ActionForm, TextField, useFields } from '../forms';
import { graphql } from '../gql';
import { useMe } from '../me';
import { navigate } from '../router';

const CreateOrganizationMutation = graphql(`
  mutation CreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) {
      id
    }
  }
`);

export function NewOrganizationPage() {
  const { refreshMe } = useMe();
  const { values, field } = useFields({ name: '', slug: '' });
  const create = useAction(CreateOrganizationMutation, {
    onDone: (data) => {
      refreshMe();
      navigate(`/orgs/${data.createOrganization.id}`);
    },
  });
  return (
    <section className="card narrow" aria-labelledby="new-org">
      <h1 id="new-org">New organization</h1>
      <p>
        An organization is a tenant: it owns its workspaces, environments, catalog items and audit log. You
        become its OWNER.
      </p>
      <ActionForm
        action={create}
        submitLabel="Create organization"
        layout="stack"
        onSubmit={() => create.run({ input: { name: values.name, slug: values.slug || null } })}
      >
        <TextField label="Name" apiField="name" required maxLength={100} {...field('name')} />
        <TextField
          label="Slug (optional)"
          apiField="slug"
          hint="Lowercase letters, digits and dashes; derived from the name when empty."
          pattern="[a-z0-9-]*"
          {...field('slug')}
        />
      </ActionForm>
    </section>
  );
}
