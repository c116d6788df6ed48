import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateLocalSigningKeys, localSigningEnvironment } from '@controlplane/config';
import { ensureServiceRoles, migrateSubgraphSchemas, serviceDatabaseUrl } from '@controlplane/db';
import { startGitServer, type GitServer } from '@controlplane/git-server';
import { DEMO_DEPLOY, DEMO_PASSWORD, DEMO_USERS, seedDemoData, seedDeployDemo } from './seed';

/**
 * `npm start`: runs the whole stack on this machine (three subgraphs, then the gateway), each in
 * its own process as in production, on the embedded database unless DATABASE_URL is set (then as
 * in production too: the migration step runs as DATABASE_URL's role, the owner of the schemas, and
 * each service connects as a role of its own), then
 * seeds the demo data once and prints how to sign in. It also serves a local Git repository
 * (git http-backend on 127.0.0.1, allowed through DEPLOY_ALLOWED_HOSTS) that the demo's GIT
 * connection deploys to. Ctrl-C stops everything.
 */
const ROOT = resolve(__dirname, '..', '..');
const DATA_DIR = resolve(process.env.DATA_DIR ?? join(ROOT, '.data'));

/** Secrets for a local stack, made once and kept in the data folder (never used in production). */
function localSecrets(): Record<string, string> {
  const file = join(DATA_DIR, 'secrets.json');
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  const secrets = {
    JWT_SECRET: randomBytes(32).toString('base64url'),
    CREDENTIALS_KEY: randomBytes(32).toString('base64'),
    DATABASE_SERVICE_PASSWORD: randomBytes(18).toString('base64url'),
    DEMO_GIT_TOKEN: randomBytes(18).toString('base64url'),
    ...kept,
  };
  if (Object.keys(secrets).length !== Object.keys(kept).length) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

/**
 * One Ed25519 key pair per caller (gateway, identity, workspace, catalog), made once and kept in
 * the data folder: each service gets only its own private key, and every caller's public key.
 */
function localSigningKeys(): ReturnType<typeof generateLocalSigningKeys> {
  const file = join(DATA_DIR, 'signing-keys.json');
  if (existsSync(file))
    return JSON.parse(readFileSync(file, 'utf8')) as ReturnType<typeof generateLocalSigningKeys>;
  const keys = generateLocalSigningKeys();
  mkdirSync(DATA_DIR, { recursive: true });
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}

const children: ChildProcess[] = [];
let stopping = false;
let gitServer: GitServer | undefined;

function startService(name: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [join(ROOT, 'apps', name, 'dist', 'index.js')], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`${name} exited (code ${code}); stopping the stack.`);
      stop(1);
    }
  });
  children.push(child);
  return child;
}

function stop(code: number): void {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  void gitServer?.close();
  setTimeout(() => process.exit(code), 1000).unref();
}

// A cold first start migrates three embedded databases: on a busy two-core machine that took over 60 s.
async function waitUntilReady(url: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`${url} did not become ready within ${timeoutMs / 1000}s`);
}

const SUBGRAPHS = ['identity', 'workspace', 'catalog'] as const;

/**
 * PostgreSQL: the migration step as `ownerUrl`'s role (it owns the schemas), with each service's
 * role created (or its password reset to the local one) first. Returns the URL each service
 * connects with: its own role, which may read and write rows but change no table.
 */
async function prepareDatabase(
  ownerUrl: string,
  password: string,
): Promise<Record<(typeof SUBGRAPHS)[number], string>> {
  try {
    await ensureServiceRoles({ url: ownerUrl, password });
  } catch (error) {
    throw new Error(
      `Could not create the services' database roles as the role of DATABASE_URL (it needs CREATEROLE): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  await migrateSubgraphSchemas({ url: ownerUrl });
  return {
    identity: serviceDatabaseUrl(ownerUrl, 'identity', password),
    workspace: serviceDatabaseUrl(ownerUrl, 'workspace', password),
    catalog: serviceDatabaseUrl(ownerUrl, 'catalog', password),
  };
}

async function main(): Promise<void> {
  const ports = {
    gateway: process.env.GATEWAY_PORT ?? '4000',
    identity: process.env.IDENTITY_PORT ?? '4001',
    workspace: process.env.WORKSPACE_PORT ?? '4002',
    catalog: process.env.CATALOG_PORT ?? '4003',
  };
  const { DEMO_GIT_TOKEN: gitToken, DATABASE_SERVICE_PASSWORD: servicePassword, ...secrets } = localSecrets();
  const { DATABASE_URL: ownerUrl, ...inherited } = process.env;
  // The demo's Git repositories, served on loopback for the GIT connection the seed points at them.
  gitServer = await startGitServer({
    accounts: { demo: gitToken as string },
    root: join(DATA_DIR, 'git'),
    port: Number(process.env.DEMO_GIT_PORT ?? '4010'),
  });
  const repository = {
    url: gitServer.createRepository('demo-gitops.git'),
    username: 'demo',
    token: gitToken as string,
  };
  const allowedHosts = [process.env.DEPLOY_ALLOWED_HOSTS, '127.0.0.1'].filter((host) => !!host).join(',');
  const env: NodeJS.ProcessEnv = {
    ...secrets,
    ...inherited,
    DEPLOY_ALLOWED_HOSTS: allowedHosts,
    DATA_DIR,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    IDENTITY_PORT: ports.identity,
    WORKSPACE_PORT: ports.workspace,
    CATALOG_PORT: ports.catalog,
    GATEWAY_PORT: ports.gateway,
    IDENTITY_URL: `http://127.0.0.1:${ports.identity}/graphql`,
    WORKSPACE_URL: `http://127.0.0.1:${ports.workspace}/graphql`,
    CATALOG_URL: `http://127.0.0.1:${ports.catalog}/graphql`,
  };
  const signing = localSigningEnvironment(localSigningKeys());
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));

  const where = ownerUrl ? 'PostgreSQL' : `the embedded database in ${DATA_DIR}`;
  console.log(`Starting the control plane on ${where} ...`);
  const databaseUrls = ownerUrl ? await prepareDatabase(ownerUrl, servicePassword as string) : undefined;
  for (const name of SUBGRAPHS)
    startService(name, {
      ...env,
      ...signing[name],
      ...(databaseUrls ? { DATABASE_URL: databaseUrls[name] } : {}),
    });
  await Promise.all(SUBGRAPHS.map((name) => waitUntilReady(`http://127.0.0.1:${ports[name]}/ready`)));
  startService('gateway', { ...env, ...signing.gateway });
  const gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
  await waitUntilReady(`http://127.0.0.1:${ports.gateway}/health`);

  const { created } = await seedDemoData(gatewayUrl);
  const deployable = await seedDeployDemo(gatewayUrl, repository);
  console.log(
    [
      '',
      `Control plane is up: http://localhost:${ports.gateway}/ (the console)`,
      `GraphiQL: http://localhost:${ports.gateway}/graphql`,
      created ? 'Demo data seeded.' : 'Demo data was already there.',
      'Demo users (password for all: ' + DEMO_PASSWORD + '):',
      ...DEMO_USERS.map((user) => `  ${user.email.padEnd(24)} ${user.displayName}`),
      'Sign in with the logIn mutation and paste the token into GraphiQL\'s "Bearer token" field.',
      '',
      `Deployable demo: as bob@payments.demo (or dave@payments.demo), design "${DEMO_DEPLOY.design}" to environment "${DEMO_DEPLOY.environment}":`,
      `  mutation { deployDesign(input: { designId: "${deployable.designId}", environmentId: "${deployable.environmentId}" }) { id status } }`,
      `It commits to ${repository.url} (branch main); see the result with`,
      `  git clone ${repository.url.replace('://', `://demo:${repository.token}@`)}`,
      'Ctrl-C stops the stack.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  stop(1);
});
