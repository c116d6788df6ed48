import type { CatalogFeedback } from '../generated/prisma/client';
import type { CatalogDb } from './prisma';

export type FeedbackRecord = CatalogFeedback;

export function createFeedbackRepository(db: CatalogDb) {
  return {
    /** One feedback per user and item: a second call replaces the first. */
    upsert(data: {
      itemId: string;
      userId: string;
      rating: number;
      comment: string | null;
    }): Promise<FeedbackRecord> {
      return db.catalogFeedback.upsert({
        where: { itemId_userId: { itemId: data.itemId, userId: data.userId } },
        create: data,
        update: { rating: data.rating, comment: data.comment },
      });
    },

    async averageRatings(itemIds: readonly string[]): Promise<Map<string, number>> {
      const rows = await db.catalogFeedback.groupBy({
        by: ['itemId'],
        where: { itemId: { in: [...itemIds] } },
        _avg: { rating: true },
      });
      return new Map(
        rows.flatMap((row) => (row._avg.rating === null ? [] : [[row.itemId, row._avg.rating] as const])),
      );
    },

    findPage(itemId: string, take: number, after?: { at: Date; id: string }): Promise<FeedbackRecord[]> {
      return db.catalogFeedback.findMany({
        where: {
          itemId,
          ...(after === undefined
            ? {}
            : { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] }),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take,
      });
    },

    count(itemId: string): Promise<number> {
      return db.catalogFeedback.count({ where: { itemId } });
    },
  };
}

export type FeedbackRepository = ReturnType<typeof createFeedbackRepository>;
