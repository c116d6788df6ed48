import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR, PORTS, benchSecrets } from './env';
import { runRound } from './load';
import { BENCH_EMAIL, BENCH_PASSWORD, SEARCH_TERM, benchFixtures, seed } from './seed';
import { startBenchStack } from './stack';
import { CATALOG, DASHBOARD, ME, gatewaySide, logIn, type Operation } from './workloads';

/**
 * `node bench/dist/profile.js <me|dashboard|catalog> [seconds]`: runs one workload through the
 * Apollo gateway (8 connections) with every process under `node --cpu-prof`, writing the profiles
 * to bench/profiles/<workload>/ (summarize them with profile-summary.js).
 */
async function main(): Promise<void> {
  const workload = process.argv[2] ?? 'me';
  const seconds = Number(process.argv[3] ?? '10');
  const dir = join(BENCH_DIR, 'profiles', workload);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const flags = (name: string) => [
    '--cpu-prof',
    `--cpu-prof-dir=${dir}`,
    `--cpu-prof-name=${name}.cpuprofile`,
  ];
  const stack = await startBenchStack({
    secrets: benchSecrets(),
    full: false,
    nodeArgs: {
      gateway: flags('gateway'),
      identity: flags('identity'),
      workspace: flags('workspace'),
      catalog: flags('catalog'),
    },
  });
  try {
    await seed();
    const fixtures = await benchFixtures();
    const token = await logIn(PORTS.gateway, BENCH_EMAIL, BENCH_PASSWORD);
    const operations: Record<string, Operation> = {
      me: { query: ME },
      dashboard: { query: DASHBOARD, variables: { id: fixtures.dashboard[1000] } },
      catalog: { query: CATALOG, variables: { search: SEARCH_TERM } },
    };
    const operation = operations[workload];
    if (operation === undefined) throw new Error(`unknown workload ${workload}`);
    const result = await runRound(
      gatewaySide(workload, PORTS.gateway, token, operation),
      { connections: 8, durationSeconds: seconds },
      0,
      1,
    );
    console.log(
      `[profile] ${workload}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`,
    );
  } finally {
    await stack.stop();
  }
  console.log(`[profile] wrote ${readdirSync(dir).join(', ')} to ${dir}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
