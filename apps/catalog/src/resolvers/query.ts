import { badUserInput, notFound } from '@controlplane/errors';
import { parseInput, SLUG_PATTERN } from '@controlplane/graphql-kit';
import { catalogFilterInput } from '../validation';
import type { CatalogContext } from '../context';
import type { CatalogFilter } from '../validation';
import { canSeeItem, loadItem } from '../policy';

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

  async catalogItem(_: unknown, args: { id?: string | null; slug?: string | null }, context: CatalogContext) {
    const hasId = args.id !== undefined && args.id !== null;
    const hasSlug = args.slug !== undefined && args.slug !== null;
    if (hasId === hasSlug) throw badUserInput('id', 'give exactly one of id and slug');
    const slug = args.slug as string;
    const item = hasId
      ? await loadItem(args.id, context)
      : SLUG_PATTERN.test(slug)
        ? await context.repositories.items.findBySlug(slug)
        : null;
    if (item === null || !canSeeItem(context.viewer, item)) throw notFound('CatalogItem');
    return item;
  },

  catalogReviewQueue(_: unknown, args: { organizationId: string }, context: CatalogContext) {
    return context.services.review.queue(args.organizationId);
  },
};
