import { badUserInput, notFound } from '@controlplane/errors';
import { DateTimeScalar, isWellFormedId } from '@controlplane/graphql-kit';
import type { CatalogContext } from '../context';
import type { CatalogItemRecord, CatalogVersionRecord } from '../repositories/catalog-item-repository';
import type { CatalogFilter } from '../services/catalog-service';

/** An item the caller may see, or null: the one visibility rule for reads and references. */
async function loadVisibleItem(id: string, context: CatalogContext): Promise<CatalogItemRecord | null> {
  if (!isWellFormedId(id)) return null;
  const item = await context.loaders.item.load(id);
  return item !== null && context.services.catalog.canSeeItem(context.viewer, item) ? item : null;
}

/** Published versions for everyone who sees the item; every version for the publisher's members. */
async function visibleVersions(item: CatalogItemRecord, context: CatalogContext): Promise<CatalogVersionRecord[]> {
  const versions = await context.loaders.versionsOfItem.load(item.id);
  if (context.viewer.isMemberOf(item.publisherOrganizationId)) return versions;
  return versions.filter((version) => version.status === 'PUBLISHED');
}

export const resolvers = {
  DateTime: DateTimeScalar,

  Query: {
    catalog(_: unknown, args: { filter?: CatalogFilter | null; first?: number | null; after?: string | null }, context: CatalogContext) {
      return context.services.catalog.list(context.viewer, args);
    },

    async catalogItem(_: unknown, args: { id?: string | null; slug?: string | null }, context: CatalogContext) {
      const hasId = args.id !== undefined && args.id !== null;
      const hasSlug = args.slug !== undefined && args.slug !== null;
      if (hasId === hasSlug) throw badUserInput('id', 'give exactly one of id and slug');
      const item = hasId
        ? await loadVisibleItem(args.id as string, context)
        : await context.repositories.items.findBySlug(args.slug as string);
      if (item === null || !context.services.catalog.canSeeItem(context.viewer, item)) throw notFound('CatalogItem');
      return item;
    },
  },

  Organization: {
    /** Organizations are reachable here only through visible items or the caller's own memberships. */
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
    catalogItems: (organization: { id: string }, _: unknown, context: CatalogContext) =>
      context.services.catalog.listOfPublisher(context.viewer, organization.id),
  },

  CatalogItem: {
    __resolveReference: (reference: { id: string }, context: CatalogContext) => loadVisibleItem(reference.id, context),
    publisher: (item: CatalogItemRecord) => ({ id: item.publisherOrganizationId }),
    latestVersion: async (item: CatalogItemRecord, _: unknown, context: CatalogContext) => {
      const versions = await context.loaders.versionsOfItem.load(item.id);
      return versions.find((version) => version.status === 'PUBLISHED') ?? null;
    },
    versions: (item: CatalogItemRecord, _: unknown, context: CatalogContext) => visibleVersions(item, context),
  },

  CatalogItemVersion: {
    __resolveReference: async (reference: { id: string }, context: CatalogContext) => {
      if (!isWellFormedId(reference.id)) return null;
      const version = await context.loaders.version.load(reference.id);
      if (version === null) return null;
      const item = await loadVisibleItem(version.itemId, context);
      if (item === null) return null;
      return (await visibleVersions(item, context)).some((visible) => visible.id === version.id) ? version : null;
    },
    item: (version: CatalogVersionRecord, _: unknown, context: CatalogContext) => context.loaders.item.load(version.itemId),
  },
};
