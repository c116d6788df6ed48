import { useQuery } from 'urql';
import { useAction } from '../actions';
import { ActionForm, SelectField, TextField, useFields } from '../forms';
import { graphql } from '../gql';
import { navigate } from '../router';
import { Reason, Section } from '../ui';

const CloneTargetsQuery = graphql(`
  query CloneTargets {
    organizations {
      id
      name
      workspaces {
        id
        name
        viewerRole
      }
    }
  }
`);
const CloneMutation = graphql(`
  mutation CloneCatalogItem($input: CloneCatalogItemInput!) {
    cloneCatalogItem(input: $input) {
      id
    }
  }
`);
const FeedbackMutation = graphql(`
  mutation AddCatalogFeedback($input: CatalogFeedbackInput!) {
    addCatalogFeedback(input: $input) {
      id
    }
  }
`);

/** Clone the latest version into a workspace where the user is EDITOR or above. */
export function CloneSection({ itemId, published }: { itemId: string; published: boolean }) {
  const [{ data }] = useQuery({ query: CloneTargetsQuery });
  const { values, field } = useFields({ workspaceId: '', name: '' });
  const clone = useAction(CloneMutation, {
    onDone: (done) => navigate(`/designs/${done.cloneCatalogItem.id}`),
  });
  const writable = (data?.organizations ?? []).flatMap((organization) =>
    organization.workspaces
      .filter((w) => w.viewerRole === 'EDITOR' || w.viewerRole === 'ADMIN')
      .map((w) => ({ value: w.id, label: `${organization.name} / ${w.name}` })),
  );
  if (writable.length === 0 || !published) {
    return (
      <Reason>
        {published
          ? 'Cloning needs the EDITOR role on some workspace.'
          : 'Nothing to clone before a version is published.'}
      </Reason>
    );
  }
  const workspaceId = values.workspaceId || (writable[0]?.value ?? '');
  return (
    <ActionForm
      action={clone}
      submitLabel="Clone into workspace"
      layout="stack"
      onSubmit={() => clone.run({ input: { catalogItemId: itemId, workspaceId, name: values.name || null } })}
    >
      <SelectField label="Workspace" options={writable} {...field('workspaceId')} value={workspaceId} />
      <TextField label="New design name (optional)" apiField="name" {...field('name')} />
    </ActionForm>
  );
}

type Feedback = {
  totalCount: number;
  nodes: Array<{
    id: string;
    rating: number;
    comment?: string | null;
    author?: { displayName: string } | null;
  }>;
};

/** Ratings and comments; any signed-in user who sees the item gives one (sending again updates it). */
export function FeedbackSection(props: { itemId: string; feedback: Feedback; onChange(): void }) {
  const { values, field } = useFields({ rating: '5', comment: '' });
  const send = useAction(FeedbackMutation, { onDone: props.onChange });
  return (
    <Section title={`Feedback (${props.feedback.totalCount})`}>
      <ul className="list">
        {props.feedback.nodes.map((f) => (
          <li key={f.id}>
            <strong>{'★'.repeat(f.rating)}</strong> {f.comment ?? ''} — {f.author?.displayName ?? 'someone'}
          </li>
        ))}
      </ul>
      <ActionForm
        action={send}
        submitLabel="Send feedback"
        onSubmit={() =>
          send.run({
            input: {
              catalogItemId: props.itemId,
              rating: Number(values.rating),
              comment: values.comment || null,
            },
          })
        }
      >
        <SelectField label="Your rating" options={['5', '4', '3', '2', '1']} {...field('rating')} />
        <TextField label="Comment" apiField="comment" {...field('comment')} />
      </ActionForm>
    </Section>
  );
}
