import { parseInput } from '@controlplane/graphql-kit';
import {
  requireFeedbackTarget,
  requireItemToClone,
  requireItemToWithdraw,
  requirePublication,
  requireVersionToClone,
  requireVersionToReview,
} from '../policy';
import { cloneCatalogItemInput, feedbackInput, publishDesignInput, reviewCommentField } from '../validation';
import type { MutationResolvers } from './schema-types.generated';

/**
 * Each mutation parses its input, receives from policy.ts the records its shield rule was answered
 * with (the same answer: decided once per request), and hands them to a service.
 */
export const Mutation = {
  publishDesign: async (_parent, args, context) => {
    const input = parseInput(publishDesignInput, args.input, 'input');
    const target = await requirePublication(input, context);
    return context.services.publish.publish(context.viewer, input, target);
  },

  reviewCatalogVersion: async (_parent, args, context) => {
    const comment = parseInput(reviewCommentField, args.comment, 'comment');
    const subject = await requireVersionToReview(args.versionId, context);
    return context.services.review.review(context.viewer, subject, args.decision, comment);
  },

  withdrawCatalogItem: async (_parent, args, context) => {
    const item = await requireItemToWithdraw(args.id, context);
    const withdrawn = await context.services.review.withdraw(context.viewer, item);
    // A later mutation of this request (publishing to the item, say) sees the withdrawal.
    context.loaders.item.clear(withdrawn.id).prime(withdrawn.id, withdrawn);
    return withdrawn;
  },

  cloneCatalogItem: async (_parent, args, context) => {
    const input = parseInput(cloneCatalogItemInput, args.input, 'input');
    const item = await requireItemToClone(input.catalogItemId, context);
    const version = await requireVersionToClone(item, input.version, context);
    return context.services.clones.clone(context.viewer, item, version, {
      workspaceId: input.workspaceId,
      name: input.name,
    });
  },

  addCatalogFeedback: async (_parent, args, context) => {
    const input = parseInput(feedbackInput, args.input, 'input');
    const target = await requireFeedbackTarget(input.catalogItemId, context);
    return context.services.feedback.add(context.viewer, target, input);
  },
} satisfies MutationResolvers;
