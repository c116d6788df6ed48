import { useState } from 'react';
import { usePageQuery } from '../actions';
import { SelectField, TextField, useFields } from '../forms';
import { graphql } from '../gql';
import type { CatalogVisibility } from '../gql/graphql';
import { Badge, Pager, Section, Tile } from '../ui';

/** What a catalog tile and an item page's header both show. */
export const CatalogItemSummaryFragment = graphql(`
  fragment CatalogItemSummary on CatalogItem {
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
  }
`);
const CatalogQuery = graphql(`
  query Catalog($filter: CatalogFilter, $after: String) {
    catalog(filter: $filter, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...CatalogItemSummary
        latestVersion {
          version
        }
      }
    }
  }
`);

/** "rated 4.5 / 5", or that nobody rated it yet. */
export function describeRating(rating: number | null | undefined): string {
  return rating === null || rating === undefined ? 'no rating yet' : `rated ${rating.toFixed(1)} / 5`;
}

export function CatalogPage() {
  const [cursors, setCursors] = useState<string[]>([]);
  // A new filter starts again from the first page.
  const { values, field } = useFields({ search: '', tag: '', visibility: '' as CatalogVisibility | '' }, () =>
    setCursors([]),
  );
  const filter = {
    ...(values.search ? { search: values.search } : {}),
    ...(values.tag ? { tags: [values.tag] } : {}),
    ...(values.visibility ? { visibility: values.visibility } : {}),
  };
  const page = usePageQuery(CatalogQuery, { filter, after: cursors.at(-1) ?? null }, 'the catalog');
  const found = page.data?.catalog;
  return (
    <>
      <h1>Catalog</h1>
      <Section title="Search">
        <form className="inline-form" role="search" onSubmit={(e) => e.preventDefault()}>
          <TextField label="Search name, summary or tags" type="search" {...field('search')} />
          <TextField label="Tag" {...field('tag')} />
          <SelectField
            label="Visibility"
            placeholder="Any"
            options={['ORGANIZATION', 'PUBLIC']}
            {...field('visibility')}
          />
        </form>
      </Section>
      {found ? (
        <Section title={`${found.totalCount} item(s)`}>
          <ul className="grid">
            {found.nodes.map((item) => (
              <Tile
                key={item.id}
                to={`/catalog/${item.id}`}
                title={item.name}
                about={item.summary ?? 'No summary.'}
              >
                <p>
                  <Badge>{item.visibility}</Badge>{' '}
                  {item.latestVersion ? `v${item.latestVersion.version}` : 'unpublished'} ·{' '}
                  {item.publisher.name} · {describeRating(item.rating)} · {item.cloneCount} clone(s)
                </p>
                <Tags tags={item.tags} />
              </Tile>
            ))}
          </ul>
          <Pager cursors={cursors} onChange={setCursors} pageInfo={found.pageInfo} />
        </Section>
      ) : (
        page.placeholder
      )}
    </>
  );
}

export function Tags({ tags }: { tags: string[] }) {
  return (
    <p className="tags">
      {tags.map((tag) => (
        <Badge key={tag}>{tag}</Badge>
      ))}
    </p>
  );
}
