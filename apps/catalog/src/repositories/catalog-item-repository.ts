import type { Prisma } from '../generated/prisma/client';
import type { CatalogPrisma } from './prisma';

export type CatalogItemRecord = {
  id: string;
  slug: string;
  name: string;
  summary: string | null;
  category: string | null;
  tags: string[];
  publisherOrganizationId: string;
  visibility: 'ORGANIZATION' | 'PUBLIC';
  cloneCount: number;
  derivedFromId: string | null;
  publishedAt: Date | null;
  withdrawnAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export type CatalogVersionRecord = {
  id: string;
  itemId: string;
  version: string;
  content: string;
  changelog: string | null;
  status: 'PENDING_REVIEW' | 'PUBLISHED' | 'REJECTED' | 'WITHDRAWN';
  sourceDesignId: string | null;
  publishedById: string | null;
  reviewedById: string | null;
  reviewComment: string | null;
  createdAt: Date;
};

export type CatalogItemWhere = Prisma.CatalogItemWhereInput;

export function createCatalogItemRepository(prisma: CatalogPrisma) {
  return {
    findByIds(ids: readonly string[]): Promise<CatalogItemRecord[]> {
      return prisma.catalogItem.findMany({ where: { id: { in: [...ids] } } });
    },

    findBySlug(slug: string): Promise<CatalogItemRecord | null> {
      return prisma.catalogItem.findUnique({ where: { slug } });
    },

    /** One page, newest first, keyset-paginated on (createdAt, id); `take` includes a look-ahead row. */
    findPage(where: CatalogItemWhere, take: number, after?: { at: Date; id: string }): Promise<CatalogItemRecord[]> {
      const afterWhere: CatalogItemWhere | undefined =
        after === undefined
          ? undefined
          : { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] };
      return prisma.catalogItem.findMany({
        where: afterWhere === undefined ? where : { AND: [where, afterWhere] },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take,
      });
    },

    count(where: CatalogItemWhere): Promise<number> {
      return prisma.catalogItem.count({ where });
    },

    findMany(where: CatalogItemWhere): Promise<CatalogItemRecord[]> {
      return prisma.catalogItem.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    },

    findVersionsOfItems(itemIds: readonly string[]): Promise<CatalogVersionRecord[]> {
      return prisma.catalogItemVersion.findMany({
        where: { itemId: { in: [...itemIds] } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      });
    },

    findVersionsByIds(ids: readonly string[]): Promise<CatalogVersionRecord[]> {
      return prisma.catalogItemVersion.findMany({ where: { id: { in: [...ids] } } });
    },
  };
}

export type CatalogItemRepository = ReturnType<typeof createCatalogItemRepository>;
