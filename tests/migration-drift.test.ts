import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { applyMigrations, createPostgresExecutor } from '@controlplane/db';
import { dropDatabase, recreateDatabase, testDatabaseUrl } from '@controlplane/testkit';
import pg from 'pg';

const ROOT = join(__dirname, '..');

/** Everything about a schema that Prisma's datamodel decides, in a comparable form. */
async function describeSchema(pool: pg.Pool, schema: string): Promise<Record<string, unknown[]>> {
  const q = async (sql: string) => (await pool.query(sql, [schema])).rows;
  return {
    columns: await q(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, datetime_precision
         FROM information_schema.columns WHERE table_schema = $1 AND table_name <> '_migrations' ORDER BY table_name, column_name`,
    ),
    indexes: await q(
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename <> '_migrations' ORDER BY indexname`,
    ),
    constraints: await q(
      `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
         FROM pg_constraint WHERE connamespace = $1::regnamespace AND conrelid::regclass::text NOT LIKE '%_migrations' ORDER BY conname`,
    ),
    enums: await q(
      `SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
         WHERE t.typnamespace = $1::regnamespace ORDER BY t.typname, e.enumsortorder`,
    ),
  };
}

function scratchUrl(suffix: string): string {
  const url = new URL(testDatabaseUrl());
  url.pathname = `/controlplane_drift_${process.pid}_${suffix}`;
  return url.toString();
}

/**
 * Guards that each subgraph's migrations build exactly what its schema.prisma describes: one
 * scratch database gets the migrations, another the SQL Prisma's engine derives from the
 * datamodel alone, and their catalogs must match.
 */
describe.each(['identity', 'workspace', 'catalog'])('the %s migrations', (subgraph) => {
  const fromMigrations = scratchUrl(`${subgraph}_m`);
  const fromDatamodel = scratchUrl(`${subgraph}_d`);

  afterAll(async () => {
    await dropDatabase(fromMigrations);
    await dropDatabase(fromDatamodel);
  });

  it('yield exactly the schema that schema.prisma describes', async () => {
    await recreateDatabase(fromMigrations);
    await recreateDatabase(fromDatamodel);
    const expectedSql = execFileSync(
      process.execPath,
      [join(ROOT, 'scripts', 'dist', 'print-schema-sql.js'), subgraph],
      { encoding: 'utf8' },
    );

    const migrated = new pg.Pool({ connectionString: fromMigrations, max: 1 });
    const derived = new pg.Pool({ connectionString: fromDatamodel, max: 1 });
    try {
      await applyMigrations({
        executor: createPostgresExecutor(migrated),
        schema: subgraph,
        migrationsDir: join(ROOT, 'prisma', subgraph, 'migrations'),
      });
      await derived.query(expectedSql);
      const actual = await describeSchema(migrated, subgraph);
      const expected = await describeSchema(derived, subgraph);
      expect(actual.columns?.length).toBeGreaterThan(0);
      expect(actual).toEqual(expected);
    } finally {
      await migrated.end();
      await derived.end();
    }
  }, 300_000);
});
