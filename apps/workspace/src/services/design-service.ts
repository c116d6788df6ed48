import { auditEventsOn, changedFields, createAudited } from '@controlplane/audit';
import type { Viewer } from '@controlplane/auth';
import { conflict, isUniqueViolation } from '@controlplane/errors';
import type { Transact } from '../repositories';
import type { DesignRecord } from '../repositories/design-repository';
import type { WorkspaceRecord } from '../repositories/workspace-repository';

export type DesignChange = {
  name?: string | undefined;
  description?: string | null | undefined;
  content?: string | undefined;
};

function staleRevision(currentRevision: number) {
  return conflict(
    `expectedRevision: the design is at revision ${currentRevision}; reload it and apply your change again`,
    { currentRevision },
  );
}

const designEvent = auditEventsOn('Design');

/** A new design's row: in `workspace`, written by the caller. */
function newDesign<Input extends { name: string; content: string }>(
  viewer: Viewer,
  workspace: WorkspaceRecord,
  input: Input,
) {
  return {
    workspaceId: workspace.id,
    organizationId: workspace.organizationId,
    ...input,
    authorId: viewer.userId ?? null,
  };
}

export function createDesignService(deps: { transact: Transact }) {
  const audited = createAudited(deps.transact);
  return {
    create(
      viewer: Viewer,
      workspace: WorkspaceRecord,
      input: { name: string; description: string | null; content: string },
    ): Promise<DesignRecord> {
      const data = newDesign(viewer, workspace, input);
      return audited(
        viewer,
        (repos) => repos.designs.create(data),
        (design) => designEvent(design, 'design.create', { name: design.name, workspaceId: workspace.id }),
      );
    },

    /**
     * Optimistic concurrency: the change applies only if the design is still at
     * `expectedRevision`, otherwise CONFLICT and nothing changes. `design` is the row the policy
     * read for this request; the compare-and-set writes only while the row is still at that
     * revision, so unchanged fields never come from an older copy and a concurrent editor cannot
     * slip in between. A change that changes nothing keeps the revision.
     */
    async update(
      viewer: Viewer,
      design: DesignRecord,
      change: DesignChange,
      expectedRevision: number,
    ): Promise<DesignRecord> {
      if (design.revision !== expectedRevision) throw staleRevision(design.revision);
      const next = {
        name: change.name ?? design.name,
        description: change.description === undefined ? design.description : change.description,
        content: change.content ?? design.content,
        authorId: viewer.userId ?? null,
      };
      if (
        next.name === design.name &&
        next.description === design.description &&
        next.content === design.content
      )
        return design;
      return audited(
        viewer,
        async (repos) => {
          const updated = await repos.designs.updateIfAt(design.id, expectedRevision, next);
          if (updated === null) throw staleRevision(expectedRevision + 1);
          return updated;
        },
        (updated) =>
          designEvent(updated, 'design.update', {
            changed: changedFields(change),
            revision: updated.revision,
          }),
      );
    },

    /**
     * The design of a catalog clone: idempotent on the clone key, so the catalog may retry after
     * a lost answer without making a second design. Two racing calls: the unique key lets one
     * insert and the other read it back.
     */
    async createClone(
      viewer: Viewer,
      workspace: WorkspaceRecord,
      input: { name: string; content: string; cloneKey: string },
    ): Promise<DesignRecord> {
      const data = newDesign(viewer, workspace, input);
      // Only a design this call made is audited; one a previous call made was audited then.
      const createOnce = () =>
        audited(
          viewer,
          async (repos) => {
            const existing = await repos.designs.findByCloneKey(input.cloneKey);
            return { design: existing ?? (await repos.designs.create(data)), created: existing === null };
          },
          ({ design, created }) =>
            created
              ? designEvent(design, 'design.create', {
                  name: design.name,
                  workspaceId: workspace.id,
                  cloneKey: input.cloneKey,
                })
              : null,
        );
      try {
        return (await createOnce()).design;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return (await createOnce()).design;
      }
    },

    /** Soft: the row is kept (users may regret deleting a design). */
    async delete(viewer: Viewer, design: DesignRecord): Promise<boolean> {
      await audited(
        viewer,
        (repos) => repos.designs.softDelete(design.id),
        () => designEvent(design, 'design.delete', { name: design.name }),
      );
      return true;
    },
  };
}

export type DesignService = ReturnType<typeof createDesignService>;
