import { startStack, useStack, type GraphQLResponse, type TestUser } from '@controlplane/testkit';

/**
 * Each gateway limit has a request just within it (answered) and one just past it (refused),
 * and a refusal never tells the limit. The shapes are chosen so that only the limit under test
 * is crossed (probed against graphql-armor with the gateway's settings).
 */
const { stack, make } = useStack();
let user: TestUser;

beforeAll(async () => {
  user = await make.user();
});

/** catalog(first: 1) { nodes { derivedFrom { derivedFrom { ... id } } } }: deep but cheap (no list multiplies it). */
const nested = (levels: number) =>
  `{ catalog(first: 1) { nodes { ${'derivedFrom { '.repeat(levels - 1)} id ${'} '.repeat(levels - 1)}} } }`;
const aliased = (count: number) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: me { user { id } }`).join(' ')} }`;
const directed = (count: number) =>
  `{ me { user { ${Array.from({ length: count }, () => 'id @include(if: true)').join(' ')} } } }`;
/** `count` aliases of __typename: aliases are counted whatever the field. */
const typenames = (count: number) =>
  `{ ${Array.from({ length: count }, (_, i) => `t${i}: __typename`).join(' ')} }`;
/**
 * Cost probes. Lists without pages (organizations, workspaces) count 10 items each, so with the
 * limit at 25,000: a page of `size` designs with three fields costs 422 + 300 * size (81 within,
 * 82 past); the default page (50) of designs with `fields` fields costs 422 + 5,000 * fields (4
 * within, 5 past); a design's content counts as 100 fields, so pages of two designs' contents are
 * within and of three past.
 */
const paged = (size: number) =>
  `{ organizations { workspaces { designs(first: ${size}) { nodes { id name revision } } } } }`;
const defaultPage = (fields: number) =>
  `{ organizations { workspaces { designs { nodes { ${['id', 'name', 'revision', 'createdAt', 'updatedAt'].slice(0, fields).join(' ')} } } } } }`;
const contents = (size: number) =>
  `{ organizations { workspaces { designs(first: ${size}) { nodes { content } } } } }`;
/** Many tokens in a valid document: repeated fragment spreads (graphql-js refuses thousands of identical fields on its own). */
const tokens = (spreads: number) =>
  `{ me { ${Array.from({ length: spreads }, () => '...F').join(' ')} } } fragment F on Viewer { user { id } }`;

function expectRefusedWithoutTelling(response: GraphQLResponse<unknown>) {
  expect(response.status).toBeLessThan(500);
  expect(response.errors?.length).toBeGreaterThan(0);
  const text = JSON.stringify(response.errors?.map((error) => error.message));
  expect(text).not.toMatch(/\d{2,}/); // no limit or measured value in the message
  expect(response.data ?? null).toBeNull();
}

describe.each([
  ['query depth', nested(10), nested(11)],
  ['aliases', aliased(15), aliased(16)],
  ['aliases of __typename', typenames(15), typenames(16)],
  ['directives', directed(20), directed(21)],
  ['query cost (a page size multiplies)', paged(81), paged(82)],
  ['query cost (the default page size multiplies)', defaultPage(4), defaultPage(5)],
  ['query cost (a document is heavy)', contents(2), contents(3)],
  ['tokens', tokens(992), tokens(993)],
])('the %s limit', (_limit, within, past) => {
  it('answers a request just within it', async () => {
    const response = await stack.as(user).send(within);
    expect(response.errors).toBeUndefined();
  });

  it('refuses a request just past it, without revealing the limit', async () => {
    expectRefusedWithoutTelling(await stack.as(user).send(past));
  });
});

describe('the query cost limit', () => {
  it('counts a page size given in a variable as the largest page', async () => {
    const query = `query ($size: Int) { organizations { workspaces { designs(first: $size) { nodes { id name revision } } } } }`;
    expectRefusedWithoutTelling(await stack.as(user).send(query, { size: 1 }));
  });

  it('admits the dashboard queries that clients send, with pages of up to 100 designs', async () => {
    const dashboards = [
      `query ($id: ID!) { organization(id: $id) { name workspaces { name designs(first: 100) { totalCount nodes { id name revision workspace { id name organization { id name } } } } } } }`,
      `query ($id: ID!) { organization(id: $id) { id name workspaces { id name designs(first: 100) { totalCount nodes { id name revision updatedAt clonedFrom { id version item { id name slug } } } } } } }`,
    ];
    const organization = await make.organization(user);
    for (const query of dashboards) {
      const response = await stack.as(user).send(query, { id: organization.id });
      expect(response.errors).toBeUndefined();
    }
  });
});

describe('directive overloading', () => {
  /** The same directive many times on one field: graphql-js would report every copy. */
  const repeated = (directive: string, count: number) =>
    `{ me { user { id ${Array.from({ length: count }, () => directive).join(' ')} } } }`;

  it('answers a field with two different directives', async () => {
    const response = await stack.as(user).send('{ me { user { id @include(if: true) @skip(if: false) } } }');
    expect(response.errors).toBeUndefined();
  });

  it.each([
    ['the same known directive twice', repeated('@include(if: true)', 2)],
    ['the same unknown directive ten times', repeated('@unknown', 10)],
    [
      'more directives than the limit, all different and unknown',
      `{ me { user { id ${Array.from({ length: 21 }, (_, i) => `@d${i}`).join(' ')} } } }`,
    ],
  ])('refuses %s with one error', async (_case, query) => {
    const response = await stack.as(user).send(query);
    expectRefusedWithoutTelling(response);
    expect(response.errors).toHaveLength(1);
  });
});

describe('request shape limits', () => {
  it('refuses batched requests', async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ me { user { id } } }' }, { query: '{ me { user { id } } }' }]),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toMatch(/stack|at \//);
  });

  it('answers a body just under the size limit and refuses one just over, without telling the limit', async () => {
    const limit = 2_500_000;
    const envelope = (padding: number) =>
      JSON.stringify({ query: '{ me { user { id } } }', variables: { pad: 'x'.repeat(padding) } });
    const overhead = envelope(0).length;
    const post = (body: string) =>
      fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
        body,
      });
    const under = await post(envelope(limit - overhead));
    expect(under.status).toBe(200);
    const over = await post(envelope(limit - overhead + 1));
    expect(over.status).toBe(413);
    const body = (await over.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0]?.message).not.toMatch(/\d/);
  });

  it('hides field suggestions', async () => {
    const response = await stack.as(user).send('{ organizatons { id } }');
    expect(response.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });
});

/** What a browser gets for the GraphiQL page and one of its assets. */
async function graphiqlAt(gatewayUrl: string) {
  const page = await fetch(gatewayUrl, { headers: { accept: 'text/html' } });
  const asset = await fetch(new URL('/graphiql/graphiql.js', gatewayUrl));
  return { page: page.status, isGraphiql: (await page.text()).includes('GraphiQL'), asset: asset.status };
}

describe('in production', () => {
  const { stack: production } = useStack({ env: { NODE_ENV: 'production' } });

  it('turns introspection off and still hides suggestions', async () => {
    const introspection = await production.anonymous.send('{ __schema { types { name } } }');
    expect(introspection.errors?.length).toBeGreaterThan(0);
    expect(introspection.data ?? null).toBeNull();
    const typo = await production.anonymous.send('{ catalg { totalCount } }');
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('counts aliases of __typename like any other alias', async () => {
    expect((await production.anonymous.send(typenames(15))).errors).toBeUndefined();
    expectRefusedWithoutTelling(await production.anonymous.send(typenames(101)));
  });

  it('refuses the same unknown directive repeated on a field with one error', async () => {
    const response = await production.anonymous.send(`{ catalog { totalCount ${'@unknown '.repeat(10)}} }`);
    expectRefusedWithoutTelling(response);
    expect(response.errors).toHaveLength(1);
  });

  it('does not serve GraphiQL', async () => {
    const graphiql = await graphiqlAt(production.gatewayUrl);
    expect(graphiql.isGraphiql).toBe(false);
    expect(graphiql.page).toBe(404);
    expect(graphiql.asset).toBe(404);
  });

  it('serves GraphiQL when the operator sets GRAPHIQL_ENABLED=true', async () => {
    const enabled = await startStack({ env: { NODE_ENV: 'production', GRAPHIQL_ENABLED: 'true' } });
    try {
      expect(await graphiqlAt(enabled.gatewayUrl)).toEqual({ page: 200, isGraphiql: true, asset: 200 });
    } finally {
      await enabled.close();
    }
  });

  it('serves introspection and GraphiQL outside production', async () => {
    const response = await stack.anonymous.send('{ __schema { queryType { name } } }');
    expect(response.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect(await graphiqlAt(stack.gatewayUrl)).toEqual({ page: 200, isGraphiql: true, asset: 200 });
  });
});
