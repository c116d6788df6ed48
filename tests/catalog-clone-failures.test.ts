import { randomUUID } from 'node:crypto';
import { servicePrincipal } from '@controlplane/auth';
import {
  errorCodes,
  testDatabaseUrl,
  useStack,
  type Factories,
  type Stack,
  type TestUser,
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

/** Clones time out quickly and are reconciled only when a test says so. */
const CLONE_SETTINGS = { env: { CLONE_DEADLINE_MS: '1500', CLONE_RECONCILE_INTERVAL_MS: '3600000' } };
const CLONE = `
  mutation ($input: CloneCatalogItemInput!) {
    cloneCatalogItem(input: $input) {
      id
    }
  }
`;

/** An ORGANIZATION item of a new tenant, and a workspace of that tenant to clone it into. */
async function publishedItemAndTarget(make: Factories) {
  const owner = await make.user();
  const organization = await make.organization(owner);
  const workspace = await make.workspace(owner, organization);
  const design = await make.design(owner, workspace, { name: 'src', content: 'kind: Source' });
  const version = await make.catalogVersion(owner, design, { name: 'Clonable' });
  return { owner, workspace, itemId: version.itemId, versionId: version.id };
}

/** A clone the catalog recorded as PENDING `secondsAgo` and heard no more of: the call was lost, or the catalog died. */
async function recordPendingClone(
  target: { itemId: string; versionId: string; workspace: { id: string } },
  designName: string,
  secondsAgo: number,
): Promise<string> {
  const cloneId = randomUUID();
  await db.query(
    `INSERT INTO catalog."CatalogClone" (id, "itemId", "versionId", "workspaceId", "designName", status, "createdAt") VALUES ($1, $2, $3, $4, $5, 'PENDING', now() - make_interval(secs => $6))`,
    [cloneId, target.itemId, target.versionId, target.workspace.id, designName, secondsAgo],
  );
  return cloneId;
}

async function cloneCount(itemId: string): Promise<number> {
  const { rows } = await db.query(`SELECT "cloneCount" FROM catalog."CatalogItem" WHERE id = $1`, [itemId]);
  return rows[0].cloneCount;
}

/** Calls the workspace subgraph's clone endpoint as the catalog would: as itself, acting for `user`. */
async function requestCloneDesign(stack: Stack, user: TestUser, body: Record<string, unknown>) {
  return stack
    .asService('workspace', servicePrincipal('catalog', await stack.principalOf(user)))
    .post<{ design?: { id: string } }>('/internal/designs/clone', body);
}

describe('a clone interrupted between the subgraphs', () => {
  const { stack, make } = useStack(CLONE_SETTINGS);

  it('is completed and counted once when the design was made but the answer was lost', async () => {
    const target = await publishedItemAndTarget(make);
    const { owner, workspace, itemId } = target;
    // The catalog recorded the clone, then lost the workspace's answer (or died) after the design was made.
    const cloneId = await recordPendingClone(target, 'lost answer', 2);
    const request = {
      cloneKey: cloneId,
      workspaceId: workspace.id,
      name: 'lost answer',
      content: 'kind: Source',
      notAfter: new Date(Date.now() + 60_000).toISOString(),
    };
    const first = await requestCloneDesign(stack, owner, request);
    const retried = await requestCloneDesign(stack, owner, request);
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
    const target = await publishedItemAndTarget(make);
    const { owner, workspace, itemId } = target;
    const cloneId = await recordPendingClone(target, 'never made', 10);
    await stack.reconcileClones();
    const { rows } = await db.query(`SELECT status FROM catalog."CatalogClone" WHERE id = $1`, [cloneId]);
    expect(rows[0].status).toBe('FAILED');
    expect(await cloneCount(itemId)).toBe(0);
    const late = await requestCloneDesign(stack, owner, {
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
  const { stack, make } = useStack(CLONE_SETTINGS);

  it('fails clearly, creates nothing and counts nothing', async () => {
    const { owner, workspace, itemId } = await publishedItemAndTarget(make);
    stack.stopSubgraph('workspace');
    const response = await stack
      .as(owner)
      .send(CLONE, { input: { catalogItemId: itemId, workspaceId: workspace.id } });
    expect(errorCodes(response)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(response.errors?.[0]?.message).toMatch(/could not be confirmed/);
    expect(await cloneCount(itemId)).toBe(0);
    const { rows } = await db.query(`SELECT status FROM catalog."CatalogClone" WHERE "itemId" = $1`, [
      itemId,
    ]);
    expect(rows).toEqual([{ status: 'PENDING' }]);
  });
});

describe('concurrent clones', () => {
  const { stack, make } = useStack();

  it('count every successful clone exactly once', async () => {
    const { owner, workspace, itemId } = await publishedItemAndTarget(make);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        stack.as(owner).send(CLONE, { input: { catalogItemId: itemId, workspaceId: workspace.id } }),
      ),
    );
    expect(results.every((result) => result.errors === undefined)).toBe(true);
    expect(new Set(results.map((result) => result.data.cloneCatalogItem.id)).size).toBe(5);
    expect(await cloneCount(itemId)).toBe(5);
  });
});
