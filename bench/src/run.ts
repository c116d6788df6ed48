import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvelopeSigner, Principal } from '@controlplane/auth';
import { postSigned } from '@controlplane/testkit';
import { BENCH_DIR, PORTS, benchSecrets, gatewaySignerOf, url } from './env';
import {
  compare,
  runRound,
  summarize,
  type Comparison,
  type LoadShape,
  type RoundResult,
  type Side,
} from './load';
import { BENCH_EMAIL, BENCH_PASSWORD, DASHBOARD_SIZES, SEARCH_TERM, benchFixtures, seed } from './seed';
import { startBenchStack } from './stack';
import {
  CATALOG,
  DASHBOARD,
  ME,
  directSide,
  gatewaySide,
  graphqlAt,
  logIn,
  principalFor,
  updateDesignSide,
  type Operation,
} from './workloads';

/**
 * `npm run bench -w @controlplane/bench`: starts the bench stack, seeds, and runs every
 * side-by-side measurement interleaved in this one run. Results go to bench/results/.
 * BENCH_ONLY=direct,shield,hive,sizes,rate picks measurements; BENCH_ROUNDS (5) and
 * BENCH_SECONDS (3) size them; BENCH_CONNECTIONS (8) is the closed-loop concurrency;
 * BENCH_RATE (req/s) the fixed rate of the p99 check.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? '5');
const SECONDS = Number(process.env.BENCH_SECONDS ?? '3');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? '8');
const RATE = Number(process.env.BENCH_RATE ?? '25');
const ONLY = new Set((process.env.BENCH_ONLY ?? 'direct,shield,hive,sizes,rate').split(','));

async function checkDirect(
  subgraph: string,
  port: number,
  signer: EnvelopeSigner,
  principal: Principal,
  operation: Operation,
): Promise<void> {
  const response = await postSigned(url(port), {
    signer,
    audience: subgraph,
    principal,
    body: JSON.stringify(operation),
  });
  const answer = (await response.json()) as { data?: unknown; errors?: unknown };
  if (!response.ok || answer.errors !== undefined || answer.data == null)
    throw new Error(
      `direct ${subgraph} check failed: ${response.status} ${JSON.stringify(answer).slice(0, 300)}`,
    );
}

async function checkGateway(
  port: number,
  token: string,
  operation: Operation,
  describe: (data: any) => string,
): Promise<string> {
  const answer = await graphqlAt(port, operation, token);
  if (answer.errors !== undefined || answer.data == null)
    throw new Error(`gateway ${port} check failed: ${JSON.stringify(answer).slice(0, 500)}`);
  return describe(answer.data);
}

const designsListed = (data: any) => {
  const workspaces = data.organization.workspaces as { designs: { nodes: { clonedFrom: unknown }[] } }[];
  const nodes = workspaces.flatMap((workspace) => workspace.designs.nodes);
  return `${workspaces.length} workspaces, ${nodes.length} designs, ${nodes.filter((node) => node.clonedFrom !== null).length} with clonedFrom`;
};

async function main(): Promise<void> {
  const secrets = benchSecrets();
  const started = new Date();
  console.log(
    `[bench] ${started.toISOString()} node ${process.version}, ${ROUNDS} rounds x ${SECONDS} s, ${CONNECTIONS} connections`,
  );
  const stack = await startBenchStack({ secrets });
  const signer = gatewaySignerOf(secrets);
  const comparisons: Comparison[] = [];
  const fixedRate: { rate: number; rounds: RoundResult[] }[] = [];
  const checks: Record<string, string> = {};
  try {
    await seed();
    const fixtures = await benchFixtures();
    const token = await logIn(PORTS.gateway, BENCH_EMAIL, BENCH_PASSWORD);
    const principal = await principalFor(PORTS.identity, signer, token);
    const dashboard = (size: number): Operation => ({
      query: DASHBOARD,
      variables: { id: fixtures.dashboard[size] },
    });
    const catalog: Operation = { query: CATALOG, variables: { search: SEARCH_TERM } };
    const me: Operation = { query: ME };

    // Every side answers correctly before anything is timed.
    for (const [label, port] of [
      ['apollo', PORTS.gateway],
      ['apollo-noshield', PORTS.gatewayNoShield],
      ['hive', PORTS.hive],
    ] as const) {
      checks[`${label} me`] = await checkGateway(
        port,
        token,
        me,
        (data) => `${data.me.organizations.length} organizations, ${data.me.teams.length} teams`,
      );
      for (const size of DASHBOARD_SIZES)
        checks[`${label} dashboard-${size}`] = await checkGateway(
          port,
          token,
          dashboard(size),
          designsListed,
        );
      checks[`${label} catalog`] = await checkGateway(
        port,
        token,
        catalog,
        (data) => `${data.catalog.nodes.length} of ${data.catalog.totalCount} items`,
      );
    }
    await checkDirect('identity', PORTS.identity, signer, principal, me);
    await checkDirect('catalog', PORTS.catalog, signer, principal, catalog);
    for (const [label, description] of Object.entries(checks))
      console.log(`[bench] check ${label}: ${description}`);

    const saturated: LoadShape = { connections: CONNECTIONS, durationSeconds: SECONDS };
    const single: LoadShape = { connections: 1, durationSeconds: SECONDS };
    const run = async (label: string, sides: Parameters<typeof compare>[1], shape: LoadShape) => {
      console.log(`[bench] ${label}`);
      comparisons.push(await compare(label, sides, shape, ROUNDS));
    };

    /** The same operation through two gateways, `a` then `b`. */
    const versus =
      (a: [name: string, port: number], b: [name: string, port: number]) => (operation: Operation) => [
        gatewaySide(a[0], a[1], token, operation),
        gatewaySide(b[0], b[1], token, operation),
      ];
    /** me, the dashboard of 1,000 designs and the catalog, each on `sides`: `<section>. (a|b|c) <operation>: <title>`. */
    const runEach = async (section: string, title: string, sides: (operation: Operation) => Side[]) => {
      const operations = [
        ['a', 'me', me],
        ['b', 'dashboard 1,000 designs', dashboard(1000)],
        ['c', 'catalog', catalog],
      ] as const;
      for (const [letter, name, operation] of operations)
        await run(`${section}. (${letter}) ${name}: ${title}`, sides(operation), saturated);
    };

    if (ONLY.has('direct')) {
      for (const shape of [saturated, single]) {
        await run(
          `1. (a) me: gateway vs identity direct, ${shape.connections} conn`,
          [
            gatewaySide('gateway', PORTS.gateway, token, me),
            directSide('identity direct', 'identity', PORTS.identity, signer, principal, me),
          ],
          shape,
        );
        await run(
          `1. (c) catalog: gateway vs catalog direct, ${shape.connections} conn`,
          [
            gatewaySide('gateway', PORTS.gateway, token, catalog),
            directSide('catalog direct', 'catalog', PORTS.catalog, signer, principal, catalog),
          ],
          shape,
        );
      }
    }
    if (ONLY.has('shield')) {
      const shield = versus(['shield on', PORTS.gateway], ['shield off', PORTS.gatewayNoShield]);
      await runEach('2', 'shield on vs off', shield);
      const ids = fixtures.updatable.map((row) => row.id);
      const stats = { graphqlErrors: 0 };
      await run(
        '2. (d) updateDesign: shield on vs off',
        [
          updateDesignSide('shield on', PORTS.gateway, token, ids.slice(0, 100), stats),
          updateDesignSide('shield off', PORTS.gatewayNoShield, token, ids.slice(100, 200), stats),
        ],
        saturated,
      );
      checks['updateDesign GraphQL errors'] = String(stats.graphqlErrors);
    }
    if (ONLY.has('experiment')) {
      if (process.env.BENCH_EXPERIMENT !== 'no-cache-control')
        throw new Error('BENCH_ONLY=experiment needs BENCH_EXPERIMENT=no-cache-control');
      const sides = versus(['as is', PORTS.gateway], ['cache-control off', PORTS.gatewayNoShield]);
      await run(
        'X. (b) dashboard 1,000 designs: subgraphs as is vs cache-control plugin disabled',
        sides(dashboard(1000)),
        saturated,
      );
      await run('X. (a) me: subgraphs as is vs cache-control plugin disabled', sides(me), saturated);
      await run(
        'X. (c) catalog: subgraphs as is vs cache-control plugin disabled',
        sides(catalog),
        saturated,
      );
    }
    if (ONLY.has('hive')) {
      const hive = versus(['apollo (this gateway)', PORTS.gateway], ['hive gateway', PORTS.hive]);
      await runEach('3', 'Apollo vs Hive', hive);
    }
    if (ONLY.has('sizes')) {
      await run(
        '4. (b) dashboard at 10 / 100 / 1,000 designs',
        DASHBOARD_SIZES.map((size) => gatewaySide(`${size} designs`, PORTS.gateway, token, dashboard(size))),
        saturated,
      );
    }
    if (ONLY.has('rate')) {
      console.log(`[bench] 5. (b) dashboard 1,000 designs at a fixed ${RATE} req/s`);
      const side = gatewaySide('fixed rate', PORTS.gateway, token, dashboard(1000));
      const shape: LoadShape = {
        connections: CONNECTIONS,
        durationSeconds: Math.max(SECONDS, 10),
        overallRate: RATE,
      };
      await runRound(side, { ...shape, durationSeconds: 2 }, RATE, 0);
      const rounds: RoundResult[] = [];
      for (let round = 1; round <= 3; round += 1) {
        const result = await runRound(side, shape, RATE, round);
        rounds.push(result);
        console.log(
          `  fixed ${RATE} req/s round ${round}: ${result.rps.toFixed(1)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  max ${result.max} ms`,
        );
      }
      fixedRate.push({ rate: RATE, rounds });
    }
  } finally {
    await stack.stop();
  }

  const lines: string[] = [
    `# Bench run ${started.toISOString()}`,
    '',
    `node ${process.version}; ${ROUNDS} rounds x ${SECONDS} s per side, interleaved (ABBA); figures: median [min-max] over rounds`,
    '',
  ];
  for (const [label, description] of Object.entries(checks)) lines.push(`- check ${label}: ${description}`);
  for (const comparison of comparisons) {
    lines.push(
      '',
      `## ${comparison.label}`,
      '',
      '| side | req/s | p50 ms | p99 ms | requests | failures |',
      '|---|---|---|---|---|---|',
    );
    const base = comparison.sides[0]!;
    for (const side of comparison.sides) {
      const fmt = (s: { median: number; min: number; max: number }, digits = 0) =>
        `${s.median.toFixed(digits)} [${s.min.toFixed(digits)}-${s.max.toFixed(digits)}]`;
      lines.push(
        `| ${side.side} | ${fmt(side.rps)} | ${fmt(side.p50)} | ${fmt(side.p99)} | ${side.requests} | ${side.failures} |`,
      );
    }
    for (const side of comparison.sides.slice(1)) {
      const ratios = base.rounds.map((round, i) => round.rps / side.rounds[i]!.rps);
      const r = summarize(ratios);
      lines.push(
        '',
        `${base.side} / ${side.side} throughput: ${r.median.toFixed(2)} [${r.min.toFixed(2)}-${r.max.toFixed(2)}] (per-round ratios); p50 ${base.side} - ${side.side}: ${(base.p50.median - side.p50.median).toFixed(1)} ms; p99: ${(base.p99.median - side.p99.median).toFixed(1)} ms`,
      );
    }
  }
  for (const entry of fixedRate) {
    const p99 = summarize(entry.rounds.map((round) => round.p99));
    const p50 = summarize(entry.rounds.map((round) => round.p50));
    lines.push(
      '',
      `## 5. (b) dashboard 1,000 designs at a fixed ${entry.rate} req/s`,
      '',
      `p50 ${p50.median} [${p50.min}-${p50.max}] ms; p99 ${p99.median} [${p99.min}-${p99.max}] ms; achieved ${entry.rounds.map((round) => round.rps.toFixed(1)).join(', ')} req/s`,
    );
  }
  const text = lines.join('\n') + '\n';
  const dir = join(BENCH_DIR, 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  writeFileSync(
    join(dir, `run-${stamp}.json`),
    JSON.stringify(
      {
        started,
        node: process.version,
        rounds: ROUNDS,
        seconds: SECONDS,
        connections: CONNECTIONS,
        checks,
        comparisons,
        fixedRate,
      },
      null,
      2,
    ),
  );
  writeFileSync(join(dir, `run-${stamp}.md`), text);
  console.log('\n' + text);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
