import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, createSubgraphServer, openSubgraphDatabase, type Logger, type SubgraphHandle } from '@controlplane/graphql-kit';
import { parse } from 'graphql';
import type { CatalogConfig } from './config';
import { createLoaders, type CatalogContext, type CatalogRepositories } from './context';
import { permissions } from './permissions';
import { createCatalogPrisma } from './repositories/prisma';
import { createCatalogItemRepository } from './repositories/catalog-item-repository';
import { resolvers } from './resolvers';
import { createCatalogService } from './services/catalog-service';

export const SUBGRAPH_NAME = 'catalog';
export const typeDefs = parse(readFileSync(join(__dirname, '..', 'src', 'schema.graphql'), 'utf8'));
const migrationsDir = join(__dirname, '..', '..', '..', 'prisma', SUBGRAPH_NAME, 'migrations');

/** Opens the database (applying migrations), wires repositories and services, builds the app. */
export async function createCatalogSubgraph(config: CatalogConfig, logger?: Logger): Promise<SubgraphHandle> {
  const log = logger ?? createLogger({ service: SUBGRAPH_NAME, level: config.LOG_LEVEL });
  const database = await openSubgraphDatabase({ name: SUBGRAPH_NAME, config, migrationsDir, logger: log });

  const prisma = createCatalogPrisma(database.adapter);
  const repositories: CatalogRepositories = {
    items: createCatalogItemRepository(prisma),
  };
  const services = { catalog: createCatalogService({ items: repositories.items }) };

  const server = await createSubgraphServer<CatalogContext>({
    name: SUBGRAPH_NAME,
    typeDefs,
    resolvers,
    permissions,
    gatewaySecret: config.GATEWAY_SIGNING_SECRET,
    logger: log,
    createContext: (base) => ({ ...base, repositories, services, loaders: createLoaders(repositories) }),
    checkReady: () => database.ping(),
  });

  return {
    app: server.app,
    sqlStatements: () => database.statementCount(),
    async close() {
      await server.stop();
      await prisma.$disconnect();
      await database.close();
    },
  };
}

export { loadCatalogConfig } from './config';
export type { CatalogConfig } from './config';
