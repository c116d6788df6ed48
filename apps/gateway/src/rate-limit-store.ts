import { Redis } from 'ioredis';
import pg from 'pg';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { RateBudget } from './traffic-config';

/** Where the counters live, and a limiter per budget on it. */
export type RateLimitStore = {
  kind: 'redis' | 'postgres' | 'memory';
  limiter(name: string, budget: RateBudget): RateLimiterAbstract;
  /** Resolves once the limiters made so far can count in the store (the PostgreSQL table exists). */
  ready(): Promise<void>;
  close(): Promise<void>;
};

/** The gateway's own schema in RATE_LIMIT_DATABASE_URL; rate-limiter-flexible creates the table. */
const SCHEMA = 'gateway';
const TABLE = 'RateLimit';

/**
 * Counters every replica shares: Redis when `redisUrl` is set, else PostgreSQL when `databaseUrl`
 * is, else this process's memory (each replica then counts on its own). A shared store that
 * fails does not stop the gateway: each limiter falls back to memory (rate-limiter-flexible's
 * insurance limiter) until the store answers again.
 */
export async function openRateLimitStore(options: {
  redisUrl?: string;
  databaseUrl?: string;
  keyPrefix: string;
}): Promise<RateLimitStore> {
  const options_ = (name: string, budget: RateBudget) => ({
    keyPrefix: `${options.keyPrefix}:rl:${name}`,
    points: budget.points,
    duration: budget.seconds,
  });
  const insured = (name: string, budget: RateBudget) => ({
    ...options_(name, budget),
    insuranceLimiter: new RateLimiterMemory(options_(name, budget)),
  });

  if (options.redisUrl !== undefined) {
    const redis = new Redis(options.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
    });
    redis.on('error', () => undefined); // reconnects by itself; limiters use their insurance meanwhile
    // Counting starts in Redis when it answers now; otherwise in memory until it does.
    await redis.connect().catch(() => undefined);
    return {
      kind: 'redis',
      limiter: (name, budget) => new RateLimiterRedis({ ...insured(name, budget), storeClient: redis }),
      async ready() {},
      async close() {
        redis.disconnect();
      },
    };
  }

  if (options.databaseUrl !== undefined) {
    // A counter lost in a database crash costs nothing worth a disk flush per request.
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 4,
      options: '-c synchronous_commit=off',
    });
    pool.on('error', () => undefined);
    try {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
    } catch (error) {
      // Two replicas creating it at once: one of them loses the race, the schema is there.
      if ((error as { code?: string }).code !== '23505') throw error;
    }
    const created: Array<Promise<void>> = [];
    return {
      kind: 'postgres',
      limiter(name, budget) {
        let ready!: (error?: Error) => void;
        created.push(
          new Promise<void>((resolve, reject) => {
            ready = (error) => (error === undefined ? resolve() : reject(error));
          }),
        );
        return new RateLimiterPostgres(
          {
            ...insured(name, budget),
            storeClient: pool,
            storeType: 'pool',
            schemaName: SCHEMA,
            tableName: TABLE,
            clearExpiredByTimeout: name === 'anonymous',
          },
          ready,
        );
      },
      async ready() {
        await Promise.all(created);
      },
      async close() {
        await Promise.allSettled(created);
        await pool.end();
      },
    };
  }

  return {
    kind: 'memory',
    limiter: (name, budget) => new RateLimiterMemory(options_(name, budget)),
    async ready() {},
    async close() {},
  };
}
