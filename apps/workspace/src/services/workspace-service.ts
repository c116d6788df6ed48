import { changedFields } from '@controlplane/audit';
import type { Viewer, WorkspaceRole } from '@controlplane/auth';
import { notFound } from '@controlplane/errors';
import type { Transact } from '../repositories';
import type { GrantRecord, WorkspaceRecord } from '../repositories/workspace-repository';

/** Workspaces and their team grants; each change commits together with its audit event. */
export function createWorkspaceService(deps: { transact: Transact }) {
  const { transact } = deps;
  return {
    create(
      viewer: Viewer,
      input: { organizationId: string; name: string; description: string | null },
    ): Promise<WorkspaceRecord> {
      return transact(async (repos) => {
        const workspace = await repos.workspaces.create({ ...input, createdById: viewer.userId ?? null });
        await repos.audit.record(viewer, {
          organizationId: workspace.organizationId,
          action: 'workspace.create',
          targetType: 'Workspace',
          targetId: workspace.id,
          metadata: { name: workspace.name },
        });
        return workspace;
      });
    },

    update(
      viewer: Viewer,
      workspace: WorkspaceRecord,
      input: { name?: string | undefined; description?: string | null | undefined },
    ): Promise<WorkspaceRecord> {
      return transact(async (repos) => {
        const updated = await repos.workspaces.update(workspace.id, input);
        await repos.audit.record(viewer, {
          organizationId: workspace.organizationId,
          action: 'workspace.update',
          targetType: 'Workspace',
          targetId: workspace.id,
          metadata: { changed: changedFields(input) },
        });
        return updated;
      });
    },

    /** Soft: the row is kept (users may regret deleting a workspace). */
    delete(viewer: Viewer, workspace: WorkspaceRecord): Promise<boolean> {
      return transact(async (repos) => {
        await repos.workspaces.softDelete(workspace.id);
        await repos.audit.record(viewer, {
          organizationId: workspace.organizationId,
          action: 'workspace.delete',
          targetType: 'Workspace',
          targetId: workspace.id,
          metadata: { name: workspace.name },
        });
        return true;
      });
    },

    /**
     * Grants (or changes) a team's role. The policy has checked that the team belongs to the
     * workspace's organization.
     */
    grant(
      viewer: Viewer,
      workspace: WorkspaceRecord,
      teamId: string,
      role: WorkspaceRole,
    ): Promise<GrantRecord> {
      return transact(async (repos) => {
        const grant = await repos.workspaces.upsertGrant({
          workspaceId: workspace.id,
          teamId,
          organizationId: workspace.organizationId,
          role,
          grantedById: viewer.userId ?? null,
        });
        await repos.audit.record(viewer, {
          organizationId: workspace.organizationId,
          action: 'workspace.access.grant',
          targetType: 'Workspace',
          targetId: workspace.id,
          metadata: { teamId, role },
        });
        return grant;
      });
    },

    revoke(viewer: Viewer, grant: GrantRecord): Promise<boolean> {
      return transact(async (repos) => {
        // The grant the policy found may have been revoked by a concurrent request since.
        if (!(await repos.workspaces.deleteGrant(grant.workspaceId, grant.teamId)))
          throw notFound('WorkspaceGrant');
        await repos.audit.record(viewer, {
          organizationId: grant.organizationId,
          action: 'workspace.access.revoke',
          targetType: 'Workspace',
          targetId: grant.workspaceId,
          metadata: { teamId: grant.teamId },
        });
        return true;
      });
    },
  };
}

export type WorkspaceService = ReturnType<typeof createWorkspaceService>;
