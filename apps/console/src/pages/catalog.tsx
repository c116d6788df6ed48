import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { CatalogVisibility } from '../gql/graphql';
import { Link } from '../router';
import { Badge, ErrorMessage, Field, Loading, Pager, Section } from '../ui';

const CatalogQuery = graphql(`
  query Catalog($filter: CatalogFilter, $after: String) {
    catalog(filter: $filter, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
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
          version
        }
      }
    }
  }
`);

export function CatalogPage() {
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState('');
  const [visibility, setVisibility] = useState<CatalogVisibility | ''>('');
  const [cursors, setCursors] = useState<string[]>([]);
  const filter = {
    ...(search ? { search } : {}),
    ...(tag ? { tags: [tag] } : {}),
    ...(visibility ? { visibility } : {}),
  };
  const [{ data, error, fetching }] = useQuery({
    query: CatalogQuery,
    variables: { filter, after: cursors[cursors.length - 1] ?? null },
  });
  const page = data?.catalog;
  return (
    <>
      <h1>Catalog</h1>
      <Section title="Search">
        <form className="inline-form" role="search" onSubmit={(e) => e.preventDefault()}>
          <Field label="Search name, summary or tags">
            {(p) => (
              <input
                {...p}
                type="search"
                value={search}
                onChange={(e) => (setSearch(e.target.value), setCursors([]))}
              />
            )}
          </Field>
          <Field label="Tag">
            {(p) => <input {...p} value={tag} onChange={(e) => (setTag(e.target.value), setCursors([]))} />}
          </Field>
          <Field label="Visibility">
            {(p) => (
              <select
                {...p}
                value={visibility}
                onChange={(e) => (setVisibility(e.target.value as CatalogVisibility | ''), setCursors([]))}
              >
                <option value="">Any</option>
                <option>ORGANIZATION</option>
                <option>PUBLIC</option>
              </select>
            )}
          </Field>
        </form>
      </Section>
      <ErrorMessage error={error} />
      {!page && fetching ? <Loading what="the catalog" /> : null}
      {page ? (
        <Section title={`${page.totalCount} item(s)`}>
          <ul className="grid">
            {page.nodes.map((item) => (
              <li key={item.id} className="tile">
                <Link to={`/catalog/${item.id}`}>{item.name}</Link>
                <p className="muted">{item.summary ?? 'No summary.'}</p>
                <p>
                  <Badge>{item.visibility}</Badge>{' '}
                  {item.latestVersion ? `v${item.latestVersion.version}` : 'unpublished'} ·{' '}
                  {item.publisher.name} ·{' '}
                  {item.rating === null || item.rating === undefined
                    ? 'no rating'
                    : `★ ${item.rating.toFixed(1)}`}{' '}
                  · {item.cloneCount} clone(s)
                </p>
                <p className="tags">
                  {item.tags.map((t) => (
                    <Badge key={t}>{t}</Badge>
                  ))}
                </p>
              </li>
            ))}
          </ul>
          <Pager cursors={cursors} onChange={setCursors} pageInfo={page.pageInfo} />
        </Section>
      ) : null}
    </>
  );
}
