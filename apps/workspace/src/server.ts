import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
import type { Viewer } from '@controlplane/auth';
import { parse } from 'graphql';
import type { WorkspaceConfig } from './config';
import { createLoaders, type WorkspaceContext, type WorkspaceServices } from './context';
import { mountInternalRoutes } from './internal-routes';
import { permissions } from './permissions';
import { createRepositories, createTransact } from './repositories';
import { createWorkspacePrisma } from './repositories/prisma';
import { resolvers } from './resolvers';
import { createCredentialCipher, loadCredentialKey } from './credentials';
import { createDesignService } from './services/design-service';
import { createEnvironmentService } from './services/environment-service';
import { createWorkspaceService } from './services/workspace-service';
import { createComplianceEvaluator } from './compliance/evaluator';
import { createPolicyService } from './compliance/policy-service';
import { createDeploymentJobs } from './deployments/deployment-jobs';
import { createDeploymentRunner } from './deployments/deployment-runner';
import { createDeploymentService } from './deployments/deployment-service';
import { startDeploymentWorker } from './deployments/deployment-worker';

export const SUBGRAPH_NAME = 'workspace';
export const typeDefs = parse(readFileSync(join(__dirname, '..', 'src', 'schema.graphql'), 'utf8'));
const migrationsDir = join(__dirname, '..', '..', '..', 'prisma', SUBGRAPH_NAME, 'migrations');

export type WorkspaceHandle = SubgraphHandle & {
  /** Resolves once no deployment is runnable and none runs in this process (tests). */
  drainDeployments(): Promise<void>;
};

/** Opens the database (applying migrations), wires repositories and services, builds the app. */
export async function createWorkspaceSubgraph(
  config: WorkspaceConfig,
  logger?: Logger,
): Promise<WorkspaceHandle> {
  const log = logger ?? createLogger({ service: SUBGRAPH_NAME, level: config.LOG_LEVEL });
  const cipher = createCredentialCipher(
    loadCredentialKey({
      configured: config.CREDENTIALS_KEY,
      embedded: config.DATABASE_URL === undefined,
      keyFile: join(config.DATA_DIR, SUBGRAPH_NAME, 'credentials.key'),
    }),
  );
  const database = await openSubgraphDatabase({ name: SUBGRAPH_NAME, config, migrationsDir, logger: log });

  const prisma = createWorkspacePrisma(database.adapter);
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
  const evaluator = createComplianceEvaluator({ policies: repositories.policies });
  const deploymentWorker = startDeploymentWorker({
    jobs: createDeploymentJobs(prisma),
    runner: createDeploymentRunner({
      jobs: createDeploymentJobs(prisma),
      evaluator,
      deployments: repositories.deployments,
      transact,
      cipher,
      limits: {
        allowedHosts: config.DEPLOY_ALLOWED_HOSTS,
        timeBudgetMs: config.DEPLOY_TARGET_TIME_BUDGET_MS,
      },
      targetConcurrency: config.DEPLOY_TARGET_CONCURRENCY,
      leaseMs: config.DEPLOY_LEASE_MS,
      logger: log,
    }),
    concurrency: config.DEPLOY_WORKER_CONCURRENCY,
    leaseMs: config.DEPLOY_LEASE_MS,
    intervalMs: config.DEPLOY_POLL_INTERVAL_MS,
    logger: log,
  });
  const services: WorkspaceServices = {
    workspaces: createWorkspaceService({ transact }),
    environments: createEnvironmentService({ transact, cipher }),
    designs: createDesignService({ transact }),
    deployments: createDeploymentService({
      deployments: repositories.deployments,
      transact,
      evaluator,
      kick: deploymentWorker.kick,
    }),
    policies: createPolicyService({ transact }),
    evaluator,
  };

  const createContext = (base: { viewer: Viewer; logger: Logger }): WorkspaceContext => ({
    ...base,
    repositories,
    services,
    identity,
    loaders: createLoaders(repositories, evaluator),
  });

  const server = await createSubgraphServer<WorkspaceContext>({
    name: SUBGRAPH_NAME,
    typeDefs,
    resolvers,
    permissions,
    gatewaySecret: config.GATEWAY_SIGNING_SECRET,
    withoutShield: config.BENCHMARK_SHIELD_OFF,
    logger: log,
    bodyLimit: '3mb',
    createContext,
    checkReady: () => database.ping(),
    mountInternalRoutes: (router) =>
      mountInternalRoutes(router, {
        contextFor: (viewer) => createContext({ viewer, logger: log }),
        logger: log,
      }),
  });

  return {
    app: server.app,
    onStatement: (listener) => database.onStatement(listener),
    flushOutbox: () => relay.flush(),
    drainDeployments: () => deploymentWorker.drain(),
    async close() {
      await deploymentWorker.stop();
      await relay.stop();
      await server.stop();
      await prisma.$disconnect();
      await database.close();
    },
  };
}

export { loadWorkspaceConfig } from './config';
export type { WorkspaceConfig } from './config';
