import { loadPage, pageSize, toPage, type PageArgs } from '@controlplane/graphql-kit';
import type { WorkspaceContext } from '../context';
import type { DeploymentRecord } from '../deployments/deployment-repository';
import { deploymentScopeOf, requireVisibleDeployment } from '../policy/deployments';
import { requireEnvironment } from '../policy';
import type {
  DeploymentResolvers,
  DeploymentTargetResolvers,
  QueryResolvers,
} from './schema-types.generated';

const cursorOf = (deployment: DeploymentRecord) => ({ at: deployment.createdAt, id: deployment.id });
const DEFAULT_PAGE_SIZE = 20;

/** A design's deployments, newest first (the design was authorized where it was reached). */
export function deploymentsOfDesign(designId: string, args: PageArgs, context: WorkspaceContext) {
  const { deployments } = context.repositories;
  return loadPage(args, DEFAULT_PAGE_SIZE, {
    rows: (page) => deployments.findPageOfDesign(designId, page),
    count: () => deployments.countOfDesign(designId),
    cursorOf,
  });
}

/** An environment's deployments the caller may see (those of designs it may see), newest first. */
export async function deploymentsOfEnvironment(
  environment: { id: string; organizationId: string },
  args: PageArgs,
  context: WorkspaceContext,
) {
  const size = pageSize(args.first, DEFAULT_PAGE_SIZE);
  const scope = await deploymentScopeOf(environment.organizationId, context);
  if (scope === null) return toPage<DeploymentRecord>([], size, 0, cursorOf);
  const { deployments } = context.repositories;
  return loadPage(args, DEFAULT_PAGE_SIZE, {
    rows: (page) => deployments.findPageOfEnvironment(environment.id, scope, page),
    count: () => deployments.countOfEnvironment(environment.id, scope),
    cursorOf,
  });
}

export const deploymentQueries = {
  deployment: (_parent, args, context) => requireVisibleDeployment(args.id, context),
} satisfies QueryResolvers;

/** A deployment reached here was authorized (root query, or the list of a design or environment it belongs to). */
export const Deployment = {
  design: (deployment, _args, context) => context.loaders.design.load(deployment.designId),
  environment: (deployment, _args, context) => requireEnvironment(deployment.environmentId, 'see', context),
  targets: (deployment, _args, context) => context.loaders.targetsOfDeployment.load(deployment.id),
  createdBy: (deployment) => (deployment.createdById === null ? null : { id: deployment.createdById }),
} satisfies DeploymentResolvers;

export const DeploymentTarget = {
  connection: async (target, _args, context) => {
    const connection = await context.loaders.connection.load(target.connectionId);
    if (connection === null) throw new Error(`deployment target ${target.connectionId} has no connection`);
    return connection;
  },
} satisfies DeploymentTargetResolvers;
