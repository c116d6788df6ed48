import { itemOfVersion, loadVisibleVersion, visibleSourceDesign } from '../policy';
import type { EntityReference } from '../domain/entity-reference';
import type { CatalogItemVersionResolvers } from './schema-types.generated';

const userRef = (id: string | null): EntityReference | null => (id === null ? null : { id });

/** A version's fields; the shield shows an origin-only version's id, version and item only. */
export const CatalogItemVersion = {
  /** The same visibility as reading the version through its item: null when the caller may not see it. */
  __resolveReference: (reference, context) => loadVisibleVersion(reference.id, context),
  item: (version, _args, context) => itemOfVersion(version, context),
  sourceDesign: (version, _args, context) => visibleSourceDesign(version, context),
  publishedBy: (version) => userRef(version.publishedById),
  reviewedBy: (version) => userRef(version.reviewedById),
} satisfies CatalogItemVersionResolvers;
