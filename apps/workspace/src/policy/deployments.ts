import { forbidden, notFound } from '@controlplane/errors';
import { isWellFormedId } from '@controlplane/graphql-kit';
import type { WorkspaceLoaders } from '../context';
import type { DeploymentRecord, DeploymentScope } from '../deployments/deployment-repository';
import type { DesignRecord } from '../repositories/design-repository';
import type { EnvironmentRecord } from '../repositories/environment-repository';
import {
  canSeeOrganizationResources,
  canSeeWorkspace,
  loadEnvironment,
  loadWorkspace,
  requireDesign,
  requireFound,
  type PolicyContext,
} from '../policy';

/**
 * Who may deploy what where, and who may read deployments: part of the workspace policy (see
 * policy.ts), kept in its own file. Deploying needs the `deploy` action on the design's workspace
 * (EDITOR or above, never AUDITOR); the environment must be one of the design's organization,
 * attached to that workspace. A deployment is readable exactly when its design is; once the design
 * is deleted, by whoever sees the environment (any member of the organization).
 */
export type DeploymentPolicyContext = PolicyContext & {
  loaders: PolicyContext['loaders'] &
    Pick<WorkspaceLoaders, 'deployment' | 'environmentIdsOfWorkspace' | 'grantsOfTeam'>;
};

/** The design and the environment of a deployDesign or undeployDesign call, when the caller may deploy. */
export async function requireDeployment(
  designId: unknown,
  environmentId: unknown,
  context: DeploymentPolicyContext,
): Promise<{ design: DesignRecord; environment: EnvironmentRecord }> {
  const design = await requireDesign(designId, 'deploy', context);
  const environment = await loadEnvironment(environmentId, context);
  if (environment === null || environment.organizationId !== design.organizationId)
    throw notFound('Environment');
  const attached = await context.loaders.environmentIdsOfWorkspace.load(design.workspaceId);
  if (!attached.includes(environment.id)) {
    throw forbidden(
      "The environment is not attached to the design's workspace; a workspace ADMIN attaches it.",
    );
  }
  return { design, environment };
}

export async function canSeeDeployment(
  deployment: DeploymentRecord,
  context: DeploymentPolicyContext,
): Promise<boolean> {
  const design = await context.loaders.design.load(deployment.designId);
  if (design === null) return canSeeOrganizationResources(deployment.organizationId, context);
  const workspace = await loadWorkspace(design.workspaceId, context);
  return workspace !== null && canSeeWorkspace(workspace, context);
}

export async function loadVisibleDeployment(
  id: unknown,
  context: DeploymentPolicyContext,
): Promise<DeploymentRecord | null> {
  const deployment = isWellFormedId(id) ? await context.loaders.deployment.load(id) : null;
  return deployment !== null && (await canSeeDeployment(deployment, context)) ? deployment : null;
}

export async function requireVisibleDeployment(
  id: unknown,
  context: DeploymentPolicyContext,
): Promise<DeploymentRecord> {
  return requireFound(context, 'Deployment', () => loadVisibleDeployment(id, context));
}

/**
 * Which of an organization's deployments an environment lists to the caller: all, for roles that
 * see every workspace; otherwise those of the workspaces its teams were granted (and those of
 * deleted designs, which every member sees). Nothing for a non-member.
 */
export async function deploymentScopeOf(
  organizationId: string,
  context: DeploymentPolicyContext,
): Promise<DeploymentScope | null> {
  const role = context.viewer.roleIn(organizationId);
  if (role === undefined) return null;
  if (role !== 'MEMBER') return { organizationId, workspaceIds: 'all' };
  const grants = (await context.loaders.grantsOfTeam.loadMany(context.viewer.teamIds)).flatMap((found) =>
    Array.isArray(found) ? found : [],
  );
  const candidates = [
    ...new Set(
      grants.filter((grant) => grant.organizationId === organizationId).map((grant) => grant.workspaceId),
    ),
  ];
  const visible = await Promise.all(
    candidates.map(async (id) => {
      const workspace = await loadWorkspace(id, context);
      return workspace !== null && (await canSeeWorkspace(workspace, context)) ? id : null;
    }),
  );
  return { organizationId, workspaceIds: visible.filter((id): id is string => id !== null) };
}
