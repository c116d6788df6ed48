import { auditEventsOn, auditedLifecycle, createAudited } from '@controlplane/audit';
import type { TeamRole, Viewer } from '@controlplane/auth';
import type { NamedResourceChange, NewNamedResource } from '@controlplane/db';
import { conflict, conflictOnUniqueViolation } from '@controlplane/errors';
import { requireOrganizationMember, requireTeamMembership } from '../policy';
import type { Transact } from '../repositories';
import type { TeamMembershipRecord, TeamRecord } from '../repositories/team-repository';

export type NewTeam = NewNamedResource;
export type TeamInput = NamedResourceChange;

const nameClash = conflictOnUniqueViolation(
  'input.name: a team with this name already exists in the organization',
);
const teamEvent = auditEventsOn('Team');

/** Team changes; who may make them is policy.ts's to decide (org admins, team maintainers). */
export function createTeamService(deps: { transact: Transact }) {
  const audited = createAudited(deps.transact);
  const teams = auditedLifecycle(deps.transact, {
    audit: { targetType: 'Team', prefix: 'team' },
    create: (repos, input: NewTeam) => repos.teams.create(input),
    update: (repos, team: TeamRecord, input: TeamInput) => repos.teams.update(team.id, input),
    delete: (repos, team) => repos.teams.delete(team.id),
  });
  return {
    create: (viewer: Viewer, input: NewTeam) => teams.create(viewer, input).catch(nameClash),
    update: (viewer: Viewer, team: TeamRecord, input: TeamInput) =>
      teams.update(viewer, team, input).catch(nameClash),

    async delete(viewer: Viewer, team: TeamRecord): Promise<boolean> {
      await teams.delete(viewer, team);
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
      const added = await audited(
        viewer,
        async (repos) => {
          await requireOrganizationMember(repos, team.organizationId, userId);
          if ((await repos.teams.findMembership(team.id, userId)) !== null)
            throw conflict('userId: is already a member of this team');
          return repos.teams.addMember({ teamId: team.id, userId, role });
        },
        () => teamEvent(team, 'team.member.add', { userId, role }),
      );
      if (userId === viewer.userId) viewer.recordTeamRole(team.id, team.organizationId, role);
      return added;
    },

    async removeMember(viewer: Viewer, team: TeamRecord, userId: string): Promise<boolean> {
      await audited(
        viewer,
        async (repos) => {
          await requireTeamMembership(repos, team, userId);
          return repos.teams.removeMember(team.id, userId);
        },
        // A concurrent request that removed it first has already recorded the removal.
        (removed) => (removed ? teamEvent(team, 'team.member.remove', { userId }) : null),
      );
      if (userId === viewer.userId) viewer.recordTeamRole(team.id, team.organizationId, undefined);
      return true;
    },
  };
}

export type TeamService = ReturnType<typeof createTeamService>;
