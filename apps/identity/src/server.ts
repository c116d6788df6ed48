import { createCredentialCipherFor } from '@controlplane/config';
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
import { createWebhookService } from './webhooks/webhook-service';
import { startWebhookWorker } from './webhooks/webhook-worker';

export const SUBGRAPH_NAME = 'identity';
const subgraph = loadSubgraphModule<IdentityContext>(SUBGRAPH_NAME, __dirname, { resolvers, permissions });
export const { typeDefs } = subgraph;

/** Identity: users, organizations, teams, API keys and the audit trail, on its own database. */
export function createIdentitySubgraph(config: IdentityConfig, logger?: Logger): Promise<SubgraphHandle> {
  // Before the database opens: a missing key stops the service without touching anything.
  const cipher = createCredentialCipherFor(SUBGRAPH_NAME, config);
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
      const webhookWorker = startWebhookWorker({
        jobs: repositories.webhookJobs,
        // The worker's own writes need no kick: it looks for more work until none is due.
        transact: createTransact(prisma),
        cipher,
        settings: {
          concurrency: config.WEBHOOK_WORKER_CONCURRENCY,
          leaseMs: config.WEBHOOK_LEASE_MS,
          intervalMs: config.WEBHOOK_POLL_INTERVAL_MS,
          timeoutMs: config.WEBHOOK_TIMEOUT_MS,
          retryBaseMs: config.WEBHOOK_RETRY_BASE_MS,
          retryCapMs: config.WEBHOOK_RETRY_CAP_MS,
          retryBudgetMs: config.WEBHOOK_RETRY_BUDGET_MS,
          disableAfterFailures: config.WEBHOOK_DISABLE_AFTER_FAILURES,
          allowedHosts: config.DEPLOY_ALLOWED_HOSTS,
        },
        logger: log,
      });
      // Every committed change may have stored audit events, and with them webhook deliveries.
      const transact = createTransact(prisma, () => {
        relay.kick();
        webhookWorker.kick();
      });
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
        webhooks: createWebhookService({ transact, cipher, allowedHosts: config.DEPLOY_ALLOWED_HOSTS }),
      };
      const auditIngest = createAuditIngest({ repositories, logger: log });
      return {
        createContext: (base) => ({ ...base, repositories, services, loaders: createLoaders(repositories) }),
        internalRoutes: createInternalRoutes({
          auth: services.auth,
          auditIngest: {
            // Relayed events enqueue deliveries too (the trigger): wake the worker for them.
            ingest: async (sender, events) => {
              const answer = await auditIngest.ingest(sender, events);
              if (answer.stored > 0) webhookWorker.kick();
              return answer;
            },
          },
          repositories,
        }),
        outboxes: [relay],
        jobs: [webhookWorker],
        disconnect: () => prisma.$disconnect(),
      };
    },
  });
}

export { loadIdentityConfig } from './config';
export type { IdentityConfig } from './config';
