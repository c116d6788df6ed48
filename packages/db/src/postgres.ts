import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { SqlExecutor } from './sql-executor';

export type PostgresOptions = {
  url: string;
  /** Shown in pg_stat_activity, so each service's connections can be told apart. */
  applicationName: string;
  poolSize: number;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  statementTimeoutMs: number;
  /**
   * False: commits of this pool's connections do not wait for the disk (`synchronous_commit=off`).
   * For bookkeeping whose loss in a database crash is harmless; see Database.asyncCommitExecutor.
   */
  synchronousCommit?: boolean;
  onPoolError?: (error: Error) => void;
  /** Told about every statement; the set may change while the pool runs. */
  statementListeners?: Set<StatementListener>;
};

/**
 * A pg pool with explicit limits. pg replaces broken connections on its own, so a database
 * restart heals without restarting the service; the error handler keeps an idle client's
 * disconnect from crashing the process.
 */
export function createPostgresPool(options: PostgresOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    application_name: options.applicationName,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs,
    idleTimeoutMillis: options.idleTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    keepAlive: true,
    ...(options.synchronousCommit === false ? { options: '-c synchronous_commit=off' } : {}),
    ...(options.statementListeners === undefined
      ? {}
      : { Client: observedClientClass(options.statementListeners) }),
  });
  pool.on('error', (error) => options.onPoolError?.(error));
  return pool;
}

/** Called once for every statement a pool sends (query counts in tests and benchmarks, metrics). */
export type StatementListener = () => void;

/**
 * A pg Client class that tells `listeners` about each statement: the pool builds its clients from
 * it (pg's `Client` option), so every connection, including those opened after a database
 * restart, is observed.
 */
function observedClientClass(listeners: Set<StatementListener>): typeof pg.Client {
  class ObservedClient extends pg.Client {}
  const send = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  ObservedClient.prototype.query = function observedQuery(this: pg.Client, ...args: unknown[]) {
    for (const listener of listeners) listener();
    return send.apply(this, args);
  } as typeof pg.Client.prototype.query;
  return ObservedClient;
}

export function createPostgresAdapter(pool: pg.Pool): PrismaPg {
  return new PrismaPg(pool);
}

export function createPostgresExecutor(pool: pg.Pool): SqlExecutor {
  return {
    async query(sql, params) {
      const result = await pool.query(sql, params);
      return result.rows;
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const value = await work({
          query: async (sql, params) => (await client.query(sql, params)).rows,
          script: async (sql) => {
            await client.query(sql);
          },
        });
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
