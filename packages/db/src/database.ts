import { join } from 'node:path';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { createEmbeddedAdapter, createEmbeddedExecutor, openEmbeddedDatabase } from './embedded';
import { applyMigrations } from './migrations';
import {
  createPostgresAdapter,
  createPostgresExecutor,
  createPostgresPool,
  type StatementListener,
} from './postgres';
import type { SqlExecutor } from './sql-executor';

export type DatabaseOptions = {
  /** The subgraph that owns this database: names its Postgres schema and embedded folder. */
  owner: string;
  /** PostgreSQL URL; undefined selects the embedded database. */
  url: string | undefined;
  /** Where the embedded database lives (`<dataDir>/<owner>`); undefined keeps it in memory. */
  dataDir: string | undefined;
  migrationsDir: string;
  poolSize: number;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  statementTimeoutMs: number;
  onPoolError?: (error: Error) => void;
};

/** A subgraph's database: a Prisma driver adapter plus a raw executor for migrations and probes. */
export type Database = {
  kind: 'postgres' | 'embedded';
  adapter: SqlDriverAdapterFactory;
  executor: SqlExecutor;
  /** Applies pending migrations; returns their names. */
  migrate(): Promise<string[]>;
  /** Resolves when the database answers; used by `/ready`. */
  ping(): Promise<void>;
  /** Calls `listener` for every SQL statement sent (PostgreSQL only); returns the unsubscribe. */
  onStatement(listener: StatementListener): () => void;
  close(): Promise<void>;
};

/** Selects PostgreSQL when a URL is given, else the embedded PGlite database. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url !== undefined) {
    const statementListeners = new Set<StatementListener>();
    const pool = createPostgresPool({
      url: options.url,
      applicationName: `controlplane-${options.owner}`,
      poolSize: options.poolSize,
      connectTimeoutMs: options.connectTimeoutMs,
      idleTimeoutMs: options.idleTimeoutMs,
      statementTimeoutMs: options.statementTimeoutMs,
      onPoolError: options.onPoolError,
      statementListeners,
    });
    const executor = createPostgresExecutor(pool);
    return assemble(
      'postgres',
      createPostgresAdapter(pool),
      executor,
      options,
      () => pool.end(),
      (listener) => {
        statementListeners.add(listener);
        return () => statementListeners.delete(listener);
      },
    );
  }
  const directory = options.dataDir === undefined ? undefined : join(options.dataDir, options.owner);
  const embedded = await openEmbeddedDatabase(directory);
  return assemble(
    'embedded',
    createEmbeddedAdapter(embedded),
    createEmbeddedExecutor(embedded),
    options,
    () => embedded.close(),
    () => () => undefined,
  );
}

function assemble(
  kind: Database['kind'],
  adapter: SqlDriverAdapterFactory,
  executor: SqlExecutor,
  options: DatabaseOptions,
  close: () => Promise<void>,
  onStatement: Database['onStatement'],
): Database {
  return {
    kind,
    adapter,
    executor,
    migrate: () => applyMigrations({ executor, schema: options.owner, migrationsDir: options.migrationsDir }),
    ping: async () => {
      await executor.query('SELECT 1');
    },
    onStatement,
    close,
  };
}
