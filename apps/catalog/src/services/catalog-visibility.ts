import type { Viewer } from '@controlplane/auth';
import type { CatalogItemRecord, CatalogItemWhere, CatalogVersionRecord } from '../repositories/catalog-item-repository';

/**
 * The catalog's visibility rules, in one place (resolvers, rules and `__resolveReference` all
 * call these). Members of the publisher see all of its items and versions; everyone else,
 * anonymous callers included, sees a PUBLIC item once a version is approved and until it is
 * withdrawn, and only its PUBLISHED versions.
 */
export function canSeeItem(viewer: Viewer, item: CatalogItemRecord): boolean {
  if (viewer.isMemberOf(item.publisherOrganizationId)) return true;
  return item.visibility === 'PUBLIC' && item.publishedAt !== null && item.withdrawnAt === null;
}

export function canSeeVersion(viewer: Viewer, item: CatalogItemRecord, version: CatalogVersionRecord): boolean {
  if (!canSeeItem(viewer, item)) return false;
  return viewer.isMemberOf(item.publisherOrganizationId) || version.status === 'PUBLISHED';
}

/**
 * What `catalog` lists, as the contract words it: PUBLIC items with a published version, plus
 * ORGANIZATION items of the caller's organizations; never withdrawn items.
 */
export function catalogListingWhere(viewer: Viewer): CatalogItemWhere {
  const organizations = viewer.organizationIds;
  const publicItems: CatalogItemWhere = { visibility: 'PUBLIC', publishedAt: { not: null } };
  return {
    withdrawnAt: null,
    OR: organizations.length === 0 ? [publicItems] : [publicItems, { visibility: 'ORGANIZATION', publisherOrganizationId: { in: organizations } }],
  };
}
