import type { SubgraphConfig } from '@controlplane/config';
import { openDatabase, type Database } from '@controlplane/db';
import type { Logger } from 'pino';

/** Opens a subgraph's own database (Postgres or embedded, as configured) and applies its migrations. */
export async function openSubgraphDatabase(options: {
  name: string;
  config: SubgraphConfig;
  migrationsDir: string;
  logger: Logger;
}): Promise<Database> {
  const { config, logger } = options;
  const database = await openDatabase({
    owner: options.name,
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    migrationsDir: options.migrationsDir,
    poolSize: config.DATABASE_POOL_SIZE,
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
    idleTimeoutMs: config.DATABASE_IDLE_TIMEOUT_MS,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    onPoolError: (error) => logger.warn({ err: error }, 'database connection lost; the pool will reconnect'),
  });
  try {
    const applied = await database.migrate();
    if (applied.length > 0) logger.info({ applied }, 'applied migrations');
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
