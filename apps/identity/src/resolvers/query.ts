import { badUserInput, notFound } from '@controlplane/errors';
import {
  decodeCursor,
  isWellFormedId,
  pageSize,
  parseInput,
  SLUG_PATTERN,
  toPage,
} from '@controlplane/graphql-kit';
import { auditFilterInput } from '../validation';
import type { IdentityContext } from '../context';
import type { OrganizationProfileRecord, OrganizationRecord } from '../repositories/organization-repository';
import type { AuditFilter } from '../repositories/audit-repository';
import { loadTeam, MAX_AUDITED_ORGANIZATIONS } from '../rules';

/**
 * Who sees an organization: its members while it lives, and everyone (anonymous included) once
 * it publishes PUBLIC catalog items, as their publisher. Non-members see only its public profile:
 * the member-only fields have rules of their own. A deleted publisher keeps that profile until the
 * catalog has withdrawn its items, so that no listing of another tenant ever names a publisher
 * that cannot be shown (which would void the whole listing).
 */
export function canSeeOrganization(
  organization: OrganizationProfileRecord,
  context: IdentityContext,
): boolean {
  return (
    (organization.deletedAt === null && context.viewer.isMemberOf(organization.id)) ||
    organization.publicCatalog
  );
}

/** The organization named by id or slug, if the caller may see it; otherwise NOT_FOUND. */
export async function findVisibleOrganization(
  args: { id?: string | null; slug?: string | null },
  context: IdentityContext,
): Promise<OrganizationProfileRecord> {
  const organization = await findOrganization(args, context);
  if (organization === null || !canSeeOrganization(organization, context)) throw notFound('Organization');
  return organization;
}

function findOrganization(args: { id?: string | null; slug?: string | null }, context: IdentityContext) {
  const hasId = args.id !== undefined && args.id !== null;
  const hasSlug = args.slug !== undefined && args.slug !== null;
  if (hasId === hasSlug) throw badUserInput('id', 'give exactly one of id and slug');
  if (hasId)
    return isWellFormedId(args.id)
      ? context.loaders.organizationProfile.load(args.id)
      : Promise.resolve(null);
  // A slug that cannot exist is not looked up (and cannot reach the database as odd bytes).
  return SLUG_PATTERN.test(args.slug as string)
    ? context.repositories.organizations.findProfileBySlug(args.slug as string)
    : Promise.resolve(null);
}

export const Query = {
  me(_: unknown, __: unknown, context: IdentityContext) {
    const userId = context.viewer.userId;
    return userId === undefined ? null : { userId };
  },

  organization(_: unknown, args: { id?: string | null; slug?: string | null }, context: IdentityContext) {
    return findVisibleOrganization(args, context);
  },

  async organizations(_: unknown, __: unknown, context: IdentityContext) {
    const organizations = await context.loaders.organization.loadMany(context.viewer.organizationIds);
    return organizations.filter(
      (organization): organization is OrganizationRecord =>
        organization !== null && !(organization instanceof Error),
    );
  },

  /** The shield rule checked the caller's role in every listed organization. */
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
    const organizationIds = [...new Set(args.organizationIds)];
    if (organizationIds.length === 0)
      throw badUserInput('organizationIds', 'must list at least one organization');
    if (organizationIds.length > MAX_AUDITED_ORGANIZATIONS)
      throw badUserInput('organizationIds', `must list at most ${MAX_AUDITED_ORGANIZATIONS} organizations`);
    const size = pageSize(args.first, 50);
    const filter = parseInput(auditFilterInput, args.filter ?? {}, 'filter');
    const [rows, totalCount] = await Promise.all([
      context.repositories.audit.findPage(organizationIds, filter, size + 1, decodeCursor(args.after)),
      context.repositories.audit.count(organizationIds, filter),
    ]);
    return toPage(rows, size, totalCount, (event) => ({ at: event.occurredAt, id: event.id }));
  },

  /** The shield rule already answered NOT_FOUND for teams of other organizations. */
  async team(_: unknown, args: { id: string }, context: IdentityContext) {
    const team = await loadTeam(args.id, context);
    if (team === null) throw notFound('Team');
    return team;
  },
};
