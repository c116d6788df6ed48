import { badUserInput } from '@controlplane/errors';
import { parseInput } from '@controlplane/graphql-kit';
import { catalogFilterInput, type CatalogFilter } from '../validation';
import type { CatalogContext } from '../context';
import { requireVisibleItem, requireVisibleItemWithSlug } from '../policy';

export const Query = {
  catalog(
    _: unknown,
    args: { filter?: CatalogFilter | null; first?: number | null; after?: string | null },
    context: CatalogContext,
  ) {
    return context.services.catalog.list(context.viewer, {
      ...args,
      filter: parseInput(catalogFilterInput, args.filter ?? {}, 'filter'),
    });
  },

  catalogItem(_: unknown, args: { id?: string | null; slug?: string | null }, context: CatalogContext) {
    const { id, slug } = args;
    if ((id === undefined || id === null) === (slug === undefined || slug === null))
      throw badUserInput('id', 'give exactly one of id and slug');
    return typeof slug === 'string'
      ? requireVisibleItemWithSlug(slug, context)
      : requireVisibleItem(id, context);
  },

  /** The shield rule let only the organization's OWNER or ADMIN through (policy.ts, requireReviewerOf). */
  catalogReviewQueue(_: unknown, args: { organizationId: string }, context: CatalogContext) {
    return context.services.review.queue(args.organizationId);
  },
};
