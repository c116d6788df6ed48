import { useStack, type TestUser, type TestWorkspace } from '@controlplane/testkit';

/**
 * The gateway refuses to send a response over MAX_RESPONSE_BYTES (here 1 MiB, to keep the test
 * small): one GraphQL error, RESPONSE_TOO_LARGE, no partial data, the limit not stated.
 */
const BUDGET = 1024 * 1024;
const MAX_CONTENT_BYTES = 1024 * 1024;

const { stack, make } = useStack({ env: { MAX_RESPONSE_BYTES: String(BUDGET) } });
let owner: TestUser;
let workspace: TestWorkspace;

beforeAll(async () => {
  owner = await make.user();
  workspace = await make.workspace(owner, await make.organization(owner));
});

/** Valid YAML of exactly `bytes` bytes. */
const document = (bytes: number) => `data: "${'y'.repeat(bytes - 'data: ""'.length)}"`;

async function createDesign(content: string): Promise<string> {
  return (await make.design(owner, workspace, { name: 'large', content })).id;
}

/** The raw answer: its exact size matters here, not only its parsed value. */
async function post(query: string, variables: Record<string, unknown>) {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return {
    bytes: Buffer.byteLength(text),
    body: JSON.parse(text) as {
      data?: unknown;
      errors?: { message: string; extensions?: { code?: string } }[];
    },
  };
}

function expectTooLarge(answer: Awaited<ReturnType<typeof post>>) {
  expect(answer.body.data).toBeUndefined();
  expect(answer.body.errors).toHaveLength(1);
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
  expect(answer.body.errors?.[0]?.message).not.toMatch(/\d/);
  expect(answer.bytes).toBeLessThan(1000);
}

describe('the response size limit', () => {
  it('answers a response of exactly the limit and refuses one a byte larger', async () => {
    const DESIGN = `query ($id: ID!) { design(id: $id) { content } }`;
    const overhead = Buffer.byteLength(JSON.stringify({ data: { design: { content: document(8) } } })) - 8;
    const exact = document(BUDGET - overhead);
    const within = await post(DESIGN, { id: await createDesign(exact) });
    expect(within.bytes).toBe(BUDGET);
    expect(within.body).toEqual({ data: { design: { content: exact } } });

    expectTooLarge(await post(DESIGN, { id: await createDesign(document(BUDGET - overhead + 1)) }));
  });

  /**
   * Design contents (up to 1 MiB each) are the heaviest values; each costs 100, so the cost limit
   * (25,000) admits at most 249 of them: two full pages and a page of 49. Whatever the data, the
   * answer to that query stays within the byte budget, and one more content is refused for cost.
   */
  it('keeps the largest legal query under the byte budget', async () => {
    for (let i = 0; i < 3; i += 1) await createDesign(document(MAX_CONTENT_BYTES));
    const pages = (sizes: number[]) =>
      `query ($id: ID!) { ${sizes.map((size, i) => `p${i}: workspace(id: $id) { designs(first: ${size}) { nodes { content } } }`).join(' ')} }`;

    const largest = await post(pages([100, 100, 49]), { id: workspace.id });
    expect(largest.bytes).toBeLessThanOrEqual(BUDGET);
    expectTooLarge(largest);

    const past = await post(pages([100, 100, 50]), { id: workspace.id });
    expect(past.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(past.body.data).toBeUndefined();
  });
});
