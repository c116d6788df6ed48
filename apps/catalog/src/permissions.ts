import { allow, type IRules } from '@controlplane/auth';

/**
 * Every field of the catalog subgraph has a rule here; a test fails when one is missing.
 * Catalog reads are open to anonymous callers by contract (PUBLIC items); what each caller may
 * see is decided by one visibility rule (services/catalog-visibility.ts) in every resolver that
 * returns items, so `allow` here means "visibility is applied by the resolver".
 */
export const permissions: IRules = {
  Query: {
    catalog: allow,
    catalogItem: allow,
    _entities: allow, // each __resolveReference applies the root query's visibility
    _service: allow,
  },
  Organization: { id: allow, catalogItems: allow },
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
    createdAt: allow,
  },
  CatalogItemConnection: { nodes: allow, totalCount: allow, pageInfo: allow },
  PageInfo: { hasNextPage: allow, endCursor: allow },
  _Service: { sdl: allow },
};
