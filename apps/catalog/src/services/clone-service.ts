import { randomUUID } from 'node:crypto';
import { auditEventsOn, createAudited } from '@controlplane/audit';
import { ANONYMOUS, Viewer } from '@controlplane/auth';
import { badUserInput, serviceUnavailable } from '@controlplane/errors';
import type { Logger } from '@controlplane/runtime';
import { cloneTargetRefusal } from '../policy';
import type { CatalogRepositories, Transact } from '../repositories';
import type { CatalogItemRecord, CatalogVersionRecord } from '../repositories/catalog-item-repository';
import type { CloneRecord } from '../repositories/clone-repository';
import type { MadeDesign, WorkspaceClient } from '../clients/workspace-client';

const ATTEMPTS = 3;
const designEvent = auditEventsOn('Design');

/**
 * cloneCatalogItem across two subgraphs, with cloneCount growing exactly once per successful clone:
 *
 * 1. The catalog records the clone as PENDING; its id is the idempotency key of the design.
 * 2. The workspace subgraph creates the design once per key (a retry, after a lost answer,
 *    returns the same design) and refuses to create it after the clone's deadline.
 * 3. The catalog moves the clone PENDING -> COMPLETED and increments cloneCount in one
 *    transaction; the move is conditional, so only one caller (request or reconciler) counts it.
 *
 * If the process dies or the network fails between 2 and 3, the reconciler asks the workspace
 * whether a design exists for the key: then it completes (and counts) the clone; past the
 * deadline without one, it fails it, and the workspace will no longer create it.
 */
export function createCloneService(deps: {
  repositories: CatalogRepositories;
  transact: Transact;
  workspace: WorkspaceClient;
  deadlineMs: number;
  logger: Logger;
}) {
  const { repositories, workspace, deadlineMs, logger } = deps;
  const audited = createAudited(deps.transact);

  /** Counts the clone and records its audit event (in the cloner's organization), only on the PENDING -> COMPLETED move. */
  async function complete(viewer: Viewer, clone: CloneRecord, design: MadeDesign): Promise<void> {
    await audited(
      viewer,
      async (repos) => {
        if (!(await repos.clones.complete(clone.id, design.id))) return false;
        await repos.items.incrementCloneCount(clone.itemId);
        return true;
      },
      (completed) =>
        completed
          ? designEvent(design, 'catalog.item.clone', {
              itemId: clone.itemId,
              versionId: clone.versionId,
              workspaceId: clone.workspaceId,
            })
          : null,
    );
  }

  async function requestDesign(viewer: Viewer, clone: CloneRecord, content: string) {
    const notAfter = new Date(clone.createdAt.getTime() + deadlineMs).toISOString();
    let lastError: unknown;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      try {
        return await workspace.createCloneDesign(viewer, {
          cloneKey: clone.id,
          workspaceId: clone.workspaceId,
          name: clone.designName,
          content,
          notAfter,
        });
      } catch (error) {
        lastError = error;
        logger.warn(
          { err: error, cloneId: clone.id, attempt },
          'clone design request failed; retrying with the same key',
        );
      }
    }
    throw lastError;
  }

  return {
    async clone(
      viewer: Viewer,
      item: CatalogItemRecord,
      version: CatalogVersionRecord,
      target: { workspaceId: string; name: string | undefined },
    ): Promise<{ id: string }> {
      if (version.status !== 'PUBLISHED')
        throw badUserInput('input.version', 'only a published version can be cloned');
      const clone = await repositories.clones.create({
        id: randomUUID(),
        itemId: item.id,
        versionId: version.id,
        workspaceId: target.workspaceId,
        designName: target.name ?? item.name,
        requestedById: viewer.userId ?? null,
      });
      let answer;
      try {
        answer = await requestDesign(viewer, clone, version.content);
      } catch {
        // Left PENDING: the reconciler completes it if the design was made, or fails it.
        throw serviceUnavailable('The clone could not be confirmed; it will be completed or undone shortly.');
      }
      if (answer.outcome !== 'created') {
        await repositories.clones.fail(clone.id);
        throw cloneTargetRefusal(answer.outcome);
      }
      await complete(viewer, clone, answer.design);
      return { id: answer.design.id };
    },

    /** Drives interrupted clones to COMPLETED or FAILED; returns how many it settled. */
    async reconcile(now = new Date()): Promise<number> {
      const pending = await repositories.clones.findPendingBefore(new Date(now.getTime() - 1000), 100);
      if (pending.length === 0) return 0;
      const reconciler = new Viewer(ANONYMOUS, 'clone-reconciler');
      const designs = await workspace.designsByCloneKeys(
        reconciler,
        pending.map((clone) => clone.id),
      );
      let settled = 0;
      for (const clone of pending) {
        const design = designs.get(clone.id);
        if (design !== undefined) {
          await complete(reconciler, clone, design);
          settled += 1;
        } else if (now.getTime() - clone.createdAt.getTime() > deadlineMs) {
          if (await repositories.clones.fail(clone.id)) settled += 1;
        }
      }
      return settled;
    },
  };
}

export type CloneService = ReturnType<typeof createCloneService>;
