import type { Viewer } from '@controlplane/auth';
import type { WorkspaceRecord, WorkspaceRepository } from '../repositories/workspace-repository';
import { effectiveWorkspaceRole } from './workspace-access';

export function createWorkspaceService(deps: { workspaces: WorkspaceRepository }) {
  const { workspaces } = deps;
  return {
    create(viewer: Viewer, input: { organizationId: string; name: string; description: string | null }): Promise<WorkspaceRecord> {
      return workspaces.create({ ...input, createdById: viewer.userId ?? null });
    },

    /** Exactly the workspaces of an organization that single reads would show this caller. */
    async listVisible(viewer: Viewer, organizationId: string): Promise<WorkspaceRecord[]> {
      if (!viewer.isMemberOf(organizationId)) return [];
      const all = await workspaces.findLiveByOrganizations([organizationId]);
      return all.filter((workspace) => effectiveWorkspaceRole(viewer, workspace.organizationId) !== undefined);
    },
  };
}

export type WorkspaceService = ReturnType<typeof createWorkspaceService>;
