import { byKey, type SubgraphContext } from '@controlplane/graphql-kit';
import DataLoader from 'dataloader';
import type { WorkspaceRecord, WorkspaceRepository } from './repositories/workspace-repository';
import type { WorkspaceService } from './services/workspace-service';

export type WorkspaceRepositories = { workspaces: WorkspaceRepository };
export type WorkspaceServices = { workspaces: WorkspaceService };

export type WorkspaceContext = SubgraphContext & {
  repositories: WorkspaceRepositories;
  services: WorkspaceServices;
  loaders: ReturnType<typeof createLoaders>;
};

export function createLoaders(repositories: WorkspaceRepositories) {
  return {
    workspace: new DataLoader<string, WorkspaceRecord | null>(async (ids) =>
      byKey(ids, await repositories.workspaces.findLiveByIds(ids), (workspace) => workspace.id),
    ),
  };
}
