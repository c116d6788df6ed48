import type { Logger } from '@controlplane/runtime';
import { createSubgraph, loadSubgraphModule, type SubgraphHandle } from '@controlplane/subgraph';
import type { IdentityConfig } from './config';
import { createLoaders, type IdentityContext, type IdentityServices } from './context';
import { startEventRelay } from './event-relay';
import { createInternalRoutes } from './internal-routes';
import { createAuditIngest } from './services/audit-ingest';
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
const subgraph = loadSubgraphModule<IdentityContext>(SUBGRAPH_NAME, __dirname, { resolvers, permissions });
export const { typeDefs } = subgraph;

/** Identity: users, organizations, teams, API keys and the audit trail, on its own database. */
export function createIdentitySubgraph(config: IdentityConfig, logger?: Logger): Promise<SubgraphHandle> {
  return createSubgraph<IdentityContext>({
    ...subgraph,
    config,
    logger,
    peers: { catalog: config.CATALOG_URL },
    wire({ database, logger: log, internalApi }) {
      const prisma = createIdentityPrisma(database.adapter);
      const repositories = createRepositories(prisma);
      const relay = startEventRelay({
        outbox: prisma.eventOutbox,
        internalApi,
        repositories,
        intervalMs: config.OUTBOX_RELAY_INTERVAL_MS,
        logger: log,
      });
      const transact = createTransact(prisma, relay.kick);
      const tokens = createTokenService({
        secret: config.JWT_SECRET,
        previousSecret: config.JWT_SECRET_PREVIOUS,
        ttlHours: config.JWT_TTL_HOURS,
      });
      const apiKeys = createApiKeyService({ repositories, transact });
      const services: IdentityServices = {
        auth: createAuthService({ repositories, transact, tokens, apiKeys }),
        organizations: createOrganizationService({ repositories, transact }),
        teams: createTeamService({ transact }),
        invitations: createInvitationService({ repositories, transact }),
        apiKeys,
      };
      return {
        createContext: (base) => ({ ...base, repositories, services, loaders: createLoaders(repositories) }),
        internalRoutes: createInternalRoutes({
          auth: services.auth,
          auditIngest: createAuditIngest({ repositories, logger: log }),
          repositories,
        }),
        outboxes: [relay],
        disconnect: () => prisma.$disconnect(),
      };
    },
  });
}

export { loadIdentityConfig } from './config';
export type { IdentityConfig } from './config';
