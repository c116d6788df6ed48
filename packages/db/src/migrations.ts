import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlExecutor } from './sql-executor';

export type Migration = { name: string; sql: string; checksum: string };

export type AppliedMigration = { name: string; checksum: string };

/** Folders named `<timestamp>_<name>/migration.sql`, in name order (the timestamp sorts them). */
export function readMigrations(migrationsDir: string): Migration[] {
  if (!existsSync(migrationsDir)) return [];
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(migrationsDir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: checksumOf(sql) };
    });
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

export const MIGRATIONS_TABLE = '_migrations';

/**
 * Applies the pending migrations of one subgraph schema, each recorded with its checksum, all in
 * one transaction under an advisory lock so that two starting replicas cannot both apply them.
 * Refuses to run when an applied migration was edited or is no longer on disk: the database
 * would no longer be what the files say.
 */
export async function applyMigrations(options: {
  executor: SqlExecutor;
  schema: string;
  migrationsDir: string;
}): Promise<string[]> {
  const { executor, schema } = options;
  assertIdentifier(schema);
  const migrations = readMigrations(options.migrationsDir);
  const table = `"${schema}"."${MIGRATIONS_TABLE}"`;
  return executor.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrations:${schema}`]);
    await tx.script(
      `CREATE SCHEMA IF NOT EXISTS "${schema}";
       CREATE TABLE IF NOT EXISTS ${table} (
         name text PRIMARY KEY,
         checksum text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       );`,
    );
    const applied = await tx.query<AppliedMigration>(`SELECT name, checksum FROM ${table} ORDER BY name`);
    const pending = planMigrations(migrations, applied);
    for (const migration of pending) {
      await tx.script(migration.sql);
      await tx.query(`INSERT INTO ${table} (name, checksum) VALUES ($1, $2)`, [
        migration.name,
        migration.checksum,
      ]);
    }
    return pending.map((migration) => migration.name);
  });
}

/** Which migrations still need applying; throws when history and files disagree. */
export function planMigrations(migrations: Migration[], applied: AppliedMigration[]): Migration[] {
  const onDisk = new Map(migrations.map((migration) => [migration.name, migration]));
  for (const record of applied) {
    const migration = onDisk.get(record.name);
    if (migration === undefined) {
      throw new Error(
        `Migration ${record.name} is applied to the database but missing from the migrations folder.`,
      );
    }
    if (migration.checksum !== record.checksum) {
      throw new Error(
        `Migration ${record.name} was changed after it was applied; add a new migration instead.`,
      );
    }
  }
  const appliedNames = new Set(applied.map((record) => record.name));
  return migrations.filter((migration) => !appliedNames.has(migration.name));
}

function assertIdentifier(name: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid schema name: ${name}`);
}
