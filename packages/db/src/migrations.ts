import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlExecutor, TransactionExecutor } from './sql-executor';

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

/** The role a service connects as, and what it may not do beyond its schema's usual privileges. */
export type ServiceRoleGrant = {
  role: string;
  /** Tables the service may only insert into and read (no UPDATE, DELETE or TRUNCATE). */
  appendOnlyTables: readonly string[];
};

/**
 * Applies the pending migrations of one subgraph schema, each recorded with its checksum, all in
 * one transaction under an advisory lock so that two starting replicas cannot both apply them.
 * Refuses to run when an applied migration was edited or is no longer on disk: the database
 * would no longer be what the files say.
 *
 * Without `serviceRole` (a service starting) nothing is written when nothing is pending, so a
 * service whose role may not change the schema starts on a migrated database; when something is
 * pending and its role may not apply it, the error names the migration step. With `serviceRole`
 * (the migration step, as the schema's owner) the role then gets exactly the service's privileges,
 * in the same transaction (grantServicePrivileges).
 */
export async function applyMigrations(options: {
  executor: SqlExecutor;
  schema: string;
  migrationsDir: string;
  serviceRole?: ServiceRoleGrant;
}): Promise<string[]> {
  const { executor, schema, serviceRole } = options;
  assertIdentifier(schema);
  const migrations = readMigrations(options.migrationsDir);
  const table = `"${schema}"."${MIGRATIONS_TABLE}"`;
  try {
    if (serviceRole === undefined) {
      const present = await executor.query<{ table: string | null }>(
        'SELECT to_regclass($1)::text AS table',
        [table],
      );
      const applied =
        (present[0]?.table ?? null) === null
          ? []
          : await executor.query<AppliedMigration>(`SELECT name, checksum FROM ${table} ORDER BY name`);
      if (planMigrations(migrations, applied).length === 0) return [];
    }
    return await executor.transaction(async (tx) => {
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
      if (serviceRole !== undefined) await grantServicePrivileges(tx, { schema, ...serviceRole });
      return pending.map((migration) => migration.name);
    });
  } catch (error) {
    throw explainMigrationError(error, { schema, serviceRole: serviceRole?.role });
  }
}

/**
 * What a service's role may do in its schema, and nothing more: use the schema (not create in
 * it), read and write its tables' rows, read the migration history; the append-only tables only
 * INSERT and SELECT. Never TRUNCATE, REFERENCES or TRIGGER, and never ownership, so no ALTER or
 * DROP of a table or its triggers. Authoritative: what the role held before is revoked first.
 * Tables created later by the same owner get the row privileges by default (ALTER DEFAULT
 * PRIVILEGES); the next migration step narrows the append-only ones again.
 */
export async function grantServicePrivileges(
  tx: TransactionExecutor,
  options: { schema: string } & ServiceRoleGrant,
): Promise<void> {
  const { schema, role } = options;
  assertIdentifier(schema);
  assertIdentifier(role);
  const s = `"${schema}"`;
  const r = `"${role}"`;
  const rowPrivileges = 'SELECT, INSERT, UPDATE, DELETE';
  const sequencePrivileges = 'USAGE, SELECT, UPDATE';
  await tx.script(
    [
      `REVOKE ALL ON SCHEMA ${s} FROM ${r}`,
      `REVOKE ALL ON ALL TABLES IN SCHEMA ${s} FROM ${r}`,
      `REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${s} FROM ${r}`,
      `GRANT USAGE ON SCHEMA ${s} TO ${r}`,
      `GRANT ${rowPrivileges} ON ALL TABLES IN SCHEMA ${s} TO ${r}`,
      `GRANT ${sequencePrivileges} ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT ${rowPrivileges} ON TABLES TO ${r}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT ${sequencePrivileges} ON SEQUENCES TO ${r}`,
      `REVOKE INSERT, UPDATE, DELETE ON ${s}."${MIGRATIONS_TABLE}" FROM ${r}`,
      ...options.appendOnlyTables.map((name) => {
        assertIdentifier(name, /^[A-Za-z_][A-Za-z0-9_]*$/);
        return `REVOKE UPDATE, DELETE ON ${s}."${name}" FROM ${r}`;
      }),
    ].join(';\n'),
  );
}

/** PostgreSQL's error codes for a missing privilege and a role that does not exist. */
const INSUFFICIENT_PRIVILEGE = '42501';
const UNDEFINED_OBJECT = '42704';

function explainMigrationError(error: unknown, context: { schema: string; serviceRole?: string }): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const reason = error instanceof Error ? error.message : String(error);
  if (context.serviceRole === undefined && code === INSUFFICIENT_PRIVILEGE)
    return new Error(
      `Migrations of schema "${context.schema}" are pending, and this service's database role may not apply them (${reason}). ` +
        'Run the migration step as the owner of the schemas first: npm run migrate with MIGRATION_DATABASE_URL (README, Running against PostgreSQL).',
    );
  if (context.serviceRole !== undefined && code === UNDEFINED_OBJECT && /role/.test(reason))
    return new Error(
      `The service role "${context.serviceRole}" of schema "${context.schema}" does not exist (${reason}). ` +
        `Create it before the migration step: CREATE ROLE "${context.serviceRole}" LOGIN PASSWORD '…' (README, Running against PostgreSQL).`,
    );
  return error;
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

/** Names put into SQL text: lower-case identifiers (schemas, roles), or `pattern` (table names). */
export function assertIdentifier(name: string, pattern = /^[a-z_][a-z0-9_]*$/): void {
  if (!pattern.test(name) || name.length > 63) throw new Error(`Invalid identifier: ${name}`);
}
