import { changedFields } from '@controlplane/audit';
import type { TeamRole, Viewer } from '@controlplane/auth';
import { conflict, isUniqueViolation } from '@controlplane/errors';
import { requireOrganizationMember, requireTeamMembership } from '../policy';
import type { Transact } from '../repositories';
import type { TeamMembershipRecord, TeamRecord } from '../repositories/team-repository';

export type TeamInput = { name?: string | undefined; description?: string | null | undefined };

function translateNameClash(error: unknown): unknown {
  return isUniqueViolation(error)
    ? conflict('input.name: a team with this name already exists in the organization')
    : error;
}

/** Team changes; who may make them is policy.ts's to decide (org admins, team maintainers). */
export function createTeamService(deps: { transact: Transact }) {
  const { transact } = deps;
  return {
    async create(
      viewer: Viewer,
      input: { organizationId: string; name: string; description: string | null },
    ): Promise<TeamRecord> {
      try {
        return await transact(async (repos) => {
          const team = await repos.teams.create(input);
          await repos.audit.record(viewer, {
            organizationId: team.organizationId,
            action: 'team.create',
            targetType: 'Team',
            targetId: team.id,
            metadata: { name: team.name },
          });
          return team;
        });
      } catch (error) {
        throw translateNameClash(error);
      }
    },

    async update(viewer: Viewer, team: TeamRecord, input: TeamInput): Promise<TeamRecord> {
      try {
        return await transact(async (repos) => {
          const updated = await repos.teams.update(team.id, input);
          await repos.audit.record(viewer, {
            organizationId: team.organizationId,
            action: 'team.update',
            targetType: 'Team',
            targetId: team.id,
            metadata: { changed: changedFields(input) },
          });
          return updated;
        });
      } catch (error) {
        throw translateNameClash(error);
      }
    },

    async delete(viewer: Viewer, team: TeamRecord): Promise<boolean> {
      await transact(async (repos) => {
        await repos.teams.delete(team.id);
        await repos.audit.record(viewer, {
          organizationId: team.organizationId,
          action: 'team.delete',
          targetType: 'Team',
          targetId: team.id,
          metadata: { name: team.name },
        });
      });
      if (viewer.teamRole(team.id) !== undefined)
        viewer.recordTeamRole(team.id, team.organizationId, undefined);
      return true;
    },

    /** Only members of the team's organization can join it (policy.requireOrganizationMember). */
    async addMember(
      viewer: Viewer,
      team: TeamRecord,
      userId: string,
      role: TeamRole,
    ): Promise<TeamMembershipRecord> {
      const added = await transact(async (repos) => {
        await requireOrganizationMember(repos, team.organizationId, userId);
        if ((await repos.teams.findMembership(team.id, userId)) !== null)
          throw conflict('userId: is already a member of this team');
        const membership = await repos.teams.addMember({ teamId: team.id, userId, role });
        await repos.audit.record(viewer, {
          organizationId: team.organizationId,
          action: 'team.member.add',
          targetType: 'Team',
          targetId: team.id,
          metadata: { userId, role },
        });
        return membership;
      });
      if (userId === viewer.userId) viewer.recordTeamRole(team.id, team.organizationId, role);
      return added;
    },

    async removeMember(viewer: Viewer, team: TeamRecord, userId: string): Promise<boolean> {
      await transact(async (repos) => {
        await requireTeamMembership(repos, team, userId);
        // A concurrent request that removed it first has already recorded the removal.
        if (!(await repos.teams.removeMember(team.id, userId))) return;
        await repos.audit.record(viewer, {
          organizationId: team.organizationId,
          action: 'team.member.remove',
          targetType: 'Team',
          targetId: team.id,
          metadata: { userId },
        });
      });
      if (userId === viewer.userId) viewer.recordTeamRole(team.id, team.organizationId, undefined);
      return true;
    },
  };
}

export type TeamService = ReturnType<typeof createTeamService>;
