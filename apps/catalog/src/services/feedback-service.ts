import { decodeCursor, pageSize, toPage, type Page } from '@controlplane/graphql-kit';
import type { CatalogRepositories } from '../repositories';
import type { FeedbackRecord } from '../repositories/feedback-repository';

export function createFeedbackService(deps: { repositories: CatalogRepositories }) {
  const { repositories } = deps;
  return {
    /** One feedback per user and item; giving it again updates it. */
    give(userId: string, input: { catalogItemId: string; rating: number; comment: string | null }): Promise<FeedbackRecord> {
      return repositories.feedback.upsert({ itemId: input.catalogItemId, userId, rating: input.rating, comment: input.comment });
    },

    async page(itemId: string, args: { first?: number | null; after?: string | null }): Promise<Page<FeedbackRecord>> {
      const size = pageSize(args.first, 20);
      const [rows, totalCount] = await Promise.all([
        repositories.feedback.findPage(itemId, size + 1, decodeCursor(args.after)),
        repositories.feedback.count(itemId),
      ]);
      return toPage(rows, size, totalCount, (row) => ({ at: row.createdAt, id: row.id }));
    },
  };
}

export type FeedbackService = ReturnType<typeof createFeedbackService>;
