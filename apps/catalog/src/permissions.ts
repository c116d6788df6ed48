import { ORG_ADMINS, allow, and, isAuthenticated, isSignedInUser, orgRoleByArgument, type IRules } from '@controlplane/auth';
import { canPublishDesign, canSeeItemByArgument, publisherAdmin } from './rules';

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
  CatalogItem: {
    id: allow,
    slug: allow,
    name: allow,
    summary: allow,
    category: allow,
    tags: allow,
    publisher: allow,
    visibility: allow,
    latestVersion: allow,
    versions: allow,
    cloneCount: allow,
    rating: allow,
    feedback: allow,
    derivedFrom: allow,
    derivatives: allow,
    createdAt: allow,
    updatedAt: allow,
  },
  CatalogItemVersion: {
    id: allow,
    item: allow,
    version: allow,
    content: allow,
    changelog: allow,
    status: allow,
    sourceDesign: allow, // null unless the caller is a member of the publisher
    publishedBy: allow,
    reviewedBy: allow,
    reviewComment: allow,
    createdAt: allow,
  },
  CatalogItemConnection: { nodes: allow, totalCount: allow, pageInfo: allow },
  CatalogFeedback: { id: allow, author: allow, rating: allow, comment: allow, createdAt: allow },
  CatalogFeedbackConnection: { nodes: allow, totalCount: allow, pageInfo: allow },
  PageInfo: { hasNextPage: allow, endCursor: allow },
  _Service: { sdl: allow },
};
