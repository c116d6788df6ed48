import type { Viewer } from '@controlplane/auth';
import { byKey, groupByKey } from '@controlplane/graphql-kit';
import type { SubgraphContext } from '@controlplane/subgraph';
import DataLoader from 'dataloader';
import type { CatalogRepositories } from './repositories';
import type { CatalogItemRecord, CatalogVersionRecord } from './repositories/catalog-item-repository';
import type { CloneRecord } from './repositories/clone-repository';
import type { CatalogService } from './services/catalog-service';
import type { CloneService } from './services/clone-service';
import type { FeedbackService } from './services/feedback-service';
import type { PublishService } from './services/publish-service';
import type { ReviewService } from './services/review-service';
import type { WorkspaceClient } from './clients/workspace-client';

export type CatalogServices = {
  catalog: CatalogService;
  publish: PublishService;
  review: ReviewService;
  clones: CloneService;
  feedback: FeedbackService;
};

export type CatalogLoaders = ReturnType<typeof createLoaders>;

export type CatalogContext = SubgraphContext & {
  repositories: CatalogRepositories;
  services: CatalogServices;
  loaders: CatalogLoaders;
};

/** What policy.ts needs of a request: who asks, and the request's loaders (each subject loaded once). */
export type PolicyContext = Pick<CatalogContext, 'viewer' | 'loaders'>;

/** Per-request batching: one query per kind of object or relation, however many the response holds. */
export function createLoaders(repositories: CatalogRepositories, workspace: WorkspaceClient, viewer: Viewer) {
  const { items, clones, feedback } = repositories;
  return {
    /** A design as the workspace subgraph shows it to this caller, with the caller's role (asked once per request). */
    designSource: workspace.designSourceLoader(viewer),
    item: new DataLoader<string, CatalogItemRecord | null>(async (ids) =>
      byKey(ids, await items.findByIds(ids), (item) => item.id),
    ),
    itemBySlug: new DataLoader<string, CatalogItemRecord | null>(async (slugs) =>
      byKey(slugs, await items.findBySlugs(slugs), (item) => item.slug),
    ),
    itemsOfPublisher: new DataLoader<string, CatalogItemRecord[]>(async (ids) =>
      groupByKey(ids, await items.findOfPublishers(ids), (item) => item.publisherOrganizationId),
    ),
    version: new DataLoader<string, CatalogVersionRecord | null>(async (ids) =>
      byKey(ids, await items.findVersionsByIds(ids), (v) => v.id),
    ),
    versionsOfItem: new DataLoader<string, CatalogVersionRecord[]>(async (ids) =>
      groupByKey(ids, await items.findVersionsOfItems(ids), (v) => v.itemId),
    ),
    derivativesOfItem: new DataLoader<string, CatalogItemRecord[]>(async (ids) =>
      groupByKey(ids, await items.findDerivativesOf(ids), (item) => item.derivedFromId),
    ),
    cloneOfDesign: new DataLoader<string, CloneRecord | null>(async (ids) =>
      byKey(ids, await clones.findCompletedByDesigns(ids), (clone) => clone.designId),
    ),
    ratingOfItem: new DataLoader<string, number | null>(async (ids) => {
      const averages = await feedback.averageRatings(ids);
      return ids.map((id) => averages.get(id) ?? null);
    }),
  };
}
