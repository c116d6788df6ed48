import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { startGitServer, type GitServer } from '@controlplane/git-server';
import { useStack } from '@controlplane/testkit';
import { cloneWithCli } from '../packages/deploy/test/git-cli';
import { auditOf, deploy, makeDeploySetup, readDeployment, WEB_APP } from './support/deployments';
import { eventually, serviceEntry, spawnService, stopProcess } from './support/processes';

/**
 * A worker process killed mid-job: the job is finished by the next worker once the lease expired,
 * exactly once (one commit, one SUCCEEDED, one deployment.succeed). The workers are real processes
 * running the built workspace service (`apps/workspace/dist`, which `npm test` builds first) on
 * this file's own database; the stack in this process only serves the API
 * (DEPLOY_WORKER_CONCURRENCY=0). Nothing waits for a fixed time: each step waits for a condition.
 */
const CREDENTIALS_KEY = randomBytes(32).toString('base64');
const { stack, make, db } = useStack({
  isolatedDatabase: true,
  env: { CREDENTIALS_KEY },
  serviceEnv: { workspace: { DEPLOY_WORKER_CONCURRENCY: '0', DEPLOY_ALLOWED_HOSTS: '127.0.0.1' } },
});

const GIT_TOKEN = 'glpat-crashTest2Vb7Np';
const DEADLINE_MS = 180_000;
let git: GitServer;
const workers: ChildProcess[] = [];
beforeAll(async () => {
  serviceEntry('workspace');
  git = await startGitServer({ accounts: { deployer: GIT_TOKEN } });
});
afterAll(async () => {
  for (const worker of workers) await stopProcess(worker, 'SIGTERM');
  await git.close();
});

/** A workspace service process: a deployment worker on the stack's database, leases of 1 s. */
function startWorker(): ChildProcess {
  const worker = spawnService(
    'workspace',
    stack,
    {
      CREDENTIALS_KEY,
      IDENTITY_URL: stack.subgraphUrls.identity,
      DEPLOY_ALLOWED_HOSTS: '127.0.0.1',
      DEPLOY_LEASE_MS: '1000',
      DEPLOY_POLL_INTERVAL_MS: '100',
    },
    'pipe',
  );
  workers.push(worker);
  return worker;
}

/** `promise`, or a rejection naming `what` once the deadline passed. */
async function withDeadline<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`gave up waiting for ${what}`)), DEADLINE_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Rejects when `worker` exits before `promise` settles: a worker that dies on start fails the test at once. */
function unlessExited<T>(worker: ChildProcess, promise: Promise<T>): Promise<T> {
  let stderr = '';
  worker.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      worker.once('exit', (code) => reject(new Error(`the worker exited (code ${code}): ${stderr}`))),
    ),
  ]);
}

async function jobRow(id: string): Promise<{ status: string; attempts: number; leasedBy: string | null }> {
  const { rows } = await db.query<{ status: string; attempts: number; leasedBy: string | null }>(
    `SELECT status, attempts, "leasedBy" FROM "workspace"."Deployment" WHERE id = $1`,
    [id],
  );
  return rows[0] as { status: string; attempts: number; leasedBy: string | null };
}

it(
  'finishes a job once after its worker was killed mid-push',
  async () => {
    const url = git.createRepository('crash.git');
    const setup = await makeDeploySetup(stack, make, [
      { kind: 'GIT', url, credentials: { username: 'deployer', token: GIT_TOKEN } },
    ]);
    // The first push is held by the Git server and never answered: the worker dies waiting for it.
    const firstPush = git.holdNext((request) => request.url === '/crash.git/git-receive-pack');
    const recorded = await deploy(stack, setup.owner, {
      designId: setup.design.id,
      environmentId: setup.environment.id,
    });
    expect(recorded.status).toBe('PENDING');

    const first = startWorker();
    await unlessExited(first, withDeadline('the first push', firstPush.arrived));
    const claimed = await jobRow(recorded.id);
    expect(claimed).toMatchObject({ status: 'RUNNING', attempts: 1 });
    await stopProcess(first, 'SIGKILL');

    const second = startWorker();
    const done = await unlessExited(
      second,
      eventually(
        'the deployment to finish',
        async () => {
          const deployment = await readDeployment(stack, setup.owner, recorded.id);
          return deployment.status === 'SUCCEEDED' || deployment.status === 'FAILED' ? deployment : undefined;
        },
        DEADLINE_MS,
      ),
    );

    const row = await jobRow(recorded.id);
    expect(row.attempts).toBe(2);
    expect(row.leasedBy).not.toBe(claimed.leasedBy);
    const working = await cloneWithCli(url, 'deployer', GIT_TOKEN);
    try {
      expect(working.files).toEqual({ [`${setup.environment.name}/${setup.design.name}.yaml`]: WEB_APP });
      expect(await working.log('%H')).toBe(working.head);
      expect(done.status).toBe('SUCCEEDED');
      expect(done.targets).toMatchObject([{ status: 'SUCCEEDED', commit: working.head }]);
    } finally {
      await working.close();
    }
    const pushes = git.requests.filter(
      (r) => r.method === 'POST' && r.path === '/crash.git/git-receive-pack',
    );
    expect(pushes).toHaveLength(2);
    const events = await auditOf(stack, setup.owner, setup.organization, recorded.id);
    expect(events.map((event) => [event.action, event.actor.type])).toEqual([
      ['deployment.create', 'USER'],
      ['deployment.succeed', 'SYSTEM'],
    ]);
    // Two cold service processes on a loaded machine: each wait has its own deadline, the test all of them.
  },
  3 * DEADLINE_MS,
);
