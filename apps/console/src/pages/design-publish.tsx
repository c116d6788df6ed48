import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { CatalogVisibility } from '../gql/graphql';
import { Link } from '../router';
import { Button, ErrorMessage, Field, Notice, Reason, Section } from '../ui';

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
  const organizationId = design.workspace.organization.id;
  const [{ data }] = useQuery({
    query: PublishTargetsQuery,
    variables: { id: organizationId },
    pause: !editor,
  });
  const [itemId, setItemId] = useState('');
  const [name, setName] = useState(design.name);
  const [summary, setSummary] = useState('');
  const [tags, setTags] = useState('');
  const [visibility, setVisibility] = useState<CatalogVisibility>('ORGANIZATION');
  const [changelog, setChangelog] = useState('');
  const [state, publish] = useMutation(PublishMutation);
  if (!editor) {
    return (
      <Section title="Publish this design">
        <Reason>Publishing needs the EDITOR role on this workspace.</Reason>
      </Section>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const tagList = tags
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean);
    await publish({
      input: itemId
        ? { designId: design.id, catalogItemId: itemId, ...(changelog ? { changelog } : {}) }
        : {
            designId: design.id,
            name,
            visibility,
            tags: tagList,
            ...(summary ? { summary } : {}),
            ...(changelog ? { changelog } : {}),
          },
    });
  };
  const published = state.data?.publishDesign;
  return (
    <Section title="Publish this design">
      <form className="stack" onSubmit={(event) => void submit(event)}>
        <Field label="Publish as">
          {(p) => (
            <select {...p} value={itemId} onChange={(e) => setItemId(e.target.value)}>
              <option value="">A new catalog item</option>
              {(data?.organization?.catalogItems ?? []).map((item) => (
                <option key={item.id} value={item.id}>
                  New version of {item.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {itemId === '' ? (
          <>
            <Field label="Item name">
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
            <Field label="Summary">
              {(p) => <input {...p} value={summary} onChange={(e) => setSummary(e.target.value)} />}
            </Field>
            <Field label="Tags" hint="Comma-separated, e.g. pci-dss, baseline">
              {(p) => <input {...p} value={tags} onChange={(e) => setTags(e.target.value)} />}
            </Field>
            <Field
              label="Visibility"
              hint="ORGANIZATION items publish at once; PUBLIC versions wait for an OWNER or ADMIN to approve them."
            >
              {(p) => (
                <select
                  {...p}
                  value={visibility}
                  onChange={(e) => setVisibility(e.target.value as CatalogVisibility)}
                >
                  <option>ORGANIZATION</option>
                  <option>PUBLIC</option>
                </select>
              )}
            </Field>
          </>
        ) : null}
        <Field label="Changelog">
          {(p) => <input {...p} value={changelog} onChange={(e) => setChangelog(e.target.value)} />}
        </Field>
        <ErrorMessage error={state.error} />
        {published ? (
          <Notice tone="success">
            Published <Link to={`/catalog/${published.item.id}`}>{published.item.name}</Link> version{' '}
            {published.version} (
            {published.status === 'PENDING_REVIEW' ? 'waiting for review' : published.status.toLowerCase()}).
          </Notice>
        ) : null}
        <Button type="submit" disabled={state.fetching}>
          Publish
        </Button>
      </form>
    </Section>
  );
}
