import type { Viewer } from '@controlplane/auth';
import type { CatalogItemRecord, CatalogItemWhere } from '../repositories/catalog-item-repository';

/**
 * Who may see a catalog item: members of its publisher always; everyone else, anonymous callers
 * included, only once a PUBLIC version was approved and while the item is not withdrawn.
 */
export function canSeeItem(viewer: Viewer, item: CatalogItemRecord): boolean {
  if (viewer.isMemberOf(item.publisherOrganizationId)) return true;
  return item.visibility === 'PUBLIC' && item.publishedAt !== null && item.withdrawnAt === null;
}

/** The same rule as `canSeeItem`, as a query filter, limited to what the catalog lists (not withdrawn, published). */
export function catalogListingWhere(viewer: Viewer): CatalogItemWhere {
  const listed: CatalogItemWhere = { withdrawnAt: null, publishedAt: { not: null } };
  const organizations = viewer.organizationIds;
  return {
    AND: [
      listed,
      organizations.length === 0
        ? { visibility: 'PUBLIC' }
        : { OR: [{ visibility: 'PUBLIC' }, { publisherOrganizationId: { in: organizations } }] },
    ],
  };
}
