import { randomBytes } from 'node:crypto';
import {
  ensureServiceRoles,
  migrateSubgraphSchemas,
  serviceRoleOf,
  SUBGRAPH_SCHEMAS,
} from '@controlplane/db';
import pg from 'pg';

/** The PostgreSQL database the tests use; created afresh by the global setup. */
export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/controlplane_test';
}

/** Runs `work` with a client connected to the server's maintenance database (to create or drop databases). */
export async function withAdminClient<T>(
  databaseUrl: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function databaseName(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
}

/** Drops and recreates a database, so a run starts from the migrations alone. */
export async function recreateDatabase(databaseUrl: string): Promise<void> {
  const name = databaseName(databaseUrl);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe test database name: ${name}`);
  await withAdminClient(databaseUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
}

/** Drops a database and the service roles named after it (serviceRoleOf). */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = databaseName(databaseUrl);
  await withAdminClient(databaseUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    if (/^[a-z0-9_]+$/.test(name))
      for (const { schema } of SUBGRAPH_SCHEMAS)
        await client.query(`DROP ROLE IF EXISTS "${serviceRoleOf(name, schema)}"`);
  });
}

/**
 * The migration step on the database at `databaseUrl`, as in production: its (owner) role
 * applies every subgraph's migrations, and each subgraph's service role, created when missing,
 * gets only its service's privileges. The stack's services then connect as those roles.
 */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  await ensureServiceRoles({ url: databaseUrl });
  await migrateSubgraphSchemas({ url: databaseUrl });
}

/**
 * A fresh, migrated database of its own, for tests whose subject is shared by everything in one
 * database (the deployment queue: any worker may claim any job), so that no other test's stack
 * can take part. Drop it when done.
 */
export async function createIsolatedDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const database = await createEmptyDatabase();
  await migrateDatabase(database.url);
  return database;
}

/** A fresh database of its own with no migrations applied (to test a migration). Drop it when done. */
export async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${databaseName(testDatabaseUrl())}_${randomBytes(4).toString('hex')}`;
  const databaseUrl = url.toString();
  await recreateDatabase(databaseUrl);
  return { url: databaseUrl, drop: () => dropDatabase(databaseUrl) };
}
