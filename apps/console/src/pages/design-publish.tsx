import { useQuery } from 'urql';
import { useAction } from '../actions';
import { ActionForm, SelectField, TextField, splitList, useFields } from '../forms';
import { graphql } from '../gql';
import type { CatalogVisibility } from '../gql/graphql';
import { Link } from '../router';
import { Notice, Reason, Section } from '../ui';

const PublishTargetsQuery = graphql(`
  query PublishTargets($id: ID!) {
    organization(id: $id) {
      id
      catalogItems {
        id
        name
      }
    }
  }
`);
const PublishMutation = graphql(`
  mutation PublishDesign($input: PublishDesignInput!) {
    publishDesign(input: $input) {
      id
      version
      status
      item {
        id
        name
      }
    }
  }
`);

type DesignForPublish = { id: string; name: string; workspace: { organization: { id: string } } };

/** "Publish this design": a new catalog item, or a new version of one this organization publishes. */
export function PublishSection({ design, editor }: { design: DesignForPublish; editor: boolean }) {
  const [{ data }] = useQuery({
    query: PublishTargetsQuery,
    variables: { id: design.workspace.organization.id },
    pause: !editor,
  });
  const { values, field } = useFields({
    itemId: '',
    name: design.name,
    summary: '',
    tags: '',
    visibility: 'ORGANIZATION' as CatalogVisibility,
    changelog: '',
  });
  const publish = useAction(PublishMutation);
  if (!editor) {
    return (
      <Section title="Publish this design">
        <Reason>Publishing needs the EDITOR role on this workspace.</Reason>
      </Section>
    );
  }
  const { itemId, name, visibility } = values;
  const changelog = values.changelog || null;
  const published = publish.data?.publishDesign;
  return (
    <Section title="Publish this design">
      <ActionForm
        action={publish}
        submitLabel="Publish"
        layout="stack"
        onSubmit={() =>
          publish.run({
            input: itemId
              ? { designId: design.id, catalogItemId: itemId, changelog }
              : {
                  designId: design.id,
                  name,
                  visibility,
                  tags: splitList(values.tags),
                  summary: values.summary || null,
                  changelog,
                },
          })
        }
      >
        <SelectField
          label="Publish as"
          placeholder="A new catalog item"
          options={(data?.organization?.catalogItems ?? []).map((item) => ({
            value: item.id,
            label: `New version of ${item.name}`,
          }))}
          {...field('itemId')}
        />
        {itemId === '' ? (
          <>
            <TextField label="Item name" apiField="name" required maxLength={100} {...field('name')} />
            <TextField label="Summary" apiField="summary" {...field('summary')} />
            <TextField
              label="Tags"
              apiField="tags"
              hint="Comma-separated, e.g. pci-dss, baseline"
              {...field('tags')}
            />
            <SelectField
              label="Visibility"
              hint="ORGANIZATION items publish at once; PUBLIC versions wait for an OWNER or ADMIN to approve them."
              options={['ORGANIZATION', 'PUBLIC']}
              {...field('visibility')}
            />
          </>
        ) : null}
        <TextField label="Changelog" apiField="changelog" {...field('changelog')} />
        {published ? (
          <Notice tone="success">
            Published <Link to={`/catalog/${published.item.id}`}>{published.item.name}</Link> version{' '}
            {published.version} (
            {published.status === 'PENDING_REVIEW' ? 'waiting for review' : published.status.toLowerCase()}).
          </Notice>
        ) : null}
      </ActionForm>
    </Section>
  );
}
