import type { IdentityPrisma } from './prisma';

export type TeamRecord = { id: string; organizationId: string; name: string; description: string | null; createdAt: Date };
export type TeamMembershipRecord = { teamId: string; userId: string; role: 'MAINTAINER' | 'MEMBER'; joinedAt: Date };

const teamColumns = { id: true, organizationId: true, name: true, description: true, createdAt: true } as const;
const membershipColumns = { teamId: true, userId: true, role: true, joinedAt: true } as const;

export function createTeamRepository(prisma: IdentityPrisma) {
  return {
    findLiveByIds(ids: readonly string[]): Promise<TeamRecord[]> {
      return prisma.team.findMany({ where: { id: { in: [...ids] }, organization: { deletedAt: null } }, select: teamColumns });
    },

    findByOrganizations(organizationIds: readonly string[]): Promise<TeamRecord[]> {
      return prisma.team.findMany({
        where: { organizationId: { in: [...organizationIds] } },
        select: teamColumns,
        orderBy: [{ name: 'asc' }],
      });
    },

    findMembershipsOfTeams(teamIds: readonly string[]): Promise<TeamMembershipRecord[]> {
      return prisma.teamMembership.findMany({
        where: { teamId: { in: [...teamIds] } },
        select: membershipColumns,
        orderBy: { joinedAt: 'asc' },
      });
    },

    findMembershipsOfUser(userId: string): Promise<TeamMembershipRecord[]> {
      return prisma.teamMembership.findMany({
        where: { userId, team: { organization: { deletedAt: null } } },
        select: membershipColumns,
        orderBy: { joinedAt: 'asc' },
      });
    },
  };
}

export type TeamRepository = ReturnType<typeof createTeamRepository>;
