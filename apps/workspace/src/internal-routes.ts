import type { Viewer } from '@controlplane/auth';
import { isWellFormedId } from '@controlplane/graphql-kit';
import { implement, refuse, workspaceApi, type InternalRoute } from '@controlplane/internal-api';
import { atLeast, loadVisibleDesign, loadWorkspace, workspaceRoleOf } from './policy';
import type { WorkspaceContext } from './context';
import { designContentField } from './validation';

/**
 * The service-to-service endpoints workspace serves for the catalog (their contracts: internal-api's
 * workspaceApi), answered with this subgraph's own visibility rules for the end user the catalog
 * acts for: `contextFor` gives each call the context a GraphQL request of that user would get.
 */
export function createInternalRoutes(deps: {
  contextFor: (viewer: Viewer) => WorkspaceContext;
}): InternalRoute[] {
  return [
    implement(workspaceApi.designSources, async ({ designIds }, { viewer }) => {
      const context = deps.contextFor(viewer);
      const sources = await Promise.all(
        designIds.map(async (designId) => {
          const design = await loadVisibleDesign(designId, context);
          const workspace = design === null ? null : await loadWorkspace(design.workspaceId, context);
          const role = workspace === null ? undefined : await workspaceRoleOf(workspace, context);
          if (design === null || role === undefined) return [];
          const { id, workspaceId, organizationId, name, content } = design;
          return [{ design: { id, workspaceId, organizationId, name, content }, role }];
        }),
      );
      return { sources: sources.flat() };
    }),

    implement(workspaceApi.cloneDesign, async (request, { viewer }) => {
      const content = designContentField.safeParse(request.content);
      if (!content.success) return refuse('unreadableContent');
      // Past its deadline the catalog may already have failed this clone: never create it late.
      if (!(Date.parse(request.notAfter) > Date.now())) return refuse('expired');
      const context = deps.contextFor(viewer);
      const workspace = await loadWorkspace(request.workspaceId, context);
      const role = workspace === null ? undefined : await workspaceRoleOf(workspace, context);
      if (workspace === null || role === undefined) return refuse('workspaceNotFound');
      if (!atLeast(role, 'EDITOR')) return refuse('forbidden');
      const design = await context.services.designs.createClone(context.viewer, workspace, {
        name: request.name,
        content: content.data,
        cloneKey: request.cloneKey,
      });
      return { design };
    }),

    implement(workspaceApi.designsByCloneKey, async ({ cloneKeys }, { viewer }) => {
      const context = deps.contextFor(viewer);
      const designs = await context.repositories.designs.findByCloneKeys(cloneKeys.filter(isWellFormedId));
      return {
        designs: designs.flatMap(({ id, organizationId, cloneKey }) =>
          cloneKey === null ? [] : [{ id, organizationId, cloneKey }],
        ),
      };
    }),
  ];
}
