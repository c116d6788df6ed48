import { useState } from 'react';
import { useAction, usePageQuery } from '../actions';
import { TextField } from '../forms';
import { graphql } from '../gql';
import type { ReviewDecision } from '../gql/graphql';
import { canAdminister, useOrgRole } from '../me';
import { Link } from '../router';
import { Button, ErrorMessage, Reason, Section, formatTime } from '../ui';

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
  if (!admin)
    return <Reason>Only an OWNER or ADMIN reviews this organization&apos;s PUBLIC submissions.</Reason>;
  return <ReviewQueue organizationId={organizationId} />;
}

function ReviewQueue({ organizationId }: { organizationId: string }) {
  const page = usePageQuery(ReviewQueueQuery, { id: organizationId }, 'the review queue');
  const [comments, setComments] = useState<Record<string, string>>({});
  const review = useAction(ReviewMutation, { onDone: page.reload });
  const decide = (versionId: string, decision: ReviewDecision) =>
    void review.run({ versionId, decision, comment: comments[versionId] || null });
  if (!page.data) return page.placeholder;
  const queue = page.data.catalogReviewQueue;
  return (
    <>
      <h1>Review queue</h1>
      <ErrorMessage error={review.error} />
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
          <TextField
            label={`Comment on ${version.item.name} ${version.version}`}
            value={comments[version.id] ?? ''}
            onChange={(value) => setComments({ ...comments, [version.id]: value })}
          />
          <div className="row">
            <Button disabled={review.fetching} onClick={() => decide(version.id, 'APPROVE')}>
              Approve
            </Button>
            <Button variant="danger" disabled={review.fetching} onClick={() => decide(version.id, 'REJECT')}>
              Reject
            </Button>
          </div>
        </Section>
      ))}
    </>
  );
}
