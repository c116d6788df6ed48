import { loadPage, parseInput } from '@controlplane/graphql-kit';
import { requireVisibleOrganization, requireVisibleTeam } from '../policy';
import type { OrganizationRecord } from '../repositories/organization-repository';
import { auditedOrganizationIds, auditFilterInput } from '../validation';
import type { QueryResolvers } from './schema-types.generated';

/** Who may read each field is in permissions.ts and policy.ts. */
export const Query = {
  me: (_, __, context) => {
    const userId = context.viewer.userId;
    return userId === undefined ? null : { userId };
  },

  /** The organization the shield rule authorized, from the request's loader cache. */
  organization: (_, args, context) => requireVisibleOrganization(context, args),

  organizations: async (_, __, context) => {
    const organizations = await context.loaders.organization.loadMany(context.viewer.organizationIds);
    return organizations.filter(
      (organization): organization is OrganizationRecord =>
        organization !== null && !(organization instanceof Error),
    );
  },

  auditLog: (_, args, context) => {
    const organizationIds = auditedOrganizationIds(args.organizationIds);
    const filter = parseInput(auditFilterInput, args.filter ?? {}, 'filter');
    const { audit } = context.repositories;
    return loadPage(args, 50, {
      rows: ({ take, after }) => audit.findPage(organizationIds, filter, take, after),
      count: () => audit.count(organizationIds, filter),
      cursorOf: (event) => ({ at: event.occurredAt, id: event.id }),
    });
  },

  /** The team the shield rule authorized, from the request's loader cache. */
  team: (_, args, context) => requireVisibleTeam(context, args.id),
} satisfies QueryResolvers;
