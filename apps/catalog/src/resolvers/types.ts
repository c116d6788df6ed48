import { DateTimeScalar } from '@controlplane/graphql-kit';
import type { CatalogContext } from '../context';
import type { CatalogItemRecord, CatalogVersionRecord } from '../repositories/catalog-item-repository';
import type { FeedbackRecord } from '../repositories/feedback-repository';
import {
  cloneOrigin,
  itemOfVersion,
  loadVisibleItem,
  loadVisibleVersion,
  visibleDerivativesOf,
  visibleItemsOfPublisher,
  visibleSourceDesign,
  visibleVersionsOf,
} from '../policy';
import { latestPublished, sortNewestFirst } from '../domain/semver';

type Ctx = CatalogContext;

const userRef = (id: string | null) => (id === null ? null : { id });

export const typeResolvers = {
  DateTime: DateTimeScalar,

  Organization: {
    /** Identity decides who sees an organization; this subgraph only adds its visible items. */
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
    catalogItems: (organization: { id: string }, _: unknown, context: Ctx) =>
      visibleItemsOfPublisher(organization.id, context),
  },

  Design: {
    /** Workspace decides who sees a design; this subgraph only knows which version it was cloned from. */
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
    /**
     * A clone keeps its origin even after the item is withdrawn or its reader left the publisher:
     * then it shows only where it came from (policy.ts, cloneOrigin).
     */
    clonedFrom: async (design: { id: string }, _: unknown, context: Ctx) => {
      const clone = await context.loaders.cloneOfDesign.load(design.id);
      return clone === null ? null : cloneOrigin(clone.versionId, context);
    },
  },

  CatalogItem: {
    __resolveReference: (reference: { id: string }, context: Ctx) => loadVisibleItem(reference.id, context),
    publisher: (item: CatalogItemRecord) => ({ id: item.publisherOrganizationId }),
    latestVersion: async (item: CatalogItemRecord, _: unknown, context: Ctx) =>
      latestPublished(await context.loaders.versionsOfItem.load(item.id)) ?? null,
    /** Published versions for everyone who sees the item; every version for the publisher's members. */
    versions: async (item: CatalogItemRecord, _: unknown, context: Ctx) =>
      sortNewestFirst(await visibleVersionsOf(item, context)),
    rating: (item: CatalogItemRecord, _: unknown, context: Ctx) => context.loaders.ratingOfItem.load(item.id),
    feedback: (
      item: CatalogItemRecord,
      args: { first?: number | null; after?: string | null },
      context: Ctx,
    ) => context.services.feedback.list(item.id, args),
    derivedFrom: (item: CatalogItemRecord, _: unknown, context: Ctx) =>
      item.derivedFromId === null ? null : loadVisibleItem(item.derivedFromId, context),
    derivatives: (item: CatalogItemRecord, _: unknown, context: Ctx) => visibleDerivativesOf(item, context),
  },

  CatalogItemVersion: {
    __resolveReference: (reference: { id: string }, context: Ctx) =>
      loadVisibleVersion(reference.id, context),
    item: (version: CatalogVersionRecord, _: unknown, context: Ctx) => itemOfVersion(version, context),
    sourceDesign: (version: CatalogVersionRecord, _: unknown, context: Ctx) =>
      visibleSourceDesign(version, context),
    publishedBy: (version: CatalogVersionRecord) => userRef(version.publishedById),
    reviewedBy: (version: CatalogVersionRecord) => userRef(version.reviewedById),
  },

  CatalogFeedback: {
    author: (feedback: FeedbackRecord) => userRef(feedback.userId),
  },
};
