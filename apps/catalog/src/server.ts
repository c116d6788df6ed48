import type { Logger } from '@controlplane/runtime';
import { createSubgraph, loadSubgraphModule, type SubgraphHandle } from '@controlplane/subgraph';
import { createIdentityClient } from './clients/identity-client';
import { createWorkspaceClient } from './clients/workspace-client';
import { scheduleCloneReconciliation } from './clone-reconciliation';
import type { CatalogConfig } from './config';
import { createLoaders, type CatalogContext, type CatalogServices } from './context';
import { createInternalRoutes } from './internal-routes';
import { permissions } from './permissions';
import { createRepositories, createTransact } from './repositories';
import { createCatalogPrisma } from './repositories/prisma';
import { resolvers } from './resolvers';
import { createCatalogService } from './services/catalog-service';
import { createCloneService } from './services/clone-service';
import { createFeedbackService } from './services/feedback-service';
import { createPublishService } from './services/publish-service';
import { createReviewService } from './services/review-service';

export const SUBGRAPH_NAME = 'catalog';
const subgraph = loadSubgraphModule<CatalogContext>(SUBGRAPH_NAME, __dirname, { resolvers, permissions });
export const { typeDefs } = subgraph;

export type CatalogHandle = SubgraphHandle & {
  /** Settles interrupted clones now (it also runs on a timer). */
  reconcileClones(): Promise<number>;
};

/** Catalog: items, versions, reviews, clones and feedback, on its own database. */
export function createCatalogSubgraph(config: CatalogConfig, logger?: Logger): Promise<CatalogHandle> {
  return createSubgraph<CatalogContext, Pick<CatalogHandle, 'reconcileClones'>>({
    ...subgraph,
    config,
    logger,
    peers: { identity: config.IDENTITY_URL, workspace: config.WORKSPACE_URL },
    wire({ database, logger: log, internalApi, relayAuditOutbox }) {
      const prisma = createCatalogPrisma(database.adapter);
      const relay = relayAuditOutbox(prisma.auditOutbox);
      const repositories = createRepositories(prisma);
      const transact = createTransact(prisma, relay.kick);
      const workspace = createWorkspaceClient(internalApi);
      const services: CatalogServices = {
        catalog: createCatalogService({ repositories }),
        publish: createPublishService({ repositories, transact }),
        review: createReviewService({
          repositories,
          transact,
          identity: createIdentityClient(internalApi),
          logger: log,
        }),
        clones: createCloneService({
          repositories,
          transact,
          workspace,
          deadlineMs: config.CLONE_DEADLINE_MS,
          logger: log,
        }),
        feedback: createFeedbackService({ repositories, transact }),
      };
      return {
        createContext: (base) => ({
          ...base,
          repositories,
          services,
          loaders: createLoaders(repositories, workspace, base.viewer),
        }),
        internalRoutes: createInternalRoutes({ services }),
        jobs: [
          scheduleCloneReconciliation({
            clones: services.clones,
            intervalMs: config.CLONE_RECONCILE_INTERVAL_MS,
            logger: log,
          }),
        ],
        disconnect: () => prisma.$disconnect(),
        operations: { reconcileClones: () => services.clones.reconcile() },
      };
    },
  });
}

export { loadCatalogConfig } from './config';
export type { CatalogConfig } from './config';
