import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase, type Database } from '@controlplane/db';
import { createIsolatedDatabase } from '@controlplane/testkit';
import { createDeploymentJobs, type DeploymentJobs } from '../src/deployments/deployment-jobs';
import {
  createDeploymentRepository,
  type DeploymentRepository,
} from '../src/deployments/deployment-repository';
import { createWorkspacePrisma, type WorkspacePrisma } from '../src/repositories/prisma';

/**
 * The deployment queue on PostgreSQL: a job is claimed by one worker at a time, a job whose worker
 * died is claimed again once its lease expired, and a worker that lost its job can no longer write.
 * Leases are expired by moving them into the past, never by waiting.
 */
let database: Database;
let prisma: WorkspacePrisma;
let jobs: DeploymentJobs;
let deployments: DeploymentRepository;
let isolated: { url: string; drop(): Promise<void> };

// The queue is shared by every worker of a database: this test has one of its own.
beforeAll(async () => {
  isolated = await createIsolatedDatabase();
  database = await openDatabase({
    owner: 'workspace',
    url: isolated.url,
    dataDir: undefined,
    migrationsDir: join(__dirname, '..', '..', '..', 'prisma', 'workspace', 'migrations'),
    poolSize: 6,
    connectTimeoutMs: 5000,
    idleTimeoutMs: 10000,
    statementTimeoutMs: 15000,
  });
  prisma = createWorkspacePrisma(database.adapter);
  jobs = createDeploymentJobs(prisma);
  deployments = createDeploymentRepository(prisma);
});
afterAll(async () => {
  await prisma.$disconnect();
  await database.close();
  await isolated.drop();
});

/** Jobs of one organization; each test counts only its own. */
async function enqueue(count: number): Promise<string[]> {
  const organizationId = randomUUID();
  const connection = await prisma.connection.create({
    data: {
      organizationId,
      name: `c-${randomUUID()}`,
      kind: 'GIT',
      url: 'https://git.example.test/repo.git',
    },
  });
  const workspace = await prisma.workspace.create({ data: { organizationId, name: `w-${randomUUID()}` } });
  const design = await prisma.design.create({
    data: { organizationId, workspaceId: workspace.id, name: 'd', content: 'a: 1' },
  });
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const deployment = await deployments.create({
      organizationId,
      workspaceId: workspace.id,
      designId: design.id,
      designRevision: 1,
      environmentId: randomUUID(),
      action: 'APPLY',
      dryRun: false,
      createdById: null,
      requestId: null,
      connectionIds: [connection.id],
    });
    ids.push(deployment.id);
  }
  return ids;
}

/** Claims until the queue holds nothing more of `mine` for this worker. */
async function claimAll(workerId: string, mine: Set<string>): Promise<string[]> {
  const claimed: string[] = [];
  for (let job = await jobs.claim(workerId, 60_000); job !== null; job = await jobs.claim(workerId, 60_000)) {
    if (mine.has(job.id)) claimed.push(job.id);
  }
  return claimed;
}

describe('the deployment queue', () => {
  it('gives each job to exactly one of several workers claiming at once', async () => {
    const ids = await enqueue(12);
    const mine = new Set(ids);
    const byWorker = await Promise.all(
      ['w1', 'w2', 'w3', 'w4'].map((worker) => claimAll(`${worker}-${randomUUID()}`, mine)),
    );
    const all = byWorker.flat();
    expect(all.sort()).toEqual([...ids].sort());
    expect(new Set(all).size).toBe(all.length);
  });

  it('claims a RUNNING job again only after its lease expired, and the first worker then cannot write', async () => {
    const [id] = (await enqueue(1)) as [string];
    const first = `first-${randomUUID()}`;
    const second = `second-${randomUUID()}`;
    expect(await claimAll(first, new Set([id]))).toEqual([id]);
    // Its lease runs: nobody else gets it.
    expect(await claimAll(second, new Set([id]))).toEqual([]);
    // The first worker died: its lease expires.
    await prisma.deployment.update({ where: { id }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });
    expect(await claimAll(second, new Set([id]))).toEqual([id]);
    const [row] = await deployments.findByIds([id]);
    expect(row).toMatchObject({ status: 'RUNNING', attempts: 2 });

    const [target] = await deployments.findTargetsOf([id]);
    const outcome = {
      status: 'SUCCEEDED' as const,
      message: 'done',
      resources: ['Deployment/shop/web'],
      commit: null,
    };
    expect(await jobs.finishTarget(id, first, target!.connectionId, outcome)).toBe(false);
    expect(await deployments.finishRun(id, first, 'SUCCEEDED')).toBe(false);
    expect(await jobs.renew(id, first, 60_000)).toBe(false);
    expect(await jobs.finishTarget(id, second, target!.connectionId, outcome)).toBe(true);
    expect(await deployments.finishRun(id, second, 'SUCCEEDED')).toBe(true);
    expect((await deployments.findByIds([id]))[0]).toMatchObject({ status: 'SUCCEEDED' });
    expect(await claimAll(first, new Set([id]))).toEqual([]);
  });

  /** Guards against one process running a job twice when a stalled event loop let its lease expire. */
  it('never gives a worker a job it says it is still running, even once its lease expired', async () => {
    const [id] = (await enqueue(1)) as [string];
    const worker = `stalled-${randomUUID()}`;
    expect(await claimAll(worker, new Set([id]))).toEqual([id]);
    await prisma.deployment.update({ where: { id }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });

    expect(await jobs.claim(worker, 60_000, [id])).toBeNull();
    expect((await deployments.findByIds([id]))[0]).toMatchObject({ status: 'RUNNING', attempts: 1 });
    // Another worker may take it: this one could have died.
    expect(await claimAll(`other-${randomUUID()}`, new Set([id]))).toEqual([id]);
  });
});
