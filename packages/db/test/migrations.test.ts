import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabaseUrl } from '@controlplane/testkit';
import pg from 'pg';
import {
  applyMigrations,
  createEmbeddedExecutor,
  createPostgresExecutor,
  openEmbeddedDatabase,
  type SqlExecutor,
} from '../src';

function writeMigration(dir: string, name: string, sql: string): void {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(join(dir, name, 'migration.sql'), sql);
}

/** The runner's contract, checked on both database paths the services use. */
const paths: [string, () => Promise<{ executor: SqlExecutor; close(): Promise<void> }>][] = [
  [
    'PostgreSQL',
    async () => {
      const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
      return { executor: createPostgresExecutor(pool), close: () => pool.end() };
    },
  ],
  [
    'embedded PGlite',
    async () => {
      const database = await openEmbeddedDatabase(undefined);
      return { executor: createEmbeddedExecutor(database), close: () => database.close() };
    },
  ],
];

describe.each(paths)('the migration runner on %s', (_label, open) => {
  let dir: string;
  let schema: string;
  let db: { executor: SqlExecutor; close(): Promise<void> };

  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db.close());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    schema = `runner_${Math.random().toString(36).slice(2, 10)}`;
  });
  afterEach(async () => {
    await db.executor.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies pending migrations in order, records them, and applies nothing twice', async () => {
    writeMigration(dir, '20260101000000_first', `CREATE TABLE "${schema}".a (id int primary key);`);
    writeMigration(dir, '20260102000000_second', `ALTER TABLE "${schema}".a ADD COLUMN name text;`);
    expect(await applyMigrations({ executor: db.executor, schema, migrationsDir: dir })).toEqual([
      '20260101000000_first',
      '20260102000000_second',
    ]);
    expect(await applyMigrations({ executor: db.executor, schema, migrationsDir: dir })).toEqual([]);
    const recorded = await db.executor.query<{ name: string }>(
      `SELECT name FROM "${schema}"._migrations ORDER BY name`,
    );
    expect(recorded.map((row) => row.name)).toEqual(['20260101000000_first', '20260102000000_second']);
    const columns = await db.executor.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'a'`,
      [schema],
    );
    expect(columns).toHaveLength(2);
  });

  it('refuses to run when an applied migration was changed', async () => {
    writeMigration(dir, '20260101000000_first', `CREATE TABLE "${schema}".a (id int primary key);`);
    await applyMigrations({ executor: db.executor, schema, migrationsDir: dir });
    writeMigration(dir, '20260101000000_first', `CREATE TABLE "${schema}".a (id bigint primary key);`);
    await expect(applyMigrations({ executor: db.executor, schema, migrationsDir: dir })).rejects.toThrow(
      /was changed after it was applied/,
    );
  });

  it('refuses to run when an applied migration is missing from the folder', async () => {
    writeMigration(dir, '20260101000000_first', `CREATE TABLE "${schema}".a (id int primary key);`);
    await applyMigrations({ executor: db.executor, schema, migrationsDir: dir });
    rmSync(join(dir, '20260101000000_first'), { recursive: true });
    await expect(applyMigrations({ executor: db.executor, schema, migrationsDir: dir })).rejects.toThrow(
      /missing from the migrations folder/,
    );
  });

  it('leaves nothing behind when a migration fails', async () => {
    writeMigration(dir, '20260101000000_first', `CREATE TABLE "${schema}".a (id int primary key);`);
    writeMigration(
      dir,
      '20260102000000_broken',
      `CREATE TABLE "${schema}".b (id int primary key); SELECT no_such_function();`,
    );
    await expect(applyMigrations({ executor: db.executor, schema, migrationsDir: dir })).rejects.toThrow();
    const tables = await db.executor.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1`,
      [schema],
    );
    expect(tables).toEqual([]);
  });
});
