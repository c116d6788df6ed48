import type { Viewer } from '@controlplane/auth';
import { isWellFormedId, type Logger } from '@controlplane/graphql-kit';
import type { Request, Response, Router } from 'express';
import { atLeast, loadVisibleDesign, loadWorkspace, workspaceRoleOf } from './policy';
import type { WorkspaceContext } from './context';
import { designContentField } from './validation';

type ContextFor = (viewer: Viewer) => WorkspaceContext;

/**
 * Service-to-service endpoints for the catalog (behind the gateway-signature check), answered
 * with this subgraph's own visibility rules for the forwarded caller:
 * POST /internal/designs/source {designId} -> {design, role}: a design to publish, with the
 *   caller's workspace role (404 when the caller may not see it).
 * POST /internal/designs/clone {cloneKey, workspaceId, name, content, notAfter} -> {design: {id, organizationId}}:
 *   creates the design of a catalog clone, once per cloneKey (a retry returns the same design);
 *   404 when the caller may not see the workspace, 403 below EDITOR, 410 after `notAfter`.
 * POST /internal/designs/by-clone-key {cloneKeys} -> {designs: [{id, organizationId, cloneKey}]}: which clones
 *   produced a design (the catalog's reconciler asks after an interrupted clone).
 */
export function mountInternalRoutes(router: Router, deps: { contextFor: ContextFor; logger: Logger }): void {
  const handle =
    (work: (req: Request, context: WorkspaceContext) => Promise<{ status: number; body: unknown }>) =>
    async (req: Request, res: Response) => {
      try {
        const { status, body } = await work(req, deps.contextFor(res.locals.viewer as Viewer));
        res.status(status).json(body);
      } catch (error) {
        deps.logger.error({ err: error, path: req.path }, 'internal request failed');
        res.status(500).json({ error: 'internal error' });
      }
    };

  router.post(
    '/designs/source',
    handle(async (req, context) => {
      const design = await loadVisibleDesign((req.body as { designId?: unknown }).designId, context);
      const workspace = design === null ? null : await loadWorkspace(design.workspaceId, context);
      const role = workspace === null ? undefined : await workspaceRoleOf(workspace, context);
      if (design === null || role === undefined) return { status: 404, body: { error: 'not found' } };
      const { id, workspaceId, organizationId, name, content } = design;
      return { status: 200, body: { design: { id, workspaceId, organizationId, name, content }, role } };
    }),
  );

  router.post(
    '/designs/clone',
    handle(async (req, context) => {
      const { cloneKey, workspaceId, name, content, notAfter } = req.body as Record<string, unknown>;
      if (
        !isWellFormedId(cloneKey) ||
        typeof name !== 'string' ||
        typeof notAfter !== 'string' ||
        !designContentField.safeParse(content).success
      ) {
        return { status: 400, body: { error: 'cloneKey, name, notAfter and valid content are required' } };
      }
      // Past its deadline the catalog may already have failed this clone: never create it late.
      if (!(Date.parse(notAfter) > Date.now()))
        return { status: 410, body: { error: 'clone deadline passed' } };
      const workspace = await loadWorkspace(workspaceId, context);
      const role = workspace === null ? undefined : await workspaceRoleOf(workspace, context);
      if (workspace === null || role === undefined) return { status: 404, body: { error: 'not found' } };
      if (!atLeast(role, 'EDITOR')) return { status: 403, body: { error: 'forbidden' } };
      const design = await context.services.designs.createClone(context.viewer, workspace, {
        name,
        content: content as string,
        cloneKey,
      });
      return { status: 200, body: { design: { id: design.id, organizationId: design.organizationId } } };
    }),
  );

  router.post(
    '/designs/by-clone-key',
    handle(async (req, context) => {
      const keys = (req.body as { cloneKeys?: unknown }).cloneKeys;
      if (!Array.isArray(keys) || keys.length > 500)
        return { status: 400, body: { error: 'cloneKeys must be an array of at most 500 ids' } };
      const designs = await context.repositories.designs.findByCloneKeys(keys.filter(isWellFormedId));
      return { status: 200, body: { designs } };
    }),
  );
}
