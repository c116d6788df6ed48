import { loadVisibleEnvironment, visibleWorkspaces } from '../policy';
import { deploymentsOfEnvironment } from './deployment';
import { loadPresent } from './load-present';
import type { EnvironmentResolvers } from './schema-types.generated';

/** An environment reached here was already authorized (root query, organization list or reference). */
export const Environment = {
  __resolveReference: (reference, context) => loadVisibleEnvironment(reference.id, context),
  organization: (environment) => ({ id: environment.organizationId }),
  connections: async (environment, _args, context) =>
    loadPresent(
      context.loaders.connection,
      await context.loaders.connectionIdsOfEnvironment.load(environment.id),
    ),
  /** Attached workspaces that the caller may see. */
  workspaces: async (environment, _args, context) =>
    visibleWorkspaces(
      await loadPresent(
        context.loaders.workspace,
        await context.loaders.workspaceIdsOfEnvironment.load(environment.id),
      ),
      context,
    ),
  deployments: (environment, args, context) => deploymentsOfEnvironment(environment, args, context),
} satisfies EnvironmentResolvers;
