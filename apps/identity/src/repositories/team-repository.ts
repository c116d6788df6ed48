import type { TeamRole } from '../generated/prisma/client';
import { namedResourceColumns, type NamedResourceRecord, type NewNamedResource } from '@controlplane/db';
import type { IdentityDb } from './prisma';

export type TeamRecord = NamedResourceRecord;
export type TeamMembershipRecord = { teamId: string; userId: string; role: TeamRole; joinedAt: Date };

const teamColumns = namedResourceColumns;
const membershipColumns = { teamId: true, userId: true, role: true, joinedAt: true } as const;

export function createTeamRepository(db: IdentityDb) {
  return {
    create(data: NewNamedResource): Promise<TeamRecord> {
      return db.team.create({ data, select: teamColumns });
    },

    update(id: string, data: { name?: string; description?: string | null }): Promise<TeamRecord> {
      return db.team.update({ where: { id }, data, select: teamColumns });
    },

    async delete(id: string): Promise<void> {
      await db.team.delete({ where: { id } });
    },

    findLiveByIds(ids: readonly string[]): Promise<TeamRecord[]> {
      return db.team.findMany({
        where: { id: { in: [...ids] }, organization: { deletedAt: null } },
        select: teamColumns,
      });
    },

    findByOrganizations(organizationIds: readonly string[]): Promise<TeamRecord[]> {
      return db.team.findMany({
        where: { organizationId: { in: [...organizationIds] } },
        select: teamColumns,
        orderBy: [{ name: 'asc' }],
      });
    },

    findMembership(teamId: string, userId: string): Promise<TeamMembershipRecord | null> {
      return db.teamMembership.findUnique({
        where: { teamId_userId: { teamId, userId } },
        select: membershipColumns,
      });
    },

    addMember(data: { teamId: string; userId: string; role: TeamRole }): Promise<TeamMembershipRecord> {
      return db.teamMembership.create({ data, select: membershipColumns });
    },

    async addMembers(data: { teamId: string; userId: string; role: TeamRole }[]): Promise<void> {
      await db.teamMembership.createMany({ data, skipDuplicates: true });
    },

    async removeMember(teamId: string, userId: string): Promise<boolean> {
      const { count } = await db.teamMembership.deleteMany({ where: { teamId, userId } });
      return count > 0;
    },

    /** Removes a user from every team of an organization (when the user leaves it). */
    async removeUserFromOrganizationTeams(organizationId: string, userId: string): Promise<void> {
      await db.teamMembership.deleteMany({ where: { userId, team: { organizationId } } });
    },

    findMembershipsOfTeams(teamIds: readonly string[]): Promise<TeamMembershipRecord[]> {
      return db.teamMembership.findMany({
        where: { teamId: { in: [...teamIds] } },
        select: membershipColumns,
        orderBy: { joinedAt: 'asc' },
      });
    },

    findMembershipsOfUser(userId: string): Promise<TeamMembershipRecord[]> {
      return db.teamMembership.findMany({
        where: { userId, team: { organization: { deletedAt: null } } },
        select: membershipColumns,
        orderBy: { joinedAt: 'asc' },
      });
    },
  };
}

export type TeamRepository = ReturnType<typeof createTeamRepository>;
