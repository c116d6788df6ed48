import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { ReviewDecision } from '../gql/graphql';
import { canAdminister, useOrgRole } from '../me';
import { Link } from '../router';
import { Button, ErrorMessage, Field, Reason, Section, formatTime } from '../ui';

const ReviewQueueQuery = graphql(`
  query ReviewQueue($id: ID!) {
    catalogReviewQueue(organizationId: $id) {
      id
      version
      changelog
      content
      createdAt
      publishedBy {
        displayName
      }
      item {
        id
        name
      }
    }
  }
`);
const ReviewMutation = graphql(`
  mutation ReviewCatalogVersion($versionId: ID!, $decision: ReviewDecision!, $comment: String) {
    reviewCatalogVersion(versionId: $versionId, decision: $decision, comment: $comment) {
      id
      status
    }
  }
`);

/** PUBLIC submissions waiting for this organization's OWNER or ADMIN. */
export function ReviewQueuePage({ organizationId }: { organizationId: string }) {
  const role = useOrgRole(organizationId);
  const admin = canAdminister(role);
  const [{ data, error }, refresh] = useQuery({
    query: ReviewQueueQuery,
    variables: { id: organizationId },
    pause: !admin,
  });
  const [comments, setComments] = useState<Record<string, string>>({});
  const [state, review] = useMutation(ReviewMutation);
  if (!admin)
    return <Reason>Only an OWNER or ADMIN reviews this organization&apos;s PUBLIC submissions.</Reason>;
  const decide = (versionId: string, decision: ReviewDecision) =>
    void review({ versionId, decision, comment: comments[versionId] || null }).then(() =>
      refresh({ requestPolicy: 'network-only' }),
    );
  const queue = data?.catalogReviewQueue ?? [];
  return (
    <>
      <h1>Review queue</h1>
      <ErrorMessage error={error ?? state.error} />
      {queue.length === 0 ? <p className="muted">Nothing waits for review.</p> : null}
      {queue.map((version) => (
        <Section key={version.id} title={`${version.item.name} ${version.version}`}>
          <p className="muted">
            Submitted {formatTime(version.createdAt)} by {version.publishedBy?.displayName ?? 'unknown'} ·{' '}
            <Link to={`/catalog/${version.item.id}`}>item page</Link>
          </p>
          {version.changelog ? <p>{version.changelog}</p> : null}
          <pre
            className="code short"
            tabIndex={0}
            aria-label={`Content of ${version.item.name} ${version.version}`}
          >
            {version.content}
          </pre>
          <Field label={`Comment on ${version.item.name} ${version.version}`}>
            {(p) => (
              <input
                {...p}
                value={comments[version.id] ?? ''}
                onChange={(e) => setComments({ ...comments, [version.id]: e.target.value })}
              />
            )}
          </Field>
          <div className="row">
            <Button disabled={state.fetching} onClick={() => decide(version.id, 'APPROVE')}>
              Approve
            </Button>
            <Button variant="danger" disabled={state.fetching} onClick={() => decide(version.id, 'REJECT')}>
              Reject
            </Button>
          </div>
        </Section>
      ))}
    </>
  );
}
