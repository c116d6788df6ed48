import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { SqlExecutor } from './sql-executor';

/**
 * An embedded PostgreSQL (PGlite) kept in `directory`, so a newcomer needs no server.
 * PGlite serves one connection: right for the default start and embedded tests, not for load.
 */
export async function openEmbeddedDatabase(directory: string | undefined): Promise<PGlite> {
  if (directory !== undefined) mkdirSync(directory, { recursive: true });
  const database = new PGlite(directory);
  await database.waitReady;
  return database;
}

export function createEmbeddedAdapter(database: PGlite): PrismaPGlite {
  return new PrismaPGlite(database);
}

export function createEmbeddedExecutor(database: PGlite): SqlExecutor {
  return {
    async query<Row>(sql: string, params?: unknown[]) {
      return (await database.query<Row>(sql, params)).rows;
    },
    transaction(work) {
      return database.transaction((tx) =>
        work({
          query: async <Row>(sql: string, params?: unknown[]) => (await tx.query<Row>(sql, params)).rows,
          script: async (sql) => {
            await tx.exec(sql);
          },
        }),
      );
    },
  };
}
