import type { Viewer } from '@controlplane/auth';
import { createCredentialCipherFor } from '@controlplane/config';
import type { Logger } from '@controlplane/runtime';
import {
  createSubgraph,
  loadSubgraphModule,
  type SubgraphContext,
  type SubgraphHandle,
} from '@controlplane/subgraph';
import { createIdentityClient } from './clients/identity-client';
import { createComplianceEvaluator } from './compliance/evaluator';
import { createPolicyService } from './compliance/policy-service';
import type { WorkspaceConfig } from './config';
import { createLoaders, type WorkspaceContext, type WorkspaceServices } from './context';
import { createCredentialReader, createCredentialRepository } from './credentials';
import { createDeploymentJobs } from './deployments/deployment-jobs';
import { createDeploymentRunner } from './deployments/deployment-runner';
import { createDeploymentService } from './deployments/deployment-service';
import { startDeploymentWorker } from './deployments/deployment-worker';
import { createInternalRoutes } from './internal-routes';
import { permissions } from './permissions';
import { createRepositories, createTransact } from './repositories';
import { createWorkspacePrisma } from './repositories/prisma';
import { resolvers } from './resolvers';
import { createDesignService } from './services/design-service';
import { createEnvironmentService } from './services/environment-service';
import { createWorkspaceService } from './services/workspace-service';

export const SUBGRAPH_NAME = 'workspace';
const subgraph = loadSubgraphModule<WorkspaceContext>(SUBGRAPH_NAME, __dirname, { resolvers, permissions });
export const { typeDefs } = subgraph;

export type WorkspaceOperations = {
  /** Resolves once no deployment is runnable and none runs in this process (tests, shutdown). */
  drainDeployments(): Promise<void>;
  /** Designs evaluated afresh and answered from the evaluation cache since start (benchmarks, tests). */
  complianceStats(): { evaluated: number; reused: number };
};

export type WorkspaceHandle = SubgraphHandle & WorkspaceOperations;

/**
 * Workspace: workspaces, grants, environments, connections, designs, deployments and policies, on
 * its own database, with the deployment worker beside the requests.
 */
export function createWorkspaceSubgraph(config: WorkspaceConfig, logger?: Logger): Promise<WorkspaceHandle> {
  // Before the database opens: a missing key stops the service without touching anything.
  const cipher = createCredentialCipherFor('workspace', config);
  return createSubgraph<WorkspaceContext, WorkspaceOperations>({
    ...subgraph,
    config,
    logger,
    peers: { identity: config.IDENTITY_URL },
    bodyLimit: '3mb',
    wire({ database, logger: log, internalApi, relayAuditOutbox }) {
      const prisma = createWorkspacePrisma(database.adapter);
      const relay = relayAuditOutbox(prisma.auditOutbox);
      const repositories = createRepositories(prisma);
      const transact = createTransact(prisma, relay.kick);
      const evaluator = createComplianceEvaluator({ policies: repositories.policies });
      const jobs = createDeploymentJobs(prisma);
      const deploymentWorker = startDeploymentWorker({
        jobs,
        runner: createDeploymentRunner({
          jobs,
          evaluator,
          deployments: repositories.deployments,
          transact,
          readCredentials: createCredentialReader({
            cipher,
            repository: createCredentialRepository(prisma),
            logger: log,
          }),
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
      const createContext = (base: SubgraphContext): WorkspaceContext => ({
        ...base,
        repositories,
        services,
        identity: createIdentityClient(internalApi, base.viewer),
        loaders: createLoaders(repositories, evaluator),
      });
      return {
        createContext,
        internalRoutes: createInternalRoutes({
          contextFor: (viewer: Viewer) =>
            createContext({ viewer, logger: log.child({ requestId: viewer.requestId }) }),
        }),
        jobs: [deploymentWorker],
        disconnect: () => prisma.$disconnect(),
        operations: {
          drainDeployments: () => deploymentWorker.drain(),
          complianceStats: () => evaluator.stats(),
        },
      };
    },
  });
}

export { loadWorkspaceConfig } from './config';
export type { WorkspaceConfig } from './config';
