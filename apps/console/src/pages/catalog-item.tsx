import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { canAdminister, useMe } from '../me';
import { Link, navigate } from '../router';
import { Badge, Button, ErrorMessage, Field, Loading, Reason, Section, Table, formatTime } from '../ui';

const CatalogItemQuery = graphql(`
  query CatalogItemPage($id: ID!) {
    catalogItem(id: $id) {
      id
      name
      summary
      category
      tags
      visibility
      rating
      cloneCount
      publisher {
        id
        name
      }
      latestVersion {
        id
        version
        content
      }
      versions {
        id
        version
        status
        changelog
        createdAt
        reviewComment
      }
      feedback(first: 20) {
        totalCount
        nodes {
          id
          rating
          comment
          createdAt
          author {
            id
            displayName
          }
        }
      }
      derivedFrom {
        id
        name
      }
      derivatives {
        id
        name
        publisher {
          name
        }
      }
    }
  }
`);
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
const WithdrawMutation = graphql(`
  mutation WithdrawCatalogItem($id: ID!) {
    withdrawCatalogItem(id: $id) {
      id
    }
  }
`);

export function CatalogItemPage({ itemId }: { itemId: string }) {
  const { me } = useMe();
  const [{ data, error, fetching }, refresh] = useQuery({
    query: CatalogItemQuery,
    variables: { id: itemId },
  });
  const [{ data: targets }] = useQuery({ query: CloneTargetsQuery });
  const [workspaceId, setWorkspaceId] = useState('');
  const [cloneName, setCloneName] = useState('');
  const [cloneState, clone] = useMutation(CloneMutation);
  const [rating, setRating] = useState(5);
  const [comment, setComment] = useState('');
  const [feedbackState, sendFeedback] = useMutation(FeedbackMutation);
  const [withdrawState, withdraw] = useMutation(WithdrawMutation);
  const item = data?.catalogItem;
  if (!item) return fetching ? <Loading what="the catalog item" /> : <ErrorMessage error={error} />;
  const writable = (targets?.organizations ?? []).flatMap((organization) =>
    organization.workspaces
      .filter((w) => w.viewerRole === 'EDITOR' || w.viewerRole === 'ADMIN')
      .map((w) => ({ id: w.id, label: `${organization.name} / ${w.name}` })),
  );
  const chosen = workspaceId || writable[0]?.id || '';
  const publisherRole = me.organizations.find((m) => m.organization.id === item.publisher.id)?.role;

  return (
    <>
      <p className="crumbs">
        <Link to="/catalog">Catalog</Link> /
      </p>
      <h1>{item.name}</h1>
      <p className="muted">
        <Badge>{item.visibility}</Badge> published by {item.publisher.name} ·{' '}
        {item.rating === null || item.rating === undefined
          ? 'no rating yet'
          : `rated ${item.rating.toFixed(1)} / 5`}{' '}
        · {item.cloneCount} clone(s)
      </p>
      {item.summary ? <p>{item.summary}</p> : null}
      <p className="tags">
        {item.tags.map((tag) => (
          <Badge key={tag}>{tag}</Badge>
        ))}
      </p>
      <div className="split">
        <Section title={item.latestVersion ? `Content of ${item.latestVersion.version}` : 'Content'}>
          {item.latestVersion ? (
            <pre className="code" tabIndex={0} aria-label="Latest version content">
              {item.latestVersion.content}
            </pre>
          ) : (
            <p className="muted">No published version yet.</p>
          )}
        </Section>
        <Section title="Clone into workspace">
          {writable.length > 0 && item.latestVersion ? (
            <div className="stack">
              <Field label="Workspace">
                {(p) => (
                  <select {...p} value={chosen} onChange={(e) => setWorkspaceId(e.target.value)}>
                    {writable.map((w) => (
                      <option key={w.id} value={w.id}>
                        {w.label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="New design name (optional)">
                {(p) => <input {...p} value={cloneName} onChange={(e) => setCloneName(e.target.value)} />}
              </Field>
              <ErrorMessage error={cloneState.error} />
              <Button
                disabled={cloneState.fetching}
                onClick={() =>
                  void clone({
                    input: {
                      catalogItemId: item.id,
                      workspaceId: chosen,
                      ...(cloneName ? { name: cloneName } : {}),
                    },
                  }).then((result) => {
                    if (result.data) navigate(`/designs/${result.data.cloneCatalogItem.id}`);
                  })
                }
              >
                Clone into workspace
              </Button>
            </div>
          ) : (
            <Reason>
              {item.latestVersion
                ? 'Cloning needs the EDITOR role on some workspace.'
                : 'Nothing to clone before a version is published.'}
            </Reason>
          )}
          <h3>Lineage</h3>
          <p>
            Derived from:{' '}
            {item.derivedFrom ? (
              <Link to={`/catalog/${item.derivedFrom.id}`}>{item.derivedFrom.name}</Link>
            ) : (
              '—'
            )}
          </p>
          <p>Derivatives:</p>
          <ul className="list" aria-label="Derivatives">
            {item.derivatives.map((d) => (
              <li key={d.id}>
                <Link to={`/catalog/${d.id}`}>{d.name}</Link> ({d.publisher.name})
              </li>
            ))}
            {item.derivatives.length === 0 ? <li className="muted">None yet.</li> : null}
          </ul>
        </Section>
      </div>
      <Section title="Versions">
        <Table label="Versions">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col">Changelog</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {item.versions.map((v) => (
              <tr key={v.id}>
                <td>{v.version}</td>
                <td>
                  <Badge tone={v.status.toLowerCase()}>{v.status}</Badge>
                  {v.reviewComment ? ` “${v.reviewComment}”` : ''}
                </td>
                <td>{v.changelog ?? '—'}</td>
                <td>{formatTime(v.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
        {canAdminister(publisherRole) ? (
          <>
            <ErrorMessage error={withdrawState.error} />
            <Button
              variant="danger"
              onClick={() => {
                if (confirm('Withdraw every version? Existing clones keep working.'))
                  void withdraw({ id: item.id }).then(() => refresh({ requestPolicy: 'network-only' }));
              }}
            >
              Withdraw item
            </Button>
          </>
        ) : null}
      </Section>
      <Section title={`Feedback (${item.feedback.totalCount})`}>
        <ul className="list">
          {item.feedback.nodes.map((f) => (
            <li key={f.id}>
              <strong>{'★'.repeat(f.rating)}</strong> {f.comment ?? ''} — {f.author?.displayName ?? 'someone'}
            </li>
          ))}
        </ul>
        <div className="inline-form">
          <Field label="Your rating">
            {(p) => (
              <select {...p} value={rating} onChange={(e) => setRating(Number(e.target.value))}>
                {[5, 4, 3, 2, 1].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Comment">
            {(p) => <input {...p} value={comment} onChange={(e) => setComment(e.target.value)} />}
          </Field>
          <Button
            variant="secondary"
            disabled={feedbackState.fetching}
            onClick={() =>
              void sendFeedback({
                input: { catalogItemId: item.id, rating, ...(comment ? { comment } : {}) },
              }).then(() => refresh({ requestPolicy: 'network-only' }))
            }
          >
            Send feedback
          </Button>
        </div>
        <ErrorMessage error={feedbackState.error} />
      </Section>
    </>
  );
}
