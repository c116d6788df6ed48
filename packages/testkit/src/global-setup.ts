import { join } from 'node:path';
import { applyMigrations, createPostgresExecutor } from '@controlplane/db';
import pg from 'pg';
import { recreateDatabase, testDatabaseUrl } from './database';

/**
 * Once per test run: a fresh test database with every subgraph's migrations applied. Tests then
 * share it and stay independent through unique data, never through order or truncation.
 */
export default async function globalSetup(): Promise<void> {
  const url = testDatabaseUrl();
  await recreateDatabase(url);
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    for (const subgraph of ['identity', 'workspace', 'catalog']) {
      await applyMigrations({
        executor: createPostgresExecutor(pool),
        schema: subgraph,
        migrationsDir: join(__dirname, '..', '..', '..', 'prisma', subgraph, 'migrations'),
      });
    }
  } finally {
    await pool.end();
  }
}
