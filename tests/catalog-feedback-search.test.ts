import {
  createFactories,
  errorCodes,
  expectData,
  graphql,
  startStack,
  unique,
  type Factories,
  type Stack,
  type TestUser,
} from '@controlplane/testkit';

let stack: Stack;
let make: Factories;

beforeAll(async () => {
  stack = await startStack();
  make = createFactories(stack.gatewayUrl);
});
afterAll(() => stack.close());

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
  const { createDesign } = expectData(
    await graphql(
      stack.gatewayUrl,
      `
        mutation ($input: CreateDesignInput!) {
          createDesign(input: $input) {
            id
          }
        }
      `,
      { input: { workspaceId: workspace.id, name: 'd', content: 'a: 1' } },
      { token: owner.token },
    ),
  );
  const { publishDesign } = expectData(
    await graphql(
      stack.gatewayUrl,
      `
        mutation ($input: PublishDesignInput!) {
          publishDesign(input: $input) {
            id
            item {
              id
            }
          }
        }
      `,
      {
        input: {
          designId: createDesign.id,
          name: options.name,
          summary: options.summary,
          tags: options.tags,
          category: options.category,
          visibility: options.visibility ?? 'PUBLIC',
        },
      },
      { token: owner.token },
    ),
  );
  if ((options.visibility ?? 'PUBLIC') === 'PUBLIC') {
    expectData(
      await graphql(
        stack.gatewayUrl,
        `
          mutation ($id: ID!) {
            reviewCatalogVersion(versionId: $id, decision: APPROVE) {
              status
            }
          }
        `,
        { id: publishDesign.id },
        { token: owner.token },
      ),
    );
  }
  return { itemId: publishDesign.item.id as string, owner, organization };
}

describe('feedback', () => {
  it('keeps one rating per user (a second call updates it), averages them and pages them', async () => {
    const { itemId } = await publishedItem({ name: unique('Rated') });
    const ann: TestUser = await make.user();
    const ben: TestUser = await make.user();
    expectData(
      await graphql(
        stack.gatewayUrl,
        FEEDBACK,
        { input: { catalogItemId: itemId, rating: 2, comment: 'meh' } },
        { token: ann.token },
      ),
    );
    const updated = expectData(
      await graphql(
        stack.gatewayUrl,
        FEEDBACK,
        { input: { catalogItemId: itemId, rating: 5, comment: 'great after all' } },
        { token: ann.token },
      ),
    ).addCatalogFeedback;
    expect(updated).toMatchObject({ rating: 5, comment: 'great after all', author: { id: ann.id } });
    expectData(
      await graphql(
        stack.gatewayUrl,
        FEEDBACK,
        { input: { catalogItemId: itemId, rating: 4 } },
        { token: ben.token },
      ),
    );
    const query = `query ($id: ID!, $after: String) { catalogItem(id: $id) { rating feedback(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { rating } } } }`;
    const page1 = expectData(await graphql(stack.gatewayUrl, query, { id: itemId })).catalogItem;
    expect(page1.rating).toBe(4.5);
    expect(page1.feedback).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    const page2 = expectData(
      await graphql(stack.gatewayUrl, query, { id: itemId, after: page1.feedback.pageInfo.endCursor }),
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
    expect(
      errorCodes(await graphql(stack.gatewayUrl, FEEDBACK, { input: { catalogItemId: itemId, rating: 3 } })),
    ).toEqual(['UNAUTHENTICATED']);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          FEEDBACK,
          { input: { catalogItemId: itemId, rating: 3 } },
          { token: key.secret },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          FEEDBACK,
          { input: { catalogItemId: itemId, rating: 3 } },
          { token: outsider.token },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
    const outOfRange = await graphql(
      stack.gatewayUrl,
      FEEDBACK,
      { input: { catalogItemId: itemId, rating: 6 } },
      { token: owner.token },
    );
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
      expectData(
        await graphql(
          stack.gatewayUrl,
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
        ),
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
    const first = expectData(await graphql(stack.gatewayUrl, query, { s: marker })).catalog;
    expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const second = expectData(
      await graphql(stack.gatewayUrl, query, { s: marker, after: first.pageInfo.endCursor }),
    ).catalog;
    expect([...first.nodes, ...second.nodes].map((n: { id: string }) => n.id)).toEqual([...items].reverse());
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          `
            {
              catalog(first: 101) {
                totalCount
              }
            }
          `,
        ),
      ),
    ).toEqual(['BAD_USER_INPUT']);
  });
});
