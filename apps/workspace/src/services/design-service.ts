import { changedFields } from '@controlplane/audit';
import type { Viewer } from '@controlplane/auth';
import { conflict, isUniqueViolation, notFound } from '@controlplane/errors';
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

export function createDesignService(deps: { transact: Transact }) {
  const { transact } = deps;
  return {
    create(
      viewer: Viewer,
      workspace: WorkspaceRecord,
      input: { name: string; description: string | null; content: string },
    ): Promise<DesignRecord> {
      return transact(async (repos) => {
        const design = await repos.designs.create({
          workspaceId: workspace.id,
          organizationId: workspace.organizationId,
          ...input,
          authorId: viewer.userId ?? null,
        });
        await repos.audit.record(viewer, {
          organizationId: design.organizationId,
          action: 'design.create',
          targetType: 'Design',
          targetId: design.id,
          metadata: { name: design.name, workspaceId: workspace.id },
        });
        return design;
      });
    },

    /**
     * Optimistic concurrency: the change applies only if the design is still at
     * `expectedRevision` (checked, then enforced by a compare-and-set, so a concurrent editor
     * cannot slip in between); otherwise CONFLICT, and nothing changes. A change that changes
     * nothing keeps the revision.
     */
    update(
      viewer: Viewer,
      designId: string,
      change: DesignChange,
      expectedRevision: number,
    ): Promise<DesignRecord> {
      const authorId = viewer.userId ?? null;
      return transact(async (repos) => {
        const [current] = await repos.designs.findLiveByIds([designId]);
        if (current === undefined) throw notFound('Design');
        if (current.revision !== expectedRevision) throw staleRevision(current.revision);
        // Unchanged fields come from the row just read at the expected revision, never from an older copy.
        const next = {
          name: change.name ?? current.name,
          description: change.description === undefined ? current.description : change.description,
          content: change.content ?? current.content,
          authorId,
        };
        if (
          next.name === current.name &&
          next.description === current.description &&
          next.content === current.content
        )
          return current;
        const updated = await repos.designs.updateIfAt(designId, expectedRevision, next);
        if (updated === null) throw staleRevision(expectedRevision + 1);
        await repos.audit.record(viewer, {
          organizationId: updated.organizationId,
          action: 'design.update',
          targetType: 'Design',
          targetId: designId,
          metadata: { changed: changedFields(change), revision: updated.revision },
        });
        return updated;
      });
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
      const data = {
        workspaceId: workspace.id,
        organizationId: workspace.organizationId,
        ...input,
        authorId: viewer.userId ?? null,
      };
      const createOnce = () =>
        transact(async (repos) => {
          const existing = await repos.designs.findByCloneKey(input.cloneKey);
          if (existing !== null) return existing;
          const design = await repos.designs.create(data);
          await repos.audit.record(viewer, {
            organizationId: design.organizationId,
            action: 'design.create',
            targetType: 'Design',
            targetId: design.id,
            metadata: { name: design.name, workspaceId: workspace.id, cloneKey: input.cloneKey },
          });
          return design;
        });
      try {
        return await createOnce();
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return createOnce();
      }
    },

    /** Soft: the row is kept (users may regret deleting a design). */
    delete(viewer: Viewer, design: DesignRecord): Promise<boolean> {
      return transact(async (repos) => {
        await repos.designs.softDelete(design.id);
        await repos.audit.record(viewer, {
          organizationId: design.organizationId,
          action: 'design.delete',
          targetType: 'Design',
          targetId: design.id,
          metadata: { name: design.name },
        });
        return true;
      });
    },
  };
}

export type DesignService = ReturnType<typeof createDesignService>;
