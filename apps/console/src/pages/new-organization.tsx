import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { useMe } from '../me';
import { navigate } from '../router';
import { Button, ErrorMessage, Field } from '../ui';

const CreateOrganizationMutation = graphql(`
  mutation CreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) {
      id
    }
  }
`);

export function NewOrganizationPage() {
  const { refreshMe } = useMe();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [state, create] = useMutation(CreateOrganizationMutation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create({ input: { name, ...(slug ? { slug } : {}) } });
    if (result.data) {
      refreshMe();
      navigate(`/orgs/${result.data.createOrganization.id}`);
    }
  };
  return (
    <form className="card narrow" onSubmit={(event) => void submit(event)} aria-labelledby="new-org">
      <h1 id="new-org">New organization</h1>
      <p>
        An organization is a tenant: it owns its workspaces, environments, catalog items and audit log. You
        become its OWNER.
      </p>
      <Field label="Name">
        {(props) => (
          <input {...props} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        )}
      </Field>
      <Field
        label="Slug (optional)"
        hint="Lowercase letters, digits and dashes; derived from the name when empty."
      >
        {(props) => (
          <input {...props} value={slug} pattern="[a-z0-9-]*" onChange={(e) => setSlug(e.target.value)} />
        )}
      </Field>
      <ErrorMessage error={state.error} />
      <Button type="submit" disabled={state.fetching}>
        Create organization
      </Button>
    </form>
  );
}
