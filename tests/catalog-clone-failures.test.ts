import { randomUUID } from 'node:crypto';
import { IDENTITY_HEADER, signEnvelope, type Principal } from '@controlplane/auth';
import {
  createFactories,
  errorCodes,
  expectData,
  graphql,
  startStack,
  testDatabaseUrl,
  type Stack,
} from '@controlplane/testkit';
import pg from 'pg';

/**
 * cloneCount must grow exactly once per successful clone, even when a call between the catalog
 * and workspace subgraphs fails midway. These tests break the path at each point.
 */
let db: pg.Pool;
beforeAll(() => {
  db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
});
afterAll(() => db.end());

async function publishedItemAndTarget(stack: Stack) {
  const make = createFactories(stack.gatewayUrl);
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
      { input: { workspaceId: workspace.id, name: 'src', content: 'kind: Source' } },
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
      { input: { designId: createDesign.id, name: 'Clonable' } },
      { token: owner.token },
    ),
  );
  const memberships = expectData(
    await graphql(
      stack.gatewayUrl,
      `
        {
          me {
            user {
              displayName
            }
            organizations {
              role
              organization {
                id
              }
            }
          }
        }
      `,
      {},
      { token: owner.token },
    ),
  ).me;
  const principal: Principal = {
    kind: 'user',
    userId: owner.id,
    displayName: memberships.user.displayName,
    organizations: memberships.organizations.map((m: { role: 'OWNER'; organization: { id: string } }) => ({
      organizationId: m.organization.id,
      role: m.role,
    })),
    teams: [],
  };
  return {
    owner,
    workspace,
    itemId: publishDesign.item.id as string,
    versionId: publishDesign.id as string,
    principal,
  };
}

async function cloneCount(itemId: string): Promise<number> {
  const { rows } = await db.query(`SELECT "cloneCount" FROM catalog."CatalogItem" WHERE id = $1`, [itemId]);
  return rows[0].cloneCount;
}

/** Calls the workspace subgraph's clone endpoint as the catalog would. */
async function requestCloneDesign(stack: Stack, principal: Principal, body: Record<string, unknown>) {
  const text = JSON.stringify(body);
  const response = await fetch(new URL('/internal/designs/clone', stack.subgraphUrls.workspace), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [IDENTITY_HEADER]: await signEnvelope({
        secret: stack.gatewaySecret,
        audience: 'workspace',
        principal,
        requestId: 'test',
        body: text,
      }),
    },
    body: text,
  });
  return { status: response.status, body: (await response.json()) as { design?: { id: string } } };
}

describe('a clone interrupted between the subgraphs', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { CLONE_DEADLINE_MS: '1500', CLONE_RECONCILE_INTERVAL_MS: '3600000' } });
  });
  afterAll(() => stack.close());

  it('is completed and counted once when the design was made but the answer was lost', async () => {
    const { workspace, itemId, versionId, principal } = await publishedItemAndTarget(stack);
    const cloneId = randomUUID();
    // The catalog recorded the clone, then lost the workspace's answer (or died) after the design was made.
    await db.query(
      `INSERT INTO catalog."CatalogClone" (id, "itemId", "versionId", "workspaceId", "designName", status, "createdAt") VALUES ($1, $2, $3, $4, 'lost answer', 'PENDING', now() - interval '2 seconds')`,
      [cloneId, itemId, versionId, workspace.id],
    );
    const request = {
      cloneKey: cloneId,
      workspaceId: workspace.id,
      name: 'lost answer',
      content: 'kind: Source',
      notAfter: new Date(Date.now() + 60_000).toISOString(),
    };
    const first = await requestCloneDesign(stack, principal, request);
    const retried = await requestCloneDesign(stack, principal, request);
    expect(first.status).toBe(200);
    expect(retried.body.design?.id).toBe(first.body.design?.id); // a retry with the same key makes no second design

    expect(await cloneCount(itemId)).toBe(0);
    expect(await stack.reconcileClones()).toBeGreaterThanOrEqual(1);
    expect(await cloneCount(itemId)).toBe(1);
    await stack.reconcileClones();
    expect(await cloneCount(itemId)).toBe(1);
    const { rows } = await db.query(`SELECT status, "designId" FROM catalog."CatalogClone" WHERE id = $1`, [
      cloneId,
    ]);
    expect(rows[0]).toEqual({ status: 'COMPLETED', designId: first.body.design?.id });
  });

  it('is failed, uncounted, and never created late once its deadline passes without a design', async () => {
    const { workspace, itemId, versionId, principal } = await publishedItemAndTarget(stack);
    const cloneId = randomUUID();
    await db.query(
      `INSERT INTO catalog."CatalogClone" (id, "itemId", "versionId", "workspaceId", "designName", status, "createdAt") VALUES ($1, $2, $3, $4, 'never made', 'PENDING', now() - interval '10 seconds')`,
      [cloneId, itemId, versionId, workspace.id],
    );
    await stack.reconcileClones();
    const { rows } = await db.query(`SELECT status FROM catalog."CatalogClone" WHERE id = $1`, [cloneId]);
    expect(rows[0].status).toBe('FAILED');
    expect(await cloneCount(itemId)).toBe(0);
    const late = await requestCloneDesign(stack, principal, {
      cloneKey: cloneId,
      workspaceId: workspace.id,
      name: 'late',
      content: 'kind: Source',
      notAfter: new Date(Date.now() - 1).toISOString(),
    });
    expect(late.status).toBe(410);
  });
});

describe('a clone while the workspace subgraph is down', () => {
  it('fails clearly, creates nothing and counts nothing', async () => {
    const stack = await startStack({
      env: { CLONE_DEADLINE_MS: '1500', CLONE_RECONCILE_INTERVAL_MS: '3600000' },
    });
    try {
      const { owner, workspace, itemId } = await publishedItemAndTarget(stack);
      stack.stopSubgraph('workspace');
      const response = await graphql(
        stack.gatewayUrl,
        `
          mutation ($input: CloneCatalogItemInput!) {
            cloneCatalogItem(input: $input) {
              id
            }
          }
        `,
        { input: { catalogItemId: itemId, workspaceId: workspace.id } },
        { token: owner.token },
      );
      expect(errorCodes(response)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(response.errors?.[0]?.message).toMatch(/could not be confirmed/);
      expect(await cloneCount(itemId)).toBe(0);
      const { rows } = await db.query(`SELECT status FROM catalog."CatalogClone" WHERE "itemId" = $1`, [
        itemId,
      ]);
      expect(rows).toEqual([{ status: 'PENDING' }]);
    } finally {
      await stack.close();
    }
  });
});

describe('concurrent clones', () => {
  it('count every successful clone exactly once', async () => {
    const stack = await startStack();
    try {
      const { owner, workspace, itemId } = await publishedItemAndTarget(stack);
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          graphql(
            stack.gatewayUrl,
            `
              mutation ($input: CloneCatalogItemInput!) {
                cloneCatalogItem(input: $input) {
                  id
                }
              }
            `,
            { input: { catalogItemId: itemId, workspaceId: workspace.id } },
            { token: owner.token },
          ),
        ),
      );
      expect(results.every((result) => result.errors === undefined)).toBe(true);
      expect(new Set(results.map((result) => result.data.cloneCatalogItem.id)).size).toBe(5);
      expect(await cloneCount(itemId)).toBe(5);
    } finally {
      await stack.close();
    }
  });
});
