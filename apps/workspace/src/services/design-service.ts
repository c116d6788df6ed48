import { conflict, isUniqueViolation, notFound } from '@controlplane/errors';
import type { Transact, WorkspaceRepositories } from '../repositories';
import type { DesignRecord } from '../repositories/design-repository';
import type { WorkspaceRecord } from '../repositories/workspace-repository';

export type DesignChange = { name?: string | undefined; description?: string | null | undefined; content?: string | undefined };

function staleRevision(currentRevision: number) {
  return conflict(`expectedRevision: the design is at revision ${currentRevision}; reload it and apply your change again`, { currentRevision });
}

export function createDesignService(deps: { repositories: WorkspaceRepositories; transact: Transact }) {
  const { repositories, transact } = deps;
  return {
    create(workspace: WorkspaceRecord, input: { name: string; description: string | null; content: string }, authorId: string | null): Promise<DesignRecord> {
      return repositories.designs.create({ workspaceId: workspace.id, organizationId: workspace.organizationId, ...input, authorId });
    },

    /**
     * Optimistic concurrency: the change applies only if the design is still at
     * `expectedRevision` (checked, then enforced by a compare-and-set, so a concurrent editor
     * cannot slip in between); otherwise CONFLICT, and nothing changes. A change that changes
     * nothing keeps the revision.
     */
    update(designId: string, change: DesignChange, expectedRevision: number, authorId: string | null): Promise<DesignRecord> {
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
        if (next.name === current.name && next.description === current.description && next.content === current.content) return current;
        const updated = await repos.designs.updateIfAt(designId, expectedRevision, next);
        if (updated === null) throw staleRevision(expectedRevision + 1);
        return updated;
      });
    },

    /**
     * The design of a catalog clone: idempotent on the clone key, so the catalog may retry after
     * a lost answer without making a second design. Two racing calls: the unique key lets one
     * insert and the other read it back.
     */
    async createClone(workspace: WorkspaceRecord, input: { name: string; content: string; cloneKey: string }, authorId: string | null): Promise<DesignRecord> {
      const data = { workspaceId: workspace.id, organizationId: workspace.organizationId, ...input, authorId };
      try {
        return await repositories.designs.createOnce(data);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return repositories.designs.createOnce(data);
      }
    },

    async softDelete(id: string): Promise<boolean> {
      await repositories.designs.softDelete(id);
      return true;
    },
  };
}

export type DesignService = ReturnType<typeof createDesignService>;
