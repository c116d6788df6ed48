import type { Viewer, WorkspaceRole } from '@controlplane/auth';
import { notFound } from '@controlplane/errors';
import type { ServiceClient } from '@controlplane/graphql-kit';
import type { WorkspaceRepositories } from '../repositories';
import type { GrantRecord, WorkspaceRecord } from '../repositories/workspace-repository';

type TeamOwner = { id: string; organizationId: string };

/** Asks identity (which owns teams) which organization each team belongs to; unknown teams are left out. */
export async function lookUpTeams(identity: ServiceClient, teamIds: string[], viewer: Viewer): Promise<Map<string, string>> {
  if (teamIds.length === 0) return new Map();
  const { teams } = await identity.post<{ teams: TeamOwner[] }>('/internal/teams', { ids: [...new Set(teamIds)] }, viewer);
  return new Map(teams.map((team) => [team.id, team.organizationId]));
}

export function createWorkspaceService(deps: { repositories: WorkspaceRepositories }) {
  const { repositories } = deps;
  return {
    create(viewer: Viewer, input: { organizationId: string; name: string; description: string | null }): Promise<WorkspaceRecord> {
      return repositories.workspaces.create({ ...input, createdById: viewer.userId ?? null });
    },

    update(id: string, input: { name?: string | undefined; description?: string | null | undefined }): Promise<WorkspaceRecord> {
      return repositories.workspaces.update(id, input);
    },

    async softDelete(id: string): Promise<boolean> {
      await repositories.workspaces.softDelete(id);
      return true;
    },

    /** Grants (or changes) a team's role; the team must belong to the workspace's organization. */
    async grant(viewer: Viewer, identity: ServiceClient, workspace: WorkspaceRecord, teamId: string, role: WorkspaceRole): Promise<GrantRecord> {
      const owners = await lookUpTeams(identity, [teamId], viewer);
      if (owners.get(teamId) !== workspace.organizationId) throw notFound('Team');
      return repositories.workspaces.upsertGrant({
        workspaceId: workspace.id,
        teamId,
        organizationId: workspace.organizationId,
        role,
        grantedById: viewer.userId ?? null,
      });
    },

    async revoke(workspaceId: string, teamId: string): Promise<boolean> {
      if (!(await repositories.workspaces.deleteGrant(workspaceId, teamId))) throw notFound('WorkspaceGrant');
      return true;
    },
  };
}

export type WorkspaceService = ReturnType<typeof createWorkspaceService>;
