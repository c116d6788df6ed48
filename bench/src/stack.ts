import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { BENCH_DIR, DATABASE_URL, PORTS, ROOT, url, type Secrets } from './env';

/**
 * Starts the benchmark stack as separate processes, as in production (copied from
 * scripts/src/start.ts, on the bench ports and the bench database):
 *   subgraphs 5001-5003 (shield on) and 5011-5013 (NODE_ENV=benchmark BENCHMARK_SHIELD_OFF=true),
 *   Apollo gateway 5000 (over 5001-5003) and 5010 (over 5011-5013), Hive Gateway 5100 (over 5001-5003).
 */
export type BenchStack = { stop(): Promise<void> };

const children: ChildProcess[] = [];

export async function ensureDatabase(databaseUrl = DATABASE_URL): Promise<void> {
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z0-9_]+$/.test(name) || name === 'controlplane_test')
    throw new Error(`refusing database name ${name}`);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

function start(label: string, script: string, env: NodeJS.ProcessEnv, nodeArgs: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`[bench] ${label} exited (code ${code}, signal ${signal})`);
  });
  children.push(child);
  return child;
}

let stopping = false;

export async function waitUntilReady(target: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(target);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`${target} did not become ready within ${timeoutMs / 1000}s`);
}

export type StackOptions = {
  secrets: Secrets;
  /** Extra node flags per process label (e.g. --cpu-prof for a profile). */
  nodeArgs?: Partial<Record<string, string[]>>;
  /** Start the shield-off pair and Hive Gateway too (default true). */
  full?: boolean;
};

export async function startBenchStack(options: StackOptions): Promise<BenchStack> {
  await ensureDatabase();
  const base: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...options.secrets.shared,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    DATABASE_URL,
    DATABASE_POOL_SIZE: process.env.BENCH_POOL_SIZE ?? '10',
    NODE_ENV: 'production',
  };
  const app = (name: string) => join(ROOT, 'apps', name, 'dist', 'index.js');
  const args = (label: string) => options.nodeArgs?.[label] ?? [];
  const full = options.full ?? true;
  /**
   * BENCH_EXPERIMENT=no-cache-control: the second set (5010-5013) keeps the shield on and instead
   * runs its subgraphs with the cache-control plugin disabled (preload-no-cache-control.ts).
   */
  const experiment = process.env.BENCH_EXPERIMENT === 'no-cache-control';

  type PortSet = {
    suffix: string;
    ports: { identity: number; workspace: number; catalog: number; gateway: number };
  };
  const sets: PortSet[] = [
    {
      suffix: '',
      ports: {
        identity: PORTS.identity,
        workspace: PORTS.workspace,
        catalog: PORTS.catalog,
        gateway: PORTS.gateway,
      },
    },
  ];
  if (full) {
    sets.push({
      suffix: '-noshield',
      ports: {
        identity: PORTS.identityNoShield,
        workspace: PORTS.workspaceNoShield,
        catalog: PORTS.catalogNoShield,
        gateway: PORTS.gatewayNoShield,
      },
    });
  }
  for (const set of sets) {
    const env: NodeJS.ProcessEnv = {
      ...base,
      // Both sets run NODE_ENV=benchmark so the shield switch is the only difference between them.
      NODE_ENV: 'benchmark',
      ...(set.suffix === '-noshield' && !experiment ? { BENCHMARK_SHIELD_OFF: 'true' } : {}),
      IDENTITY_PORT: String(set.ports.identity),
      WORKSPACE_PORT: String(set.ports.workspace),
      CATALOG_PORT: String(set.ports.catalog),
      IDENTITY_URL: url(set.ports.identity),
      WORKSPACE_URL: url(set.ports.workspace),
      CATALOG_URL: url(set.ports.catalog),
    };
    // Migrations take an advisory lock, so the second set simply finds them applied.
    const preload =
      set.suffix === '-noshield' && experiment
        ? ['-r', join(BENCH_DIR, 'dist', 'preload-no-cache-control.js')]
        : [];
    for (const name of ['identity', 'workspace', 'catalog'] as const)
      start(name + set.suffix, app(name), { ...env, ...options.secrets.signing[name] }, [
        ...preload,
        ...args(name + set.suffix),
      ]);
    await Promise.all(
      (['identity', 'workspace', 'catalog'] as const).map((name) =>
        waitUntilReady(url(set.ports[name], '/ready')),
      ),
    );
  }
  for (const set of sets) {
    start(
      'gateway' + set.suffix,
      app('gateway'),
      {
        ...base,
        ...options.secrets.signing.gateway,
        GATEWAY_PORT: String(set.ports.gateway),
        // Load generation is one client far over any per-caller budget; rate limits are measured apart.
        RATE_LIMITS: 'off',
        IDENTITY_URL: url(set.ports.identity),
        WORKSPACE_URL: url(set.ports.workspace),
        CATALOG_URL: url(set.ports.catalog),
      },
      args('gateway' + set.suffix),
    );
  }
  if (full) {
    start(
      'hive',
      join(BENCH_DIR, 'dist', 'hive-gateway.js'),
      {
        ...base,
        // Hive Gateway stands in for the gateway: it signs with the gateway's key.
        ...options.secrets.signing.gateway,
        HIVE_PORT: String(PORTS.hive),
        IDENTITY_URL: url(PORTS.identity),
        WORKSPACE_URL: url(PORTS.workspace),
        CATALOG_URL: url(PORTS.catalog),
      },
      args('hive'),
    );
  }
  const ready = [waitUntilReady(url(PORTS.gateway, '/ready'))];
  if (full)
    ready.push(
      waitUntilReady(url(PORTS.gatewayNoShield, '/ready')),
      waitUntilReady(url(PORTS.hive, '/healthcheck')),
    );
  await Promise.all(ready);

  return {
    async stop() {
      stopping = true;
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
              child.once('exit', () => {
                clearTimeout(timer);
                done();
              });
              child.kill('SIGTERM');
            }),
        ),
      );
      children.length = 0;
    },
  };
}
