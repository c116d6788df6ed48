import { byKey, groupByKey, type SubgraphContext } from '@controlplane/graphql-kit';
import DataLoader from 'dataloader';
import type { CatalogItemRecord, CatalogItemRepository, CatalogVersionRecord } from './repositories/catalog-item-repository';
import type { CatalogService } from './services/catalog-service';

export type CatalogRepositories = { items: CatalogItemRepository };
export type CatalogServices = { catalog: CatalogService };

export type CatalogContext = SubgraphContext & {
  repositories: CatalogRepositories;
  services: CatalogServices;
  loaders: ReturnType<typeof createLoaders>;
};

export function createLoaders(repositories: CatalogRepositories) {
  return {
    item: new DataLoader<string, CatalogItemRecord | null>(async (ids) =>
      byKey(ids, await repositories.items.findByIds(ids), (item) => item.id),
    ),
    version: new DataLoader<string, CatalogVersionRecord | null>(async (ids) =>
      byKey(ids, await repositories.items.findVersionsByIds(ids), (version) => version.id),
    ),
    versionsOfItem: new DataLoader<string, CatalogVersionRecord[]>(async (ids) =>
      groupByKey(ids, await repositories.items.findVersionsOfItems(ids), (version) => version.itemId),
    ),
  };
}
