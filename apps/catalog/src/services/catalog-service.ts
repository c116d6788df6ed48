import type { Viewer } from '@controlplane/auth';
import { isWellFormedId, loadPage, type Page } from '@controlplane/graphql-kit';
import type { CatalogRepositories } from '../repositories';
import type { CatalogItemRecord, CatalogItemWhere } from '../repositories/catalog-item-repository';
import { catalogListingWhere } from '../policy';
import type { CatalogFilter } from '../validation';

function filterWhere(filter: CatalogFilter | null | undefined): CatalogItemWhere[] {
  if (!filter) return [];
  const where: CatalogItemWhere[] = [];
  const search = filter.search?.trim();
  if (search) {
    where.push({
      OR: [
        { name: { contains: search, mode: 'insensitive' } },
        { summary: { contains: search, mode: 'insensitive' } },
        { tags: { has: search.toLowerCase() } },
      ],
    });
  }
  if (filter.tags && filter.tags.length > 0)
    where.push({ tags: { hasEvery: filter.tags.map((tag) => tag.toLowerCase()) } });
  if (filter.category) where.push({ category: { equals: filter.category, mode: 'insensitive' } });
  if (filter.publisherOrganizationId) {
    // An id that cannot exist matches nothing rather than failing.
    where.push({
      publisherOrganizationId: isWellFormedId(filter.publisherOrganizationId)
        ? filter.publisherOrganizationId
        : '00000000-0000-0000-0000-000000000000',
    });
  }
  if (filter.visibility) where.push({ visibility: filter.visibility });
  return where;
}

export function createCatalogService(deps: { repositories: CatalogRepositories }) {
  const { items } = deps.repositories;
  return {
    list(
      viewer: Viewer,
      args: { filter?: CatalogFilter | null; first?: number | null; after?: string | null },
    ): Promise<Page<CatalogItemRecord>> {
      const where: CatalogItemWhere = { AND: [catalogListingWhere(viewer), ...filterWhere(args.filter)] };
      return loadPage(args, 20, {
        rows: ({ take, after }) => items.findPage(where, take, after),
        count: () => items.count(where),
        cursorOf: (item) => ({ at: item.createdAt, id: item.id }),
      });
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
