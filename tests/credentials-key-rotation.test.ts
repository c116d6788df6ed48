import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { serviceDatabaseUrl } from '@controlplane/db';
import { startGitServer, type GitServer } from '@controlplane/git-server';
import {
  createFactories,
  createIsolatedDatabase,
  startStack,
  type Factories,
  type Stack,
  type TestUser,
} from '@controlplane/testkit';
import pg from 'pg';
import { keyIdOf } from '@controlplane/config';
import {
  deploy,
  DEPLOYMENT_FIELDS,
  finished,
  makeDeploySetup,
  type DeploySetup,
} from './support/deployments';

/**
 * Guards issue 16's CREDENTIALS_KEY rotation: credentials written under key A still deploy after
 * the workspace restarts with CREDENTIALS_KEY=B and CREDENTIALS_KEY_PREVIOUS=A; they are
 * re-encrypted with B on read, or by `npm run credentials:reencrypt`, idempotently; then A can go.
 * A key that opens nothing fails the target with a clear message, never a credential or a trace.
 */
const ROOT = join(__dirname, '..');
const REENCRYPT = join(ROOT, 'apps', 'workspace', 'dist', 'credentials', 'reencrypt-cli.js');
const GIT_TOKEN = 'glpat-rotationToken4Hw8';
const [A, B, C] = [randomBytes(32), randomBytes(32), randomBytes(32)];
const base64 = (key: Buffer) => key.toString('base64');

let database: { url: string; drop(): Promise<void> };
let git: GitServer;
/** Made under key A: one re-encrypted when the worker reads it, one by the command. */
let onRead: DeploySetup;
let byCommand: DeploySetup;

beforeAll(async () => {
  database = await createIsolatedDatabase();
  git = await startGitServer({ accounts: { deployer: GIT_TOKEN } });
});
afterAll(async () => {
  await git.close();
  await database.drop();
});

/** The stack on the test's database with these workspace keys, for the time of `work`. */
async function withStack<T>(
  keys: { CREDENTIALS_KEY: string; CREDENTIALS_KEY_PREVIOUS?: string },
  work: (stack: Stack, make: Factories) => Promise<T>,
): Promise<T> {
  const stack = await startStack({
    databaseUrl: database.url,
    env: keys,
    serviceEnv: { workspace: { DEPLOY_ALLOWED_HOSTS: '127.0.0.1' } },
  });
  try {
    return await work(stack, createFactories(stack.gatewayUrl));
  } finally {
    await stack.close();
  }
}

/** Each connection's sealed credentials, as stored. */
async function sealedOf(stack: Stack, setup: DeploySetup): Promise<string> {
  const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 1 });
  try {
    const { rows } = await pool.query<{ sealed: string }>(
      `SELECT "encryptedCredentials" AS sealed FROM "workspace"."Connection" WHERE "id" = $1`,
      [setup.connectionIds[0]],
    );
    return rows[0]?.sealed as string;
  } finally {
    await pool.end();
  }
}

/** Deploys `setup`'s design as its owner (signed in to this stack) and waits for the outcome. */
async function deployed(stack: Stack, make: Factories, setup: DeploySetup) {
  const owner: TestUser = await make.session(setup.owner);
  const recorded = await deploy(stack, owner, {
    designId: setup.design.id,
    environmentId: setup.environment.id,
  });
  return finished(stack, owner, recorded.id);
}

const reencrypt = (keys: Record<string, string>) =>
  promisify(execFile)(process.execPath, [REENCRYPT], {
    // As the workspace's own role, as the service runs.
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: serviceDatabaseUrl(database.url, 'workspace'),
      ...keys,
    },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

describe('rotating CREDENTIALS_KEY', () => {
  it('seals credentials under key A, naming it', async () => {
    await withStack({ CREDENTIALS_KEY: base64(A) }, async (stack, make) => {
      const target = { kind: 'GIT' as const, credentials: { username: 'deployer', token: GIT_TOKEN } };
      onRead = await makeDeploySetup(stack, make, [{ ...target, url: git.createRepository('on-read.git') }]);
      byCommand = await makeDeploySetup(stack, make, [
        { ...target, url: git.createRepository('by-command.git') },
      ]);
      expect(await sealedOf(stack, onRead)).toMatch(new RegExp(`^v2:${keyIdOf(A)}:`));
    });
  }, 60_000);

  it('deploys with CREDENTIALS_KEY=B, CREDENTIALS_KEY_PREVIOUS=A, re-encrypting with B on read', async () => {
    await withStack(
      { CREDENTIALS_KEY: base64(B), CREDENTIALS_KEY_PREVIOUS: base64(A) },
      async (stack, make) => {
        const deployment = await deployed(stack, make, onRead);
        expect(deployment.status).toBe('SUCCEEDED');
        expect(deployment.targets[0]?.commit).toMatch(/^[0-9a-f]{40}$/);
        expect(await sealedOf(stack, onRead)).toMatch(new RegExp(`^v2:${keyIdOf(B)}:`));
        expect(await sealedOf(stack, byCommand)).toMatch(new RegExp(`^v2:${keyIdOf(A)}:`));
      },
    );
  }, 60_000);

  it('npm run credentials:reencrypt seals the rest with B, and a second run changes nothing', async () => {
    const keys = { CREDENTIALS_KEY: base64(B), CREDENTIALS_KEY_PREVIOUS: base64(A) };
    const first = await reencrypt(keys);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ key: keyIdOf(B), reencrypted: 1, current: 1, unreadable: 0 });
    const second = await reencrypt(keys);
    expect(JSON.parse(second.stdout)).toEqual({ key: keyIdOf(B), reencrypted: 0, current: 2, unreadable: 0 });
  }, 60_000);

  it('deploys both with CREDENTIALS_KEY=B alone once A is removed', async () => {
    await withStack({ CREDENTIALS_KEY: base64(B) }, async (stack, make) => {
      expect(await sealedOf(stack, byCommand)).toMatch(new RegExp(`^v2:${keyIdOf(B)}:`));
      for (const setup of [onRead, byCommand])
        expect((await deployed(stack, make, setup)).status).toBe('SUCCEEDED');
    });
  }, 60_000);

  it('fails the target with a clear message under a key that opens nothing, never a credential or a trace', async () => {
    await withStack({ CREDENTIALS_KEY: base64(C) }, async (stack, make) => {
      const deployment = await deployed(stack, make, byCommand);
      expect(deployment.status).toBe('FAILED');
      expect(deployment.targets[0]?.message).toBe(
        `The stored credentials were encrypted with key ${keyIdOf(B)}, which is not configured ` +
          `(CREDENTIALS_KEY is ${keyIdOf(C)}, CREDENTIALS_KEY_PREVIOUS is not set). ` +
          "Set the connection's credentials again, or configure the key they were encrypted with.",
      );
      const owner = await make.session(byCommand.owner);
      const answer = await stack
        .as(owner)
        .send(`query ($id: ID!) { deployment(id: $id) { ${DEPLOYMENT_FIELDS} } }`, { id: deployment.id });
      expect(answer.errors).toBeUndefined();
      const text = JSON.stringify(answer.data);
      expect(text).not.toContain(GIT_TOKEN);
      expect(text).not.toMatch(/\bat .*\.(js|ts):\d+/);
    });
    const command = await reencrypt({ CREDENTIALS_KEY: base64(C) });
    expect(command.code).toBe(1);
    expect(JSON.parse(command.stdout)).toEqual({
      key: keyIdOf(C),
      reencrypted: 0,
      current: 0,
      unreadable: 2,
    });
    expect(command.stderr).toContain('neither CREDENTIALS_KEY nor CREDENTIALS_KEY_PREVIOUS decrypts');
    expect(command.stderr).not.toContain(GIT_TOKEN);
  }, 60_000);
});
