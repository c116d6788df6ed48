import type { OrgRole } from '../generated/prisma/client';
import type { IdentityPrisma } from './prisma';

export type OrganizationRecord = {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  createdAt: Date;
};

const organizationColumns = { id: true, slug: true, name: true, description: true, createdAt: true } as const;
const live = { deletedAt: null };

export function createOrganizationRepository(prisma: IdentityPrisma) {
  return {
    /** Creates the organization with its first member in one transaction. */
    createWithOwner(data: { slug: string; name: string; description: string | null; ownerId: string; ownerRole: OrgRole }) {
      return prisma.organization.create({
        data: {
          slug: data.slug,
          name: data.name,
          description: data.description,
          memberships: { create: { userId: data.ownerId, role: data.ownerRole } },
        },
        select: organizationColumns,
      });
    },

    slugExists(slug: string): Promise<boolean> {
      return prisma.organization.count({ where: { slug } }).then((count) => count > 0);
    },

    findLiveByIds(ids: readonly string[]): Promise<OrganizationRecord[]> {
      return prisma.organization.findMany({ where: { id: { in: [...ids] }, ...live }, select: organizationColumns });
    },

    findLiveBySlug(slug: string): Promise<OrganizationRecord | null> {
      return prisma.organization.findFirst({ where: { slug, ...live }, select: organizationColumns });
    },

    findMembershipsOfUser(userId: string) {
      return prisma.organizationMembership.findMany({
        where: { userId, organization: live },
        select: { organizationId: true, userId: true, role: true, joinedAt: true },
        orderBy: { joinedAt: 'asc' },
      });
    },
  };
}

export type OrganizationRepository = ReturnType<typeof createOrganizationRepository>;
