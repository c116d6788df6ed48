import type { TeamRole } from '@controlplane/auth';
import { conflict, isUniqueViolation, notFound } from '@controlplane/errors';
import type { IdentityRepositories, Transact } from '../repositories';
import type { TeamMembershipRecord, TeamRecord } from '../repositories/team-repository';

export type TeamInput = { name?: string | undefined; description?: string | null | undefined };

function translateNameClash(error: unknown): unknown {
  return isUniqueViolation(error) ? conflict('input.name: a team with this name already exists in the organization') : error;
}

/** Team changes; who may make them is decided by the shield rules (org admins, team maintainers). */
export function createTeamService(deps: { repositories: IdentityRepositories; transact: Transact }) {
  const { repositories, transact } = deps;
  return {
    async create(input: { organizationId: string; name: string; description: string | null }): Promise<TeamRecord> {
      try {
        return await repositories.teams.create(input);
      } catch (error) {
        throw translateNameClash(error);
      }
    },

    async update(id: string, input: TeamInput): Promise<TeamRecord> {
      try {
        return await repositories.teams.update(id, input);
      } catch (error) {
        throw translateNameClash(error);
      }
    },

    async delete(id: string): Promise<boolean> {
      await repositories.teams.delete(id);
      return true;
    },

    /** Only members of the team's organization can join it; anyone else is an unknown user. */
    addMember(team: TeamRecord, userId: string, role: TeamRole): Promise<TeamMembershipRecord> {
      return transact(async (repos) => {
        if ((await repos.organizations.findMembership(team.organizationId, userId)) === null) throw notFound('User');
        if ((await repos.teams.findMembership(team.id, userId)) !== null) throw conflict('userId: is already a member of this team');
        return repos.teams.addMember({ teamId: team.id, userId, role });
      });
    },

    async removeMember(teamId: string, userId: string): Promise<boolean> {
      if (!(await repositories.teams.removeMember(teamId, userId))) throw notFound('TeamMembership');
      return true;
    },
  };
}

export type TeamService = ReturnType<typeof createTeamService>;
