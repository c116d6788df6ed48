import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DATABASE_URL } from './env';
import { ensureDatabase } from './stack';

/**
 * `npm run bench:replay-claim -w @controlplane/bench`: what claiming an envelope in the shared
 * replay store costs (packages/subgraph/src/replay-store.ts, the same statement on a table of the
 * same shape), committed as the store commits it (`synchronous_commit=off`) and, for comparison,
 * waiting for the disk; beside a `SELECT 1` round trip. Sequential, one connection busy at a time.
 */
const ROUNDS = 5;
const PER_ROUND = 1000;

async function timeIt(label: string, run: () => Promise<unknown>): Promise<string> {
  for (let i = 0; i < 200; i += 1) await run();
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < PER_ROUND; i += 1) await run();
    rounds.push(Number(process.hrtime.bigint() - start) / PER_ROUND / 1e6);
  }
  rounds.sort((a, b) => a - b);
  const ms = (value: number | undefined) => (value ?? Number.NaN).toFixed(3);
  return `| ${label} | ${ms(rounds[2])} [${ms(rounds[0])}–${ms(rounds[ROUNDS - 1])}] |`;
}

async function main(): Promise<void> {
  await ensureDatabase();
  const synchronous = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
  const asynchronous = new pg.Pool({
    connectionString: DATABASE_URL,
    max: 2,
    options: '-c synchronous_commit=off',
  });
  try {
    await synchronous.query(`CREATE SCHEMA IF NOT EXISTS bench_replay;
      CREATE TABLE IF NOT EXISTS bench_replay."UsedEnvelope" (
        "jti" TEXT PRIMARY KEY, "expiresAt" TIMESTAMPTZ(3) NOT NULL);
      CREATE INDEX IF NOT EXISTS "UsedEnvelope_expiresAt_idx" ON bench_replay."UsedEnvelope"("expiresAt");`);
    const claim = `INSERT INTO bench_replay."UsedEnvelope" ("jti", "expiresAt") VALUES ($1, $2)
      ON CONFLICT DO NOTHING RETURNING "jti"`;
    const until = new Date(Date.now() + 65_000);
    const rows = [
      '| statement | ms per statement, median [min–max] of 5 × 1,000 |',
      '|---|---|',
      await timeIt('`SELECT 1`', () => synchronous.query('SELECT 1')),
      await timeIt('claim, `synchronous_commit=off` (as served)', () =>
        asynchronous.query(claim, [randomUUID(), until]),
      ),
      await timeIt('claim, waiting for the disk', () => synchronous.query(claim, [randomUUID(), until])),
    ];
    console.log(rows.join('\n'));
    await synchronous.query('DROP SCHEMA bench_replay CASCADE');
  } finally {
    await synchronous.end();
    await asynchronous.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
