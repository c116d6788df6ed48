import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IDENTITY_HEADER, REQUEST_ID_HEADER, signEnvelope, type Principal } from '@controlplane/auth';
import { listen } from '@controlplane/runtime';
import type { SubgraphHandle } from '@controlplane/subgraph';
import { expectData, useStack, type TestUser } from '@controlplane/testkit';
import { createWorkspaceSubgraph, loadWorkspaceConfig } from '@controlplane/workspace';

const { stack, make } = useStack();

const CREATE = `mutation ($input: CreateDesignInput!) { createDesign(input: $input) { id } }`;
const COUNT = `query ($id: ID!) { workspace(id: $id) { designs(first: 100) { totalCount } } }`;

type Replica = { url: string; close(): Promise<void> };

/** One more replica of the workspace subgraph, on the stack's database, as another process would be. */
async function startWorkspaceReplica(): Promise<Replica> {
  const handle: SubgraphHandle = await createWorkspaceSubgraph(
    loadWorkspaceConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      ...stack.signingEnvironmentOf('workspace'),
      JWT_SECRET: stack.jwtSecret,
      CREDENTIALS_KEY: randomBytes(32).toString('base64'),
      DATABASE_URL: stack.serviceDatabaseUrls?.workspace as string,
      DATABASE_POOL_SIZE: '2',
      OUTBOX_RELAY_INTERVAL_MS: '60000',
      DEPLOY_WORKER_CONCURRENCY: '0',
      IDENTITY_URL: stack.subgraphUrls.identity,
      CATALOG_URL: stack.subgraphUrls.catalog,
    }),
  );
  const server: Server = await listen(handle.app, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    async close() {
      server.closeAllConnections();
      server.close();
      await handle.close();
    },
  };
}

/** A request exactly as the gateway sends it, captured once: the same headers and bytes each time. */
async function capture(principal: Principal, query: string, variables: Record<string, unknown>) {
  const requestId = randomUUID();
  const body = JSON.stringify({ query, variables });
  const headers = {
    'content-type': 'application/json',
    [REQUEST_ID_HEADER]: requestId,
    [IDENTITY_HEADER]: await signEnvelope({
      signer: stack.signers.gateway,
      audience: 'workspace',
      principal,
      requestId,
      method: 'POST',
      path: '/graphql',
      body,
    }),
  };
  return async (url: string) => (await fetch(url, { method: 'POST', headers, body })).status;
}

async function setup() {
  const owner: TestUser = await make.user();
  const organization = await make.organization(owner);
  const workspace = await make.workspace(owner, organization);
  const designsOf = async () =>
    expectData(await stack.as(owner).send(COUNT, { id: workspace.id })).workspace.designs
      .totalCount as number;
  return { principal: await stack.principalOf(owner), workspace, designsOf };
}

describe('an envelope is accepted at most once across replicas and restarts', () => {
  let replicas: Replica[] = [];
  beforeEach(async () => {
    replicas = [await startWorkspaceReplica(), await startWorkspaceReplica()];
  });
  afterEach(async () => {
    for (const replica of replicas) await replica.close();
  });
  const restartBoth = async () => {
    for (const replica of replicas) await replica.close();
    replicas = [await startWorkspaceReplica(), await startWorkspaceReplica()];
  };

  /** Guards issue 16: a captured createDesign created the design once per replica. */
  it('creates a captured design once when it is sent to two replicas, and again to both after they restart', async () => {
    const { principal, workspace, designsOf } = await setup();
    const send = await capture(principal, CREATE, {
      input: { workspaceId: workspace.id, name: 'captured', content: 'a: 1' },
    });
    const [first, second] = replicas as [Replica, Replica];
    expect([await send(first.url), await send(second.url)]).toEqual([200, 401]);
    await restartBoth();
    const [firstAgain, secondAgain] = replicas as [Replica, Replica];
    expect([await send(firstAgain.url), await send(secondAgain.url)]).toEqual([401, 401]);
    // The stack's own replica, on the same database, refuses it too.
    expect(await send(stack.subgraphUrls.workspace)).toBe(401);
    expect(await designsOf()).toBe(1);
  }, 300_000);

  it('refuses a captured mutation on the second replica even when the first refused its content', async () => {
    const { principal, workspace } = await setup();
    // Invalid content: the mutation fails, yet its envelope is used up.
    const send = await capture(principal, CREATE, {
      input: { workspaceId: workspace.id, name: '', content: 'a: 1' },
    });
    const [first, second] = replicas as [Replica, Replica];
    expect(await send(first.url)).toBe(200);
    expect(await send(second.url)).toBe(401);
  }, 300_000);

  /**
   * Documents the chosen limit (README, Security): a query is checked against replay only by the
   * replica that served it, so a captured query can be answered once more by each other replica
   * (and after a restart) within its 60-second lifetime; it can change nothing.
   */
  it('answers a captured query once per replica: the same replica refuses it again', async () => {
    const { principal, workspace } = await setup();
    const send = await capture(principal, COUNT, { id: workspace.id });
    const [first, second] = replicas as [Replica, Replica];
    expect(await send(first.url)).toBe(200);
    expect(await send(first.url)).toBe(401);
    expect(await send(second.url)).toBe(200);
    expect(await send(second.url)).toBe(401);
  }, 300_000);
});
