import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, createSubgraphServer, openSubgraphDatabase, type Logger, type SubgraphHandle } from '@controlplane/graphql-kit';
import { parse } from 'graphql';
import type { IdentityConfig } from './config';
import { createLoaders, type IdentityContext, type IdentityRepositories } from './context';
import { mountInternalRoutes } from './internal-routes';
import { permissions } from './permissions';
import { createIdentityPrisma } from './repositories/prisma';
import { createOrganizationRepository } from './repositories/organization-repository';
import { createTeamRepository } from './repositories/team-repository';
import { createUserRepository } from './repositories/user-repository';
import { resolvers } from './resolvers';
import { createAuthService } from './services/auth-service';
import { createOrganizationService } from './services/organization-service';
import { createTokenService } from './services/tokens';

export const SUBGRAPH_NAME = 'identity';
export const typeDefs = parse(readFileSync(join(__dirname, '..', 'src', 'schema.graphql'), 'utf8'));
const migrationsDir = join(__dirname, '..', '..', '..', 'prisma', SUBGRAPH_NAME, 'migrations');

/** Opens the database (applying migrations), wires repositories and services, builds the app. */
export async function createIdentitySubgraph(config: IdentityConfig, logger?: Logger): Promise<SubgraphHandle> {
  const log = logger ?? createLogger({ service: SUBGRAPH_NAME, level: config.LOG_LEVEL });
  const database = await openSubgraphDatabase({ name: SUBGRAPH_NAME, config, migrationsDir, logger: log });

  const prisma = createIdentityPrisma(database.adapter);
  const repositories: IdentityRepositories = {
    users: createUserRepository(prisma),
    organizations: createOrganizationRepository(prisma),
    teams: createTeamRepository(prisma),
  };
  const tokens = createTokenService({ secret: config.JWT_SECRET, ttlHours: config.JWT_TTL_HOURS });
  const services = {
    auth: createAuthService({ users: repositories.users, tokens }),
    organizations: createOrganizationService({ organizations: repositories.organizations }),
  };

  const server = await createSubgraphServer<IdentityContext>({
    name: SUBGRAPH_NAME,
    typeDefs,
    resolvers,
    permissions,
    gatewaySecret: config.GATEWAY_SIGNING_SECRET,
    logger: log,
    createContext: (base) => ({ ...base, repositories, services, loaders: createLoaders(repositories) }),
    checkReady: () => database.ping(),
    mountInternalRoutes: (router) => mountInternalRoutes(router, { auth: services.auth, logger: log }),
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

export { loadIdentityConfig } from './config';
export type { IdentityConfig } from './config';
