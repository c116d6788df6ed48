import { DateTimeScalar } from '@controlplane/graphql-kit';
import type { CatalogContext } from '../context';
import type { CatalogItemRecord, CatalogVersionRecord } from '../repositories/catalog-item-repository';
import type { FeedbackRecord } from '../repositories/feedback-repository';
import { loadItem, loadVersion } from '../rules';
import { canSeeItem, canSeeVersion } from '../services/catalog-visibility';
import { sortNewestFirst } from '../services/semver';

type Ctx = CatalogContext;

const userRef = (id: string | null) => (id === null ? null : { id });

/** Published versions for everyone who sees the item; every version for the publisher's members. */
async function visibleVersions(item: CatalogItemRecord, context: Ctx): Promise<CatalogVersionRecord[]> {
  const versions = await context.loaders.versionsOfItem.load(item.id);
  return sortNewestFirst(versions.filter((version) => canSeeVersion(context.viewer, item, version)));
}

async function visibleItem(id: unknown, context: Ctx): Promise<CatalogItemRecord | null> {
  const item = await loadItem(id, context);
  return item !== null && canSeeItem(context.viewer, item) ? item : null;
}

export const typeResolvers = {
  DateTime: DateTimeScalar,

  Organization: {
    /** Identity decides who sees an organization; this subgraph only adds its visible items. */
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
    catalogItems: (organization: { id: string }, _: unknown, context: Ctx) =>
      context.services.catalog.listOfPublisher(context.viewer, organization.id),
  },

  Design: {
    /** Workspace decides who sees a design; this subgraph only knows which version it was cloned from. */
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
    /** A clone keeps its origin even after the item is withdrawn: the clone's readers may see where it came from. */
    clonedFrom: async (design: { id: string }, _: unknown, context: Ctx) => {
      const clone = await context.loaders.cloneOfDesign.load(design.id);
      return clone === null ? null : context.loaders.version.load(clone.versionId);
    },
  },

  CatalogItem: {
    __resolveReference: (reference: { id: string }, context: Ctx) => visibleItem(reference.id, context),
    publisher: (item: CatalogItemRecord) => ({ id: item.publisherOrganizationId }),
    latestVersion: async (item: CatalogItemRecord, _: unknown, context: Ctx) =>
      context.services.catalog.latestPublished(await context.loaders.versionsOfItem.load(item.id)) ?? null,
    versions: (item: CatalogItemRecord, _: unknown, context: Ctx) => visibleVersions(item, context),
    rating: (item: CatalogItemRecord, _: unknown, context: Ctx) => context.loaders.ratingOfItem.load(item.id),
    feedback: (item: CatalogItemRecord, args: { first?: number | null; after?: string | null }, context: Ctx) =>
      context.services.feedback.page(item.id, args),
    derivedFrom: (item: CatalogItemRecord, _: unknown, context: Ctx) => (item.derivedFromId === null ? null : visibleItem(item.derivedFromId, context)),
    derivatives: async (item: CatalogItemRecord, _: unknown, context: Ctx) =>
      (await context.loaders.derivativesOfItem.load(item.id)).filter((derivative) => canSeeItem(context.viewer, derivative) && derivative.withdrawnAt === null),
  },

  CatalogItemVersion: {
    __resolveReference: async (reference: { id: string }, context: Ctx) => {
      const version = await loadVersion(reference.id, context);
      const item = version === null ? null : await loadItem(version.itemId, context);
      return version !== null && item !== null && canSeeVersion(context.viewer, item, version) ? version : null;
    },
    item: (version: CatalogVersionRecord, _: unknown, context: Ctx) => context.loaders.item.load(version.itemId),
    sourceDesign: async (version: CatalogVersionRecord, _: unknown, context: Ctx) => {
      const item = await context.loaders.item.load(version.itemId);
      return item !== null && version.sourceDesignId !== null && context.viewer.isMemberOf(item.publisherOrganizationId) ? { id: version.sourceDesignId } : null;
    },
    publishedBy: (version: CatalogVersionRecord) => userRef(version.publishedById),
    reviewedBy: (version: CatalogVersionRecord) => userRef(version.reviewedById),
  },

  CatalogFeedback: {
    author: (feedback: FeedbackRecord) => userRef(feedback.userId),
  },
};
