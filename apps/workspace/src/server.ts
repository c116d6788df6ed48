import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, createSubgraphServer, openSubgraphDatabase, type Logger, type SubgraphHandle } from '@controlplane/graphql-kit';
import { parse } from 'graphql';
import type { WorkspaceConfig } from './config';
import { createLoaders, type WorkspaceContext, type WorkspaceRepositories } from './context';
import { permissions } from './permissions';
import { createWorkspacePrisma } from './repositories/prisma';
import { createWorkspaceRepository } from './repositories/workspace-repository';
import { resolvers } from './resolvers';
import { createWorkspaceService } from './services/workspace-service';

export const SUBGRAPH_NAME = 'workspace';
export const typeDefs = parse(readFileSync(join(__dirname, '..', 'src', 'schema.graphql'), 'utf8'));
const migrationsDir = join(__dirname, '..', '..', '..', 'prisma', SUBGRAPH_NAME, 'migrations');

/** Opens the database (applying migrations), wires repositories and services, builds the app. */
export async function createWorkspaceSubgraph(config: WorkspaceConfig, logger?: Logger): Promise<SubgraphHandle> {
  const log = logger ?? createLogger({ service: SUBGRAPH_NAME, level: config.LOG_LEVEL });
  const database = await openSubgraphDatabase({ name: SUBGRAPH_NAME, config, migrationsDir, logger: log });

  const prisma = createWorkspacePrisma(database.adapter);
  const repositories: WorkspaceRepositories = {
    workspaces: createWorkspaceRepository(prisma),
  };
  const services = { workspaces: createWorkspaceService({ workspaces: repositories.workspaces }) };

  const server = await createSubgraphServer<WorkspaceContext>({
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
    async close() {
      await server.stop();
      await prisma.$disconnect();
      await database.close();
    },
  };
}

export { loadWorkspaceConfig } from './config';
export type { WorkspaceConfig } from './config';
