import {
  ORG_ADMINS,
  allow,
  and,
  isAuthenticated,
  isSignedInUser,
  orgRoleByArgument,
  type IRule,
  type IRules,
} from '@controlplane/auth';
import { ORIGIN_ONLY_FIELDS } from './policy';
import { beyondOrigin, canPublishDesign, canSeeItemByArgument, publisherAdmin } from './rules';

/**
 * The fields of `typeName`: `allow` for those a clone's origin shows, beyondOrigin for the rest
 * (see policy.ts: a clone's reader who can no longer see the item sees only where it came from).
 */
function originGuarded<T extends keyof typeof ORIGIN_ONLY_FIELDS>(
  typeName: T,
  fields: string[],
): Record<string, IRule | typeof allow> {
  const shown: readonly string[] = ORIGIN_ONLY_FIELDS[typeName];
  return Object.fromEntries(
    fields.map((field) => [field, shown.includes(field) ? allow : beyondOrigin(typeName)]),
  );
}

/**
 * Every field of the catalog subgraph has a rule here; a test fails when one is missing.
 * Catalog reads are open to anonymous callers by contract (PUBLIC items): what each caller may
 * see is decided by services/catalog-visibility.ts in every resolver that returns items or
 * versions, so `allow` on a read means "visibility is applied by the resolver".
 */
export const permissions: IRules = {
  Query: {
    catalog: allow,
    catalogItem: allow,
    catalogReviewQueue: orgRoleByArgument(ORG_ADMINS, 'organizationId'),
    _entities: allow, // each __resolveReference applies the root query's visibility
    _service: allow,
  },
  Mutation: {
    publishDesign: canPublishDesign,
    reviewCatalogVersion: publisherAdmin('version', 'versionId'),
    withdrawCatalogItem: publisherAdmin('item', 'id'),
    // The workspace subgraph checks the EDITOR role in the target workspace when it creates the design.
    cloneCatalogItem: and(isAuthenticated, canSeeItemByArgument('catalogItemId')),
    addCatalogFeedback: and(isSignedInUser, canSeeItemByArgument('catalogItemId')),
  },
  Organization: { id: allow, catalogItems: allow },
  Design: { id: allow, clonedFrom: allow },
  User: { id: allow },
  CatalogItem: originGuarded('CatalogItem', [
    'id',
    'slug',
    'name',
    'summary',
    'category',
    'tags',
    'publisher',
    'visibility',
    'latestVersion',
    'versions',
    'cloneCount',
    'rating',
    'feedback',
    'derivedFrom',
    'derivatives',
    'createdAt',
    'updatedAt',
  ]),
  // sourceDesign is null unless the caller is a member of the publisher.
  CatalogItemVersion: originGuarded('CatalogItemVersion', [
    'id',
    'item',
    'version',
    'content',
    'changelog',
    'status',
    'sourceDesign',
    'publishedBy',
    'reviewedBy',
    'reviewComment',
    'createdAt',
  ]),
  CatalogItemConnection: { nodes: allow, totalCount: allow, pageInfo: allow },
  CatalogFeedback: { id: allow, author: allow, rating: allow, comment: allow, createdAt: allow },
  CatalogFeedbackConnection: { nodes: allow, totalCount: allow, pageInfo: allow },
  PageInfo: { hasNextPage: allow, endCursor: allow },
  _Service: { sdl: allow },
};
