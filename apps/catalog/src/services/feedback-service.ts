import { loadPage, type Page, type PageArgs } from '@controlplane/graphql-kit';
import { createAudited } from '@controlplane/audit';
import type { Viewer } from '@controlplane/auth';
import type { CatalogRepositories, Transact } from '../repositories';
import type { CatalogItemRecord } from '../repositories/catalog-item-repository';
import type { FeedbackRecord } from '../repositories/feedback-repository';
import { itemEvent } from './catalog-changes';

export function createFeedbackService(deps: { repositories: CatalogRepositories; transact: Transact }) {
  const { repositories } = deps;
  const audited = createAudited(deps.transact);
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
      const feedback = { itemId: item.id, userId: authorId, rating: input.rating, comment: input.comment };
      return audited(
        viewer,
        (repos) => repos.feedback.upsert(feedback),
        () => itemEvent(item, 'catalog.feedback.add', { rating: input.rating }),
      );
    },

    /** One page of an item's feedback, newest first. */
    list(itemId: string, args: PageArgs): Promise<Page<FeedbackRecord>> {
      return loadPage(args, 20, {
        rows: ({ take, after }) => repositories.feedback.findPage(itemId, take, after),
        count: () => repositories.feedback.count(itemId),
        cursorOf: (row) => ({ at: row.createdAt, id: row.id }),
      });
    },
  };
}

export type FeedbackService = ReturnType<typeof createFeedbackService>;
