import { canSeeOrganizationResources, visibleWorkspaces } from '../policy';
import type { OrganizationResolvers } from './schema-types.generated';

/**
 * Identity decides who sees an organization; this subgraph only adds lists to it, each filtered
 * to what the caller may see (nothing for a non-member, who reaches an organization only as the
 * public publisher of catalog items).
 */
export const Organization = {
  __resolveReference: (reference) => ({ id: reference.id }),
  workspaces: async (organization, _args, context) =>
    canSeeOrganizationResources(organization.id, context)
      ? visibleWorkspaces(
          await context.repositories.workspaces.findLiveByOrganizations([organization.id]),
          context,
        )
      : [],
  environments: (organization, _args, context) =>
    canSeeOrganizationResources(organization.id, context)
      ? context.repositories.environments.findEnvironmentsByOrganizations([organization.id])
      : [],
  connections: (organization, _args, context) =>
    canSeeOrganizationResources(organization.id, context)
      ? context.repositories.environments.findConnectionsByOrganizations([organization.id])
      : [],
} satisfies OrganizationResolvers;
