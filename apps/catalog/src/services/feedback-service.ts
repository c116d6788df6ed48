import { decodeCursor, pageSize, toPage, type Page } from '@controlplane/graphql-kit';
import type { Viewer } from '@controlplane/auth';
import type { CatalogRepositories, Transact } from '../repositories';
import type { CatalogItemRecord } from '../repositories/catalog-item-repository';
import type { FeedbackRecord } from '../repositories/feedback-repository';

export function createFeedbackService(deps: { repositories: CatalogRepositories; transact: Transact }) {
  const { repositories, transact } = deps;
  return {
    /**
     * One feedback per user and item; adding it again updates it. Audited in the publisher's trail.
     * `target` is what the policy allowed: a visible item and its signed-in author.
     */
    add(
      viewer: Viewer,
      target: { item: CatalogItemRecord; authorId: string },
      input: { rating: number; comment: string | null },
    ): Promise<FeedbackRecord> {
      const { item, authorId } = target;
      return transact(async (repos) => {
        const feedback = await repos.feedback.upsert({
          itemId: item.id,
          userId: authorId,
          rating: input.rating,
          comment: input.comment,
        });
        await repos.audit.record(viewer, {
          organizationId: item.publisherOrganizationId,
          action: 'catalog.feedback.add',
          targetType: 'CatalogItem',
          targetId: item.id,
          metadata: { rating: input.rating },
        });
        return feedback;
      });
    },

    /** One page of an item's feedback, newest first. */
    async list(
      itemId: string,
      args: { first?: number | null; after?: string | null },
    ): Promise<Page<FeedbackRecord>> {
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
