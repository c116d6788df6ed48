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
  onPoolError?: (error: Error) => void;
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
  });
  pool.on('error', (error) => options.onPoolError?.(error));
  return pool;
}

/**
 * Counts the statements sent through a pool (every client it hands out), so tests and
 * benchmarks can assert that a request costs a bounded number of queries.
 */
export function countStatements(pool: pg.Pool): { count(): number } {
  let statements = 0;
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      statements += 1;
      return query(...args);
    };
  });
  return { count: () => statements };
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
