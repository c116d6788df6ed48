import type { CatalogItem, CatalogItemVersion, Prisma } from '../generated/prisma/client';
import type { CatalogVersionStatus, CatalogVisibility } from '../generated/prisma/enums';
import type { CatalogDb } from './prisma';

/** Rows as Prisma reads them (prisma/catalog/schema.prisma), enums included. */
export type CatalogItemRecord = CatalogItem;
export type CatalogVersionRecord = CatalogItemVersion;
export type { CatalogVersionStatus, CatalogVisibility };

export type CatalogItemWhere = Prisma.CatalogItemWhereInput;

export function createCatalogItemRepository(db: CatalogDb) {
  return {
    findByIds(ids: readonly string[]): Promise<CatalogItemRecord[]> {
      return db.catalogItem.findMany({ where: { id: { in: [...ids] } } });
    },

    findBySlugs(slugs: readonly string[]): Promise<CatalogItemRecord[]> {
      return db.catalogItem.findMany({ where: { slug: { in: [...slugs] } } });
    },

    /** Items of several publishers, newest first. */
    findOfPublishers(organizationIds: readonly string[]): Promise<CatalogItemRecord[]> {
      return db.catalogItem.findMany({
        where: { publisherOrganizationId: { in: [...organizationIds] } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      });
    },

    /** One page, newest first, keyset-paginated on (createdAt, id); `take` includes a look-ahead row. */
    findPage(
      where: CatalogItemWhere,
      take: number,
      after?: { at: Date; id: string },
    ): Promise<CatalogItemRecord[]> {
      const afterWhere: CatalogItemWhere | undefined =
        after === undefined
          ? undefined
          : { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] };
      return db.catalogItem.findMany({
        where: afterWhere === undefined ? where : { AND: [where, afterWhere] },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take,
      });
    },

    count(where: CatalogItemWhere): Promise<number> {
      return db.catalogItem.count({ where });
    },

    findMany(where: CatalogItemWhere): Promise<CatalogItemRecord[]> {
      return db.catalogItem.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    },

    findVersionsOfItems(itemIds: readonly string[]): Promise<CatalogVersionRecord[]> {
      return db.catalogItemVersion.findMany({
        where: { itemId: { in: [...itemIds] } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      });
    },

    findVersionsByIds(ids: readonly string[]): Promise<CatalogVersionRecord[]> {
      return db.catalogItemVersion.findMany({ where: { id: { in: [...ids] } } });
    },

    slugExists(slug: string): Promise<boolean> {
      return db.catalogItem.count({ where: { slug } }).then((count) => count > 0);
    },

    createItem(data: {
      slug: string;
      name: string;
      summary: string | null;
      category: string | null;
      tags: string[];
      publisherOrganizationId: string;
      visibility: CatalogVisibility;
      derivedFromId: string | null;
    }): Promise<CatalogItemRecord> {
      return db.catalogItem.create({ data });
    },

    createVersion(data: {
      itemId: string;
      version: string;
      content: string;
      changelog: string | null;
      status: Extract<CatalogVersionStatus, 'PENDING_REVIEW' | 'PUBLISHED'>;
      sourceDesignId: string;
      publishedById: string | null;
    }): Promise<CatalogVersionRecord> {
      return db.catalogItemVersion.create({ data });
    },

    /**
     * Marks a live item as having a published version (the first time) and as changed; false
     * when it was withdrawn. The update locks the row, so a concurrent withdrawal either comes
     * first (and this answers false) or waits for this transaction.
     */
    async markPublished(itemId: string): Promise<boolean> {
      const { count } = await db.catalogItem.updateMany({
        where: { id: itemId, withdrawnAt: null },
        data: { updatedAt: new Date() },
      });
      if (count === 0) return false;
      await db.catalogItem.updateMany({
        where: { id: itemId, publishedAt: null },
        data: { publishedAt: new Date() },
      });
      return true;
    },

    /** Sets a version's review outcome, only if it is still pending; null when it was not. */
    async decide(
      versionId: string,
      decision: {
        status: Extract<CatalogVersionStatus, 'PUBLISHED' | 'REJECTED'>;
        reviewedById: string | null;
        reviewComment: string | null;
      },
    ): Promise<CatalogVersionRecord | null> {
      const { count } = await db.catalogItemVersion.updateMany({
        where: { id: versionId, status: 'PENDING_REVIEW' },
        data: decision,
      });
      return count === 1 ? db.catalogItemVersion.findUniqueOrThrow({ where: { id: versionId } }) : null;
    },

    async withdraw(itemId: string): Promise<CatalogItemRecord> {
      await db.catalogItemVersion.updateMany({
        where: { itemId, status: { in: ['PUBLISHED', 'PENDING_REVIEW'] } },
        data: { status: 'WITHDRAWN' },
      });
      return db.catalogItem.update({ where: { id: itemId }, data: { withdrawnAt: new Date() } });
    },

    async incrementCloneCount(itemId: string): Promise<void> {
      await db.catalogItem.update({ where: { id: itemId }, data: { cloneCount: { increment: 1 } } });
    },

    findPendingOfPublisher(publisherOrganizationId: string): Promise<CatalogVersionRecord[]> {
      return db.catalogItemVersion.findMany({
        where: { status: 'PENDING_REVIEW', item: { publisherOrganizationId, withdrawnAt: null } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
    },

    findDerivativesOf(itemIds: readonly string[]): Promise<CatalogItemRecord[]> {
      return db.catalogItem.findMany({
        where: { derivedFromId: { in: [...itemIds] } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      });
    },
  };
}

export type CatalogItemRepository = ReturnType<typeof createCatalogItemRepository>;
