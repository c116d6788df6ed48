import type { Viewer } from '@controlplane/auth';
import { isWellFormedId } from '@controlplane/graphql-kit';
import type { CatalogContext } from './context';
import type {
  CatalogItemRecord,
  CatalogItemWhere,
  CatalogVersionRecord,
} from './repositories/catalog-item-repository';

/**
 * Who sees what in the catalog, in one place: root queries, lists, nested fields,
 * `__resolveReference` and shield rules all call these, so no path shows more than another.
 *
 * Members of the publisher see all of its items and versions; everyone else, anonymous callers
 * included, sees a PUBLIC item once a version is approved and until it is withdrawn, and only its
 * PUBLISHED versions.
 */
export function canSeeItem(viewer: Viewer, item: CatalogItemRecord): boolean {
  if (viewer.isMemberOf(item.publisherOrganizationId)) return true;
  return item.visibility === 'PUBLIC' && item.publishedAt !== null && item.withdrawnAt === null;
}

export function canSeeVersion(
  viewer: Viewer,
  item: CatalogItemRecord,
  version: CatalogVersionRecord,
): boolean {
  if (!canSeeItem(viewer, item)) return false;
  return viewer.isMemberOf(item.publisherOrganizationId) || version.status === 'PUBLISHED';
}

/**
 * What `catalog` lists, as the contract words it: PUBLIC items with a published version, plus
 * ORGANIZATION items of the caller's organizations; never withdrawn items. The same rule as
 * canSeeItem, as a query (and narrower: a member's unpublished item is read, not listed).
 */
export function catalogListingWhere(viewer: Viewer): CatalogItemWhere {
  const organizations = viewer.organizationIds;
  const publicItems: CatalogItemWhere = { visibility: 'PUBLIC', publishedAt: { not: null } };
  return {
    withdrawnAt: null,
    OR:
      organizations.length === 0
        ? [publicItems]
        : [publicItems, { visibility: 'ORGANIZATION', publisherOrganizationId: { in: organizations } }],
  };
}

/**
 * A clone's origin as its reader may see it when the item or version is no longer visible to
 * them (withdrawn, or an ORGANIZATION item of an organization they left): only which version of
 * which item it came from. Every other field follows the item's normal visibility (NOT_FOUND),
 * so later versions, content and feedback stay with the publisher.
 */
export type OriginOnly<T> = T & { readonly originOnly: true };

export const ORIGIN_ONLY_FIELDS = {
  CatalogItem: ['id', 'slug', 'name'],
  CatalogItemVersion: ['id', 'version', 'item'],
} as const;

export function isOriginOnly(record: object): boolean {
  return 'originOnly' in record && record.originOnly === true;
}

function originOnly<T extends object>(record: T): OriginOnly<T> {
  return { ...record, originOnly: true };
}

export async function loadItem(id: unknown, context: CatalogContext): Promise<CatalogItemRecord | null> {
  return isWellFormedId(id) ? context.loaders.item.load(id) : null;
}

export async function loadVersion(
  id: unknown,
  context: CatalogContext,
): Promise<CatalogVersionRecord | null> {
  return isWellFormedId(id) ? context.loaders.version.load(id) : null;
}

export async function loadVisibleItem(
  id: unknown,
  context: CatalogContext,
): Promise<CatalogItemRecord | null> {
  const item = await loadItem(id, context);
  return item !== null && canSeeItem(context.viewer, item) ? item : null;
}

export async function loadVisibleVersion(
  id: unknown,
  context: CatalogContext,
): Promise<CatalogVersionRecord | null> {
  const version = await loadVersion(id, context);
  const item = version === null ? null : await loadItem(version.itemId, context);
  return version !== null && item !== null && canSeeVersion(context.viewer, item, version) ? version : null;
}

/** The version a clone came from: whole when visible, else origin-only (never null: the clone keeps it). */
export async function cloneOrigin(
  versionId: string,
  context: CatalogContext,
): Promise<CatalogVersionRecord | OriginOnly<CatalogVersionRecord> | null> {
  const version = await loadVersion(versionId, context);
  const item = version === null ? null : await loadItem(version.itemId, context);
  if (version === null || item === null) return null;
  return canSeeVersion(context.viewer, item, version) ? version : originOnly(version);
}

/** The item of a version reached through a clone: whole when visible, else origin-only. */
export async function itemOfVersion(
  version: CatalogVersionRecord,
  context: CatalogContext,
): Promise<CatalogItemRecord | OriginOnly<CatalogItemRecord> | null> {
  const item = await loadItem(version.itemId, context);
  if (item === null) return null;
  return isOriginOnly(version) && !canSeeItem(context.viewer, item) ? originOnly(item) : item;
}

/** Visible versions of a visible item, newest first is the caller's business. */
export async function visibleVersionsOf(
  item: CatalogItemRecord,
  context: CatalogContext,
): Promise<CatalogVersionRecord[]> {
  const versions = await context.loaders.versionsOfItem.load(item.id);
  return versions.filter((version) => canSeeVersion(context.viewer, item, version));
}

/** Derivatives of an item that the caller may see, and that are still listed. */
export async function visibleDerivativesOf(
  item: CatalogItemRecord,
  context: CatalogContext,
): Promise<CatalogItemRecord[]> {
  const derivatives = await context.loaders.derivativesOfItem.load(item.id);
  return derivatives.filter(
    (derivative) => canSeeItem(context.viewer, derivative) && derivative.withdrawnAt === null,
  );
}
