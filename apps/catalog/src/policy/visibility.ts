import type { Viewer } from '@controlplane/auth';
import { notFound } from '@controlplane/errors';
import { isWellFormedId, SLUG_PATTERN } from '@controlplane/graphql-kit';
import type { PolicyContext } from '../context';
import type { EntityReference } from '../domain/entity-reference';
import type {
  CatalogItemRecord,
  CatalogItemWhere,
  CatalogVersionRecord,
} from '../repositories/catalog-item-repository';

// Who sees what: the rules, and the visible subjects as lists, nested fields and references load them.

/**
 * Members of the publisher see all its items; everyone else, anonymous callers included, a PUBLIC
 * item from its first approval until it is withdrawn.
 */
export function canSeeItem(viewer: Viewer, item: CatalogItemRecord): boolean {
  if (viewer.isMemberOf(item.publisherOrganizationId)) return true;
  return item.visibility === 'PUBLIC' && item.publishedAt !== null && item.withdrawnAt === null;
}

/** Of a visible item, members of the publisher see every version; everyone else, PUBLISHED ones. */
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
/** A CatalogItem as its field resolvers receive it: whole, or only as a clone's origin. */
export type ItemOrOrigin = CatalogItemRecord | OriginOnly<CatalogItemRecord>;
/** A CatalogItemVersion as its field resolvers receive it: whole, or only as a clone's origin. */
export type VersionOrOrigin = CatalogVersionRecord | OriginOnly<CatalogVersionRecord>;

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

/** A field beyond what a clone's origin shows (ORIGIN_ONLY_FIELDS): NOT_FOUND on an origin-only record. */
export function requireBeyondOrigin(record: object, typeName: keyof typeof ORIGIN_ONLY_FIELDS): void {
  if (isOriginOnly(record)) throw notFound(typeName);
}

export async function loadItem(
  id: string | null | undefined,
  context: PolicyContext,
): Promise<CatalogItemRecord | null> {
  return isWellFormedId(id) ? context.loaders.item.load(id) : null;
}

export async function loadVersion(
  id: string | null | undefined,
  context: PolicyContext,
): Promise<CatalogVersionRecord | null> {
  return isWellFormedId(id) ? context.loaders.version.load(id) : null;
}

export async function loadVisibleItem(id: string, context: PolicyContext): Promise<CatalogItemRecord | null> {
  const item = await loadItem(id, context);
  return item !== null && canSeeItem(context.viewer, item) ? item : null;
}

export async function loadVisibleVersion(
  id: string,
  context: PolicyContext,
): Promise<CatalogVersionRecord | null> {
  const version = await loadVersion(id, context);
  const item = version === null ? null : await loadItem(version.itemId, context);
  return version !== null && item !== null && canSeeVersion(context.viewer, item, version) ? version : null;
}

/** The version a clone came from: whole when visible, else origin-only (never null: the clone keeps it). */
export async function cloneOrigin(
  versionId: string,
  context: PolicyContext,
): Promise<VersionOrOrigin | null> {
  const version = await loadVersion(versionId, context);
  const item = version === null ? null : await loadItem(version.itemId, context);
  if (version === null || item === null) return null;
  return canSeeVersion(context.viewer, item, version) ? version : originOnly(version);
}

/** The item of a version reached through a clone: whole when visible, else origin-only. */
export async function itemOfVersion(version: VersionOrOrigin, context: PolicyContext): Promise<ItemOrOrigin> {
  const item = await loadItem(version.itemId, context);
  // A version's item is a foreign key with cascading delete: never missing.
  if (item === null) throw new Error(`catalog item ${version.itemId} of version ${version.id} is missing`);
  return isOriginOnly(version) && !canSeeItem(context.viewer, item) ? originOnly(item) : item;
}

/** Visible versions of a visible item, newest first is the caller's business. */
export async function visibleVersionsOf(
  item: CatalogItemRecord,
  context: PolicyContext,
): Promise<CatalogVersionRecord[]> {
  const versions = await context.loaders.versionsOfItem.load(item.id);
  return versions.filter((version) => canSeeVersion(context.viewer, item, version));
}

/** Derivatives of an item that the caller may see, and that are still listed. */
export async function visibleDerivativesOf(
  item: CatalogItemRecord,
  context: PolicyContext,
): Promise<CatalogItemRecord[]> {
  const derivatives = await context.loaders.derivativesOfItem.load(item.id);
  return derivatives.filter(
    (derivative) => canSeeItem(context.viewer, derivative) && derivative.withdrawnAt === null,
  );
}

/** The items an organization publishes that the caller may see, newest first. */
export async function visibleItemsOfPublisher(
  organizationId: string,
  context: PolicyContext,
): Promise<CatalogItemRecord[]> {
  const items = await context.loaders.itemsOfPublisher.load(organizationId);
  return items.filter((item) => canSeeItem(context.viewer, item));
}

/** The design a version was published from: shown to members of the publisher only. */
export async function visibleSourceDesign(
  version: CatalogVersionRecord,
  context: PolicyContext,
): Promise<EntityReference | null> {
  const item = await loadItem(version.itemId, context);
  return item !== null &&
    version.sourceDesignId !== null &&
    context.viewer.isMemberOf(item.publisherOrganizationId)
    ? { id: version.sourceDesignId }
    : null;
}

/** The item, when the caller may see it; NOT_FOUND otherwise, exactly like an id that does not exist. */
export async function requireVisibleItem(
  id: string | null | undefined,
  context: PolicyContext,
): Promise<CatalogItemRecord> {
  const item = await loadItem(id, context);
  if (item === null || !canSeeItem(context.viewer, item)) throw notFound('CatalogItem');
  return item;
}

/** The same by slug; a slug that is not even well-formed names nothing. */
export async function requireVisibleItemWithSlug(
  slug: string,
  context: PolicyContext,
): Promise<CatalogItemRecord> {
  const item = SLUG_PATTERN.test(slug) ? await context.loaders.itemBySlug.load(slug) : null;
  if (item === null || !canSeeItem(context.viewer, item)) throw notFound('CatalogItem');
  return item;
}
