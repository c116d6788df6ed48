import { unique, useStack, type TestUser } from '@controlplane/testkit';

const { stack, make } = useStack();

const FEEDBACK = `mutation ($input: CatalogFeedbackInput!) { addCatalogFeedback(input: $input) { id rating comment author { id } } }`;

/** Publishes an approved PUBLIC item (or an ORGANIZATION one) and returns its id. */
async function publishedItem(options: {
  name: string;
  summary?: string;
  tags?: string[];
  category?: string;
  visibility?: 'PUBLIC' | 'ORGANIZATION';
}) {
  const owner = await make.user();
  const organization = await make.organization(owner);
  const workspace = await make.workspace(owner, organization);
  const design = await make.design(owner, workspace, { name: 'd', content: 'a: 1' });
  const { visibility = 'PUBLIC', ...details } = options;
  const version = await make.catalogVersion(owner, design, { ...details, visibility });
  if (visibility === 'PUBLIC') await make.approval(owner, version);
  return { itemId: version.itemId, owner, organization };
}

describe('feedback', () => {
  it('keeps one rating per user (a second call updates it), averages them and pages them', async () => {
    const { itemId } = await publishedItem({ name: unique('Rated') });
    const ann: TestUser = await make.user();
    const ben: TestUser = await make.user();
    await stack.as(ann).data(FEEDBACK, { input: { catalogItemId: itemId, rating: 2, comment: 'meh' } });
    const updated = (
      await stack
        .as(ann)
        .data(FEEDBACK, { input: { catalogItemId: itemId, rating: 5, comment: 'great after all' } })
    ).addCatalogFeedback;
    expect(updated).toMatchObject({ rating: 5, comment: 'great after all', author: { id: ann.id } });
    await stack.as(ben).data(FEEDBACK, { input: { catalogItemId: itemId, rating: 4 } });
    const query = `query ($id: ID!, $after: String) { catalogItem(id: $id) { rating feedback(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { rating } } } }`;
    const page1 = (await stack.anonymous.data(query, { id: itemId })).catalogItem;
    expect(page1.rating).toBe(4.5);
    expect(page1.feedback).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    const page2 = (
      await stack.anonymous.data(query, { id: itemId, after: page1.feedback.pageInfo.endCursor })
    ).catalogItem.feedback;
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect([...page1.feedback.nodes, ...page2.nodes].map((n: { rating: number }) => n.rating).sort()).toEqual(
      [4, 5],
    );
  });

  it('is refused to anonymous callers, to API keys, on invisible items, and outside 1..5', async () => {
    const { itemId, owner, organization } = await publishedItem({
      name: unique('Guarded'),
      visibility: 'ORGANIZATION',
    });
    const outsider = await make.user();
    const key = await make.apiKey(owner, organization, 'MEMBER');
    expect(await stack.anonymous.codes(FEEDBACK, { input: { catalogItemId: itemId, rating: 3 } })).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(await stack.as(key).codes(FEEDBACK, { input: { catalogItemId: itemId, rating: 3 } })).toEqual([
      'FORBIDDEN',
    ]);
    expect(await stack.as(outsider).codes(FEEDBACK, { input: { catalogItemId: itemId, rating: 3 } })).toEqual(
      ['NOT_FOUND'],
    );
    const outOfRange = await stack.as(owner).send(FEEDBACK, { input: { catalogItemId: itemId, rating: 6 } });
    expect(outOfRange.errors?.[0]).toMatchObject({
      message: 'input.rating: must be between 1 and 5',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('searching the catalog', () => {
  it('matches name, summary and tags case-insensitively, and filters by tag, category and visibility', async () => {
    const marker = unique('zeta').replace('-', '');
    const a = await publishedItem({
      name: `Ingress ${marker}`,
      tags: ['networking'],
      category: 'Networking',
    });
    const b = await publishedItem({
      name: 'Quota pack',
      summary: `Resource quotas for ${marker.toUpperCase()} teams`,
      tags: ['quotas'],
      category: 'governance',
    });
    const c = await publishedItem({ name: 'Tagged only', tags: [marker], category: 'governance' });
    const ids = async (filter: Record<string, unknown>) =>
      (
        await stack.anonymous.data(
          `
            query ($f: CatalogFilter) {
              catalog(filter: $f, first: 50) {
                nodes {
                  id
                }
              }
            }
          `,
          { f: filter },
        )
      ).catalog.nodes.map((n: { id: string }) => n.id);
    expect(await ids({ search: marker })).toEqual([c.itemId, b.itemId, a.itemId]);
    expect(await ids({ search: marker, tags: ['NETWORKING'] })).toEqual([a.itemId]);
    expect(await ids({ search: marker, category: 'Governance' })).toEqual([c.itemId, b.itemId]);
    expect(await ids({ search: marker, visibility: 'ORGANIZATION' })).toEqual([]);
    expect(await ids({ publisherOrganizationId: b.organization.id })).toEqual([b.itemId]);
  });

  it('pages newest first with a total count, and refuses first over 100', async () => {
    const marker = unique('paged').replace('-', '');
    const items = [];
    for (let i = 0; i < 3; i += 1) items.push((await publishedItem({ name: `${marker} ${i}` })).itemId);
    const query = `query ($s: String!, $after: String) { catalog(filter: { search: $s }, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`;
    const first = (await stack.anonymous.data(query, { s: marker })).catalog;
    expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const second = (await stack.anonymous.data(query, { s: marker, after: first.pageInfo.endCursor }))
      .catalog;
    expect([...first.nodes, ...second.nodes].map((n: { id: string }) => n.id)).toEqual([...items].reverse());
    expect(
      await stack.anonymous.codes(`
        {
          catalog(first: 101) {
            totalCount
          }
        }
      `),
    ).toEqual(['BAD_USER_INPUT']);
  });
});
