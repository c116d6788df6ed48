import { ConfirmButton, useAction, usePageQuery } from '../actions';
import { graphql } from '../gql';
import { canAdminister, useMe } from '../me';
import { Link } from '../router';
import { Badge, DataTable, Section, formatTime } from '../ui';
import { CloneSection, FeedbackSection } from './catalog-item-actions';
import { describeRating, Tags } from './catalog';

const CatalogItemQuery = graphql(`
  query CatalogItemPage($id: ID!) {
    catalogItem(id: $id) {
      ...CatalogItemSummary
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
const WithdrawMutation = graphql(`
  mutation WithdrawCatalogItem($id: ID!) {
    withdrawCatalogItem(id: $id) {
      id
    }
  }
`);

export function CatalogItemPage({ itemId }: { itemId: string }) {
  const { me } = useMe();
  const page = usePageQuery(CatalogItemQuery, { id: itemId }, 'the catalog item');
  const withdraw = useAction(WithdrawMutation, { onDone: page.reload });
  const item = page.data?.catalogItem;
  if (!item) return page.placeholder;
  const publisherRole = me.organizations.find((m) => m.organization.id === item.publisher.id)?.role;

  return (
    <>
      <p className="crumbs">
        <Link to="/catalog">Catalog</Link> /
      </p>
      <h1>{item.name}</h1>
      <p className="muted">
        <Badge>{item.visibility}</Badge> published by {item.publisher.name} · {describeRating(item.rating)} ·{' '}
        {item.cloneCount} clone(s)
      </p>
      {item.summary ? <p>{item.summary}</p> : null}
      <Tags tags={item.tags} />
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
          <CloneSection
            itemId={item.id}
            published={item.latestVersion !== null && item.latestVersion !== undefined}
          />
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
        <DataTable
          label="Versions"
          rows={item.versions}
          columns={[
            { header: 'Version', cell: (v) => v.version },
            {
              header: 'Status',
              cell: (v) => (
                <>
                  <Badge tone={v.status.toLowerCase()}>{v.status}</Badge>
                  {v.reviewComment ? ` “${v.reviewComment}”` : ''}
                </>
              ),
            },
            { header: 'Changelog', cell: (v) => v.changelog ?? '—' },
            { header: 'Created', cell: (v) => formatTime(v.createdAt) },
          ]}
        />
        {canAdminister(publisherRole) ? (
          <ConfirmButton
            label="Withdraw item"
            question="Withdraw every version? Existing clones keep working."
            confirmLabel={`Yes, withdraw ${item.name}`}
            action={withdraw}
            variables={{ id: item.id }}
          />
        ) : null}
      </Section>
      <FeedbackSection itemId={item.id} feedback={item.feedback} onChange={page.reload} />
    </>
  );
}
