import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Viewer } from '@controlplane/auth';
import type { OutboxDelegate } from '@controlplane/audit';
import {
  createLogger,
  createServiceClient,
  createSubgraphServer,
  openSubgraphDatabase,
  startAuditRelay,
  type Logger,
  type SubgraphHandle,
} from '@controlplane/graphql-kit';
import { parse } from 'graphql';
import type { CatalogConfig } from './config';
import { createLoaders, type CatalogContext, type CatalogServices } from './context';
import { mountInternalRoutes } from './internal-routes';
import { permissions } from './permissions';
import { createRepositories, createTransact } from './repositories';
import { createCatalogPrisma } from './repositories/prisma';
import { resolvers } from './resolvers';
import { createCatalogService } from './services/catalog-service';
import { createCloneService } from './services/clone-service';
import { createFeedbackService } from './services/feedback-service';
import { createPublishService } from './services/publish-service';
import { createReviewService } from './services/review-service';
import { createWorkspaceClient } from './services/workspace-client';

export const SUBGRAPH_NAME = 'catalog';
export const typeDefs = parse(readFileSync(join(__dirname, '..', 'src', 'schema.graphql'), 'utf8'));
const migrationsDir = join(__dirname, '..', '..', '..', 'prisma', SUBGRAPH_NAME, 'migrations');

export type CatalogHandle = SubgraphHandle & {
  /** Settles interrupted clones now (it also runs on a timer). */
  reconcileClones(): Promise<number>;
};

/** Opens the database (applying migrations), wires repositories and services, builds the app. */
export async function createCatalogSubgraph(config: CatalogConfig, logger?: Logger): Promise<CatalogHandle> {
  const log = logger ?? createLogger({ service: SUBGRAPH_NAME, level: config.LOG_LEVEL });
  const database = await openSubgraphDatabase({ name: SUBGRAPH_NAME, config, migrationsDir, logger: log });

  const prisma = createCatalogPrisma(database.adapter);
  const identity = createServiceClient({
    url: config.IDENTITY_URL,
    audience: 'identity',
    secret: config.GATEWAY_SIGNING_SECRET,
  });
  const relay = startAuditRelay({
    outbox: prisma.auditOutbox as unknown as OutboxDelegate,
    identity,
    intervalMs: config.OUTBOX_RELAY_INTERVAL_MS,
    logger: log,
  });
  const repositories = createRepositories(prisma);
  const transact = createTransact(prisma, relay.kick);
  const workspace = createWorkspaceClient(
    createServiceClient({
      url: config.WORKSPACE_URL,
      audience: 'workspace',
      secret: config.GATEWAY_SIGNING_SECRET,
    }),
  );
  const services: CatalogServices = {
    catalog: createCatalogService({ repositories }),
    publish: createPublishService({ repositories, transact }),
    review: createReviewService({ repositories, transact, identity, logger: log }),
    clones: createCloneService({
      repositories,
      transact,
      workspace,
      deadlineMs: config.CLONE_DEADLINE_MS,
      logger: log,
    }),
    feedback: createFeedbackService({ repositories, transact }),
  };

  const server = await createSubgraphServer<CatalogContext>({
    name: SUBGRAPH_NAME,
    typeDefs,
    resolvers,
    permissions,
    gatewaySecret: config.GATEWAY_SIGNING_SECRET,
    withoutShield: config.BENCHMARK_SHIELD_OFF,
    logger: log,
    createContext: (base: { viewer: Viewer; logger: Logger }) => ({
      ...base,
      repositories,
      services,
      loaders: createLoaders(repositories, workspace, base.viewer),
    }),
    checkReady: () => database.ping(),
    mountInternalRoutes: (router) => mountInternalRoutes(router, { services, logger: log }),
  });

  const reconcileClones = async () => {
    try {
      return await services.clones.reconcile();
    } catch (error) {
      log.warn({ err: error }, 'clone reconciliation failed; it runs again shortly');
      return 0;
    }
  };
  const timer = setInterval(() => void reconcileClones(), config.CLONE_RECONCILE_INTERVAL_MS);
  timer.unref();

  return {
    app: server.app,
    onStatement: (listener) => database.onStatement(listener),
    reconcileClones: () => services.clones.reconcile(),
    flushOutbox: () => relay.flush(),
    async close() {
      clearInterval(timer);
      await relay.stop();
      await server.stop();
      await prisma.$disconnect();
      await database.close();
    },
  };
}

export { loadCatalogConfig } from './config';
export type { CatalogConfig } from './config';
