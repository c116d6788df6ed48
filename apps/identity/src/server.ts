import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventOutboxDelegate } from '@controlplane/audit';
import {
  createLogger,
  createServiceClient,
  createSubgraphServer,
  openSubgraphDatabase,
  type Logger,
  type SubgraphHandle,
} from '@controlplane/graphql-kit';
import { parse } from 'graphql';
import type { IdentityConfig } from './config';
import { createLoaders, type IdentityContext, type IdentityServices } from './context';
import { startEventRelay } from './event-relay';
import { mountInternalRoutes } from './internal-routes';
import { permissions } from './permissions';
import { createIdentityPrisma } from './repositories/prisma';
import { createRepositories, createTransact } from './repositories';
import { resolvers } from './resolvers';
import { createApiKeyService } from './services/api-key-service';
import { createAuthService } from './services/auth-service';
import { createInvitationService } from './services/invitation-service';
import { createOrganizationService } from './services/organization-service';
import { createTeamService } from './services/team-service';
import { createTokenService } from './credentials/tokens';

export const SUBGRAPH_NAME = 'identity';
export const typeDefs = parse(readFileSync(join(__dirname, '..', 'src', 'schema.graphql'), 'utf8'));
const migrationsDir = join(__dirname, '..', '..', '..', 'prisma', SUBGRAPH_NAME, 'migrations');

/** Opens the database (applying migrations), wires repositories and services, builds the app. */
export async function createIdentitySubgraph(
  config: IdentityConfig,
  logger?: Logger,
): Promise<SubgraphHandle> {
  const log = logger ?? createLogger({ service: SUBGRAPH_NAME, level: config.LOG_LEVEL });
  const database = await openSubgraphDatabase({ name: SUBGRAPH_NAME, config, migrationsDir, logger: log });

  const prisma = createIdentityPrisma(database.adapter);
  const repositories = createRepositories(prisma);
  const catalog = createServiceClient({
    url: config.CATALOG_URL,
    audience: 'catalog',
    secret: config.GATEWAY_SIGNING_SECRET,
  });
  const relay = startEventRelay({
    outbox: prisma.eventOutbox as unknown as EventOutboxDelegate,
    catalog,
    repositories,
    intervalMs: config.OUTBOX_RELAY_INTERVAL_MS,
    logger: log,
  });
  const transact = createTransact(prisma, relay.kick);
  const tokens = createTokenService({ secret: config.JWT_SECRET, ttlHours: config.JWT_TTL_HOURS });
  const apiKeys = createApiKeyService({ repositories, transact });
  const services: IdentityServices = {
    auth: createAuthService({ users: repositories.users, tokens, apiKeys }),
    organizations: createOrganizationService({ repositories, transact }),
    teams: createTeamService({ transact }),
    invitations: createInvitationService({ repositories, transact }),
    apiKeys,
  };

  const server = await createSubgraphServer<IdentityContext>({
    name: SUBGRAPH_NAME,
    typeDefs,
    resolvers,
    permissions,
    gatewaySecret: config.GATEWAY_SIGNING_SECRET,
    withoutShield: config.BENCHMARK_SHIELD_OFF,
    logger: log,
    createContext: (base) => ({ ...base, repositories, services, loaders: createLoaders(repositories) }),
    checkReady: () => database.ping(),
    mountInternalRoutes: (router) =>
      mountInternalRoutes(router, { auth: services.auth, repositories, logger: log }),
  });

  return {
    app: server.app,
    onStatement: (listener) => database.onStatement(listener),
    flushOutbox: () => relay.flush(),
    async close() {
      await relay.stop();
      await server.stop();
      await prisma.$disconnect();
      await database.close();
    },
  };
}

export { loadIdentityConfig } from './config';
export type { IdentityConfig } from './config';
