import { badUserInput } from '@controlplane/errors';
import { parseInput } from '@controlplane/graphql-kit';
import { requireVisibleItem, requireVisibleItemWithSlug } from '../policy';
import { catalogFilterInput } from '../validation';
import type { QueryResolvers } from './schema-types.generated';

export const Query = {
  catalog: (_parent, args, context) =>
    context.services.catalog.list(context.viewer, {
      ...args,
      filter: parseInput(catalogFilterInput, args.filter ?? {}, 'filter'),
    }),

  catalogItem: (_parent, { id, slug }, context) => {
    if ((id === undefined || id === null) === (slug === undefined || slug === null))
      throw badUserInput('id', 'give exactly one of id and slug');
    return typeof slug === 'string'
      ? requireVisibleItemWithSlug(slug, context)
      : requireVisibleItem(id, context);
  },

  /** The shield rule let only the organization's OWNER or ADMIN through (policy.ts, requireReviewerOf). */
  catalogReviewQueue: (_parent, args, context) => context.services.review.queue(args.organizationId),
} satisfies QueryResolvers;
