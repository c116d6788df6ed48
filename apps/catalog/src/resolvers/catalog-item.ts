import { latestPublished, sortNewestFirst } from '../domain/semver';
import { loadVisibleItem, visibleDerivativesOf, visibleVersionsOf } from '../policy';
import type { CatalogItemResolvers } from './schema-types.generated';

/** A catalog item's fields; the shield shows an origin-only item's id, slug and name only. */
export const CatalogItem = {
  /** The same visibility as catalogItem(id): null for an item the caller may not see. */
  __resolveReference: (reference, context) => loadVisibleItem(reference.id, context),
  publisher: (item) => ({ id: item.publisherOrganizationId }),
  latestVersion: async (item, _args, context) =>
    latestPublished(await context.loaders.versionsOfItem.load(item.id)) ?? null,
  /** Published versions for everyone who sees the item; every version for the publisher's members. */
  versions: async (item, _args, context) => sortNewestFirst(await visibleVersionsOf(item, context)),
  rating: (item, _args, context) => context.loaders.ratingOfItem.load(item.id),
  feedback: (item, args, context) => context.services.feedback.list(item.id, args),
  derivedFrom: (item, _args, context) =>
    item.derivedFromId === null ? null : loadVisibleItem(item.derivedFromId, context),
  derivatives: (item, _args, context) => visibleDerivativesOf(item, context),
} satisfies CatalogItemResolvers;
