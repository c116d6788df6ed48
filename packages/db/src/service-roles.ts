import { join } from 'node:path';
import pg from 'pg';
import { applyMigrations, assertIdentifier } from './migrations';
import { createPostgresExecutor } from './postgres';

/** A subgraph's schema as the migration step sees it. */
export type SubgraphSchema = {
  schema: 'identity' | 'workspace' | 'catalog';
  migrationsDir: string;
  /** Tables its service may only insert into and read. */
  appendOnlyTables: readonly string[];
};

const PRISMA_DIR = join(__dirname, '..', '..', '..', 'prisma');

/** Every subgraph's schema, in the order the migration step applies them. */
export const SUBGRAPH_SCHEMAS: readonly SubgraphSchema[] = [
  // Audit events are immutable (the trigger of migration 20261128174543_audit_events). Without
  // UPDATE, DELETE and TRUNCATE the service cannot even try, and without owning the table it
  // cannot drop or disable that trigger.
  {
    schema: 'identity',
    migrationsDir: join(PRISMA_DIR, 'identity', 'migrations'),
    appendOnlyTables: ['AuditEvent'],
  },
  { schema: 'workspace', migrationsDir: join(PRISMA_DIR, 'workspace', 'migrations'), appendOnlyTables: [] },
  { schema: 'catalog', migrationsDir: join(PRISMA_DIR, 'catalog', 'migrations'), appendOnlyTables: [] },
];

/**
 * The role a subgraph's service connects as on database `database`: `<database>_<schema>`
 * (`controlplane_identity` on a database named `controlplane`). Roles belong to the whole
 * PostgreSQL server; naming them after the database keeps two deployments (or test runs) on one
 * server from sharing a role.
 */
export function serviceRoleOf(database: string, schema: string): string {
  const role = `${database}_${schema}`;
  assertIdentifier(role);
  return role;
}

function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** `ownerUrl` with the user (and password) of `schema`'s service role: the URL that service connects with. */
export function serviceDatabaseUrl(ownerUrl: string, schema: string, password?: string): string {
  const url = new URL(ownerUrl);
  url.username = serviceRoleOf(databaseNameOf(ownerUrl), schema);
  url.password = password ?? '';
  return url.toString();
}

async function withConnection<T>(url: string, work: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url, max: 1, application_name: 'controlplane-migrate' });
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}

/**
 * The migration step: applies every subgraph's pending migrations through `url` (its role owns
 * the schemas), then gives each service role (serviceRoleOf) its privileges and no more. The
 * roles must exist (ensureServiceRoles, or created by the operator). Idempotent: a second run
 * applies nothing and grants the same privileges again.
 */
export async function migrateSubgraphSchemas(options: { url: string }): Promise<Record<string, string[]>> {
  const database = databaseNameOf(options.url);
  return withConnection(options.url, async (pool) => {
    const applied: Record<string, string[]> = {};
    for (const { schema, migrationsDir, appendOnlyTables } of SUBGRAPH_SCHEMAS) {
      applied[schema] = await applyMigrations({
        executor: createPostgresExecutor(pool),
        schema,
        migrationsDir,
        serviceRole: { role: serviceRoleOf(database, schema), appendOnlyTables },
      });
    }
    return applied;
  });
}

/**
 * Creates each subgraph's service role on the database of `url` (whose role needs CREATEROLE),
 * as a login role without other attributes; with `password`, sets it too (also on a role that
 * exists). Safe when run concurrently, from any database of the server: a role that another
 * session created meanwhile counts as created.
 */
export async function ensureServiceRoles(options: { url: string; password?: string }): Promise<void> {
  const { password } = options;
  if (password !== undefined && !/^[A-Za-z0-9_-]{16,}$/.test(password))
    throw new Error('a service role password must be 16 or more letters, digits, - or _');
  const database = databaseNameOf(options.url);
  const login = password === undefined ? 'LOGIN' : `LOGIN PASSWORD '${password}'`;
  await withConnection(options.url, async (pool) => {
    for (const { schema } of SUBGRAPH_SCHEMAS) {
      const role = serviceRoleOf(database, schema);
      await pool.query(`DO $roles$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '${role}') THEN
          CREATE ROLE "${role}" ${login};
        ${password === undefined ? '' : `ELSE ALTER ROLE "${role}" ${login};`}
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $roles$`);
    }
  });
}
