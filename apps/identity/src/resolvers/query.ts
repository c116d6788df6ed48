import { decodeCursor, pageSize, parseInput, toPage } from '@controlplane/graphql-kit';
import { auditedOrganizationIds, auditFilterInput } from '../validation';
import type { IdentityContext } from '../context';
import type { OrganizationRecord } from '../repositories/organization-repository';
import type { AuditFilter } from '../repositories/audit-repository';
import { requireVisibleOrganization, requireVisibleTeam } from '../policy';

/** Who may read each field is in permissions.ts and policy.ts. */
export const Query = {
  me(_: unknown, __: unknown, context: IdentityContext) {
    const userId = context.viewer.userId;
    return userId === undefined ? null : { userId };
  },

  /** The record the shield rule authorized, from the request's loader cache. */
  organization(_: unknown, args: { id?: string | null; slug?: string | null }, context: IdentityContext) {
    return requireVisibleOrganization(context, args);
  },

  async organizations(_: unknown, __: unknown, context: IdentityContext) {
    const organizations = await context.loaders.organization.loadMany(context.viewer.organizationIds);
    return organizations.filter(
      (organization): organization is OrganizationRecord =>
        organization !== null && !(organization instanceof Error),
    );
  },

  async auditLog(
    _: unknown,
    args: {
      organizationIds: string[];
      filter?: AuditFilter | null;
      first?: number | null;
      after?: string | null;
    },
    context: IdentityContext,
  ) {
    const organizationIds = auditedOrganizationIds(args.organizationIds);
    const size = pageSize(args.first, 50);
    const filter = parseInput(auditFilterInput, args.filter ?? {}, 'filter');
    const [rows, totalCount] = await Promise.all([
      context.repositories.audit.findPage(organizationIds, filter, size + 1, decodeCursor(args.after)),
      context.repositories.audit.count(organizationIds, filter),
    ]);
    return toPage(rows, size, totalCount, (event) => ({ at: event.occurredAt, id: event.id }));
  },

  /** The record the shield rule authorized, from the request's loader cache. */
  team(_: unknown, args: { id: string }, context: IdentityContext) {
    return requireVisibleTeam(context, args.id);
  },
};
