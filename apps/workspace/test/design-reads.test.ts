import { expectData, graphql, useStack, type TestUser } from '@controlplane/testkit';

const { stack, make } = useStack();

const CREATE = `mutation ($w: ID!) { createDesign(input: { workspaceId: $w, name: "d", content: "a: 1" }) { id } }`;
const READ = `query ($id: ID!) { design(id: $id) { id } }`;
const UPDATE = `mutation ($id: ID!, $rev: Int!, $content: String!) { updateDesign(id: $id, expectedRevision: $rev, input: { content: $content }) { revision } }`;

async function designOfNewWorkspace(): Promise<{ owner: TestUser; designId: string }> {
  const owner = await make.user();
  const workspace = await make.workspace(owner, await make.organization(owner));
  const { createDesign } = expectData(
    await graphql(stack.gatewayUrl, CREATE, { w: workspace.id }, { token: owner.token }),
  );
  return { owner, designId: createDesign.id };
}

/** The workspace subgraph's SQL statements for one request through the gateway. */
async function workspaceStatements(owner: TestUser, query: string, variables: Record<string, unknown>) {
  const response = await graphql(stack.gatewayUrl, query, variables, { token: owner.token });
  expectData(response);
  return stack.sqlStatementsOf(response.headers.get('x-request-id') as string).workspace;
}

/** Every mutation first claims its envelope id in the shared replay store: one INSERT. */
const ENVELOPE_CLAIM = 1;

describe('the design of one updateDesign', () => {
  /**
   * Guards "a subject is loaded once per request": the shield rule, the resolver and the service
   * all act on the row the policy loaded, and the repository's compare-and-set returns the
   * changed row. Reading the design again anywhere (the service in its transaction, the
   * repository after its update) adds a statement and fails this test.
   */
  it('is read once: the update costs the authorized read plus the write, and nothing more', async () => {
    const { owner, designId } = await designOfNewWorkspace();
    // What the policy reads to authorize the design: the design, its workspace, the workspace's grants.
    const authorizedRead = await workspaceStatements(owner, READ, { id: designId });
    const update = await workspaceStatements(owner, UPDATE, { id: designId, rev: 1, content: 'a: 2' });
    // The mutation's envelope claim (replay protection across replicas), then the write: BEGIN,
    // UPDATE … RETURNING (compare-and-set), INSERT of the revision, INSERT of the audit event, COMMIT.
    expect(update).toBe(ENVELOPE_CLAIM + authorizedRead + 5);
  });

  it('is only read, not written, when the change changes nothing', async () => {
    const { owner, designId } = await designOfNewWorkspace();
    const authorizedRead = await workspaceStatements(owner, READ, { id: designId });
    expect(await workspaceStatements(owner, UPDATE, { id: designId, rev: 1, content: 'a: 1' })).toBe(
      ENVELOPE_CLAIM + authorizedRead,
    );
  });

  /**
   * Guards the other side of reading once per request: a mutation forgets what the request read,
   * so a later mutation field of the same operation never acts on a row that an earlier one changed.
   */
  it('is not found by an update in the same operation that deleted it first', async () => {
    const { owner, designId } = await designOfNewWorkspace();
    const before = stack.subgraphRequests.workspace;
    const response = await graphql(
      stack.gatewayUrl,
      `
        mutation ($id: ID!) {
          deleted: deleteDesign(id: $id)
          edited: updateDesign(id: $id, expectedRevision: 1, input: { content: "a: 2" }) {
            revision
          }
        }
      `,
      { id: designId },
      { token: owner.token },
    );
    expect(stack.subgraphRequests.workspace - before).toBe(1); // both fields in one subgraph request
    expect(response.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['edited'], 'NOT_FOUND'],
    ]);
  });
});
