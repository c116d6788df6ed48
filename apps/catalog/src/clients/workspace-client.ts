import type { Viewer } from '@controlplane/auth';
import {
  MAX_DESIGN_SOURCES,
  workspaceApi,
  type OnBehalfOf,
  type ParsedResponseOf,
  type ServiceCaller,
} from '@controlplane/internal-api';
import DataLoader from 'dataloader';

/** A design to publish with the end user's role in its workspace. */
type SourceWithRole = ParsedResponseOf<typeof workspaceApi.designSources>['sources'][number];

/** A design to publish, as the workspace shows it to the end user. */
export type DesignSource = SourceWithRole['design'];

/** A design the workspace made for a clone. */
export type MadeDesign = { id: string; organizationId: string };

/** The workspace subgraph's answers, as the catalog needs them (designs live there). */
export function createWorkspaceClient(internalApi: ServiceCaller) {
  return {
    /**
     * For the request of `viewer`: a design with the user's workspace role, or null when the user
     * may not see it. The designs one request asks about go to the workspace in one call.
     */
    designSourceLoader(viewer: Viewer): DataLoader<string, SourceWithRole | null> {
      return new DataLoader(
        async (designIds) => {
          const { sources } = await internalApi.call(
            workspaceApi.designSources,
            { designIds: [...designIds] },
            viewer,
          );
          const byId = new Map(sources.map((source) => [source.design.id, source]));
          return designIds.map((id) => byId.get(id) ?? null);
        },
        { maxBatchSize: MAX_DESIGN_SOURCES },
      );
    },

    /** Creates (once per clone key) the design of a clone; the workspace checks the user is EDITOR. */
    async createCloneDesign(
      viewer: Viewer,
      request: { cloneKey: string; workspaceId: string; name: string; content: string; notAfter: string },
    ): Promise<
      { outcome: 'created'; design: MadeDesign } | { outcome: 'not-found' | 'forbidden' | 'expired' }
    > {
      const answer = await internalApi.ask(workspaceApi.cloneDesign, request, viewer);
      if (answer.ok) return { outcome: 'created', design: answer.value.design };
      switch (answer.refusal) {
        case 'workspaceNotFound':
          return { outcome: 'not-found' };
        case 'forbidden':
          return { outcome: 'forbidden' };
        case 'expired':
          return { outcome: 'expired' };
        case 'unreadableContent':
          throw new Error('workspace refused the content of a published version');
      }
    },

    /** The designs made for these clone keys, by key (the reconciler asks, on its own account). */
    async designsByCloneKeys(on: OnBehalfOf, cloneKeys: string[]): Promise<Map<string, MadeDesign>> {
      const { designs } = await internalApi.call(workspaceApi.designsByCloneKey, { cloneKeys }, on);
      return new Map(designs.map(({ cloneKey, ...design }) => [cloneKey, design]));
    },
  };
}

export type WorkspaceClient = ReturnType<typeof createWorkspaceClient>;
