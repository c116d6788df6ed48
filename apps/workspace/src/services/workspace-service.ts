import { auditEventsOn, auditedLifecycle, createAudited } from '@controlplane/audit';
import type { Viewer, WorkspaceRole } from '@controlplane/auth';
import type { NamedResourceChange, NewNamedResource } from '@controlplane/db';
import { notFound } from '@controlplane/errors';
import type { Transact } from '../repositories';
import type { GrantRecord, WorkspaceRecord } from '../repositories/workspace-repository';

const workspaceEvent = auditEventsOn('Workspace');

export type NewWorkspace = NewNamedResource;
export type WorkspaceChange = NamedResourceChange;

/** Workspaces and their team grants; each change commits together with its audit event. */
export function createWorkspaceService(deps: { transact: Transact }) {
  const audited = createAudited(deps.transact);
  return {
    ...auditedLifecycle(deps.transact, {
      audit: { targetType: 'Workspace', prefix: 'workspace' },
      create: (repos, input: NewWorkspace, viewer) =>
        repos.workspaces.create({ ...input, createdById: viewer.userId ?? null }),
      update: (repos, workspace: WorkspaceRecord, input: WorkspaceChange) =>
        repos.workspaces.update(workspace.id, input),
      /** Soft: the row is kept (users may regret deleting a workspace). */
      delete: (repos, workspace) => repos.workspaces.softDelete(workspace.id),
    }),

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
      const grant = {
        workspaceId: workspace.id,
        teamId,
        organizationId: workspace.organizationId,
        role,
        grantedById: viewer.userId ?? null,
      };
      return audited(
        viewer,
        (repos) => repos.workspaces.upsertGrant(grant),
        () => workspaceEvent(workspace, 'workspace.access.grant', { teamId, role }),
      );
    },

    async revoke(viewer: Viewer, grant: GrantRecord): Promise<boolean> {
      await audited(
        viewer,
        async (repos) => {
          // The grant the policy found may have been revoked by a concurrent request since.
          if (!(await repos.workspaces.deleteGrant(grant.workspaceId, grant.teamId)))
            throw notFound('WorkspaceGrant');
        },
        () =>
          workspaceEvent(
            { id: grant.workspaceId, organizationId: grant.organizationId },
            'workspace.access.revoke',
            { teamId: grant.teamId },
          ),
      );
      return true;
    },
  };
}

export type WorkspaceService = ReturnType<typeof createWorkspaceService>;
