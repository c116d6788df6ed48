import type { OrgRole } from '../generated/prisma/client';
import type { IdentityDb } from './prisma';

export type OrganizationRecord = {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  createdAt: Date;
  publicCatalog: boolean;
};

/** An organization as its public profile needs it: soft-deleted ones included. */
export type OrganizationProfileRecord = OrganizationRecord & { deletedAt: Date | null };

export type MembershipRecord = { organizationId: string; userId: string; role: OrgRole; joinedAt: Date };

const organizationColumns = {
  id: true,
  slug: true,
  name: true,
  description: true,
  createdAt: true,
  publicCatalog: true,
} as const;
const membershipColumns = { organizationId: true, userId: true, role: true, joinedAt: true } as const;
const live = { deletedAt: null };

export function createOrganizationRepository(db: IdentityDb) {
  return {
    /** Creates the organization with its first member. */
    createWithOwner(data: { slug: string; name: string; description: string | null; ownerId: string }) {
      return db.organization.create({
        data: {
          slug: data.slug,
          name: data.name,
          description: data.description,
          memberships: { create: { userId: data.ownerId, role: 'OWNER' } },
        },
        select: organizationColumns,
      });
    },

    update(id: string, data: { name?: string; description?: string | null }): Promise<OrganizationRecord> {
      return db.organization.update({ where: { id }, data, select: organizationColumns });
    },

    /**
     * Makes a live organization's public profile visible (it is about to publish a PUBLIC item);
     * false when there is no such live organization.
     */
    async markPublicPublisher(id: string): Promise<boolean> {
      const { count } = await db.organization.updateMany({
        where: { id, ...live },
        data: { publicCatalog: true },
      });
      return count === 1;
    },

    async softDelete(id: string): Promise<void> {
      await db.organization.update({ where: { id }, data: { deletedAt: new Date() } });
    },

    /**
     * Locks the organization row for the rest of the transaction, so that checks such as "at
     * least one OWNER remains" cannot be raced by a concurrent change.
     */
    async lock(id: string): Promise<void> {
      await db.$queryRaw`SELECT id FROM "identity"."Organization" WHERE id = ${id}::uuid FOR UPDATE`;
    },

    slugExists(slug: string): Promise<boolean> {
      return db.organization.count({ where: { slug } }).then((count) => count > 0);
    },

    findLiveByIds(ids: readonly string[]): Promise<OrganizationRecord[]> {
      return db.organization.findMany({
        where: { id: { in: [...ids] }, ...live },
        select: organizationColumns,
      });
    },

    /** Deleted ones too: a deleted publisher keeps its public profile until its items are withdrawn. */
    findProfilesByIds(ids: readonly string[]): Promise<OrganizationProfileRecord[]> {
      return db.organization.findMany({
        where: { id: { in: [...ids] } },
        select: { ...organizationColumns, deletedAt: true },
      });
    },

    findProfilesBySlugs(slugs: readonly string[]): Promise<OrganizationProfileRecord[]> {
      return db.organization.findMany({
        where: { slug: { in: [...slugs] } },
        select: { ...organizationColumns, deletedAt: true },
      });
    },

    /** After the catalog withdrew every item of a deleted organization: its profile goes too. */
    async endPublicProfileOfDeleted(id: string): Promise<void> {
      await db.organization.updateMany({
        where: { id, deletedAt: { not: null } },
        data: { publicCatalog: false },
      });
    },

    findMembershipsOfUser(userId: string): Promise<MembershipRecord[]> {
      return db.organizationMembership.findMany({
        where: { userId, organization: live },
        select: membershipColumns,
        orderBy: { joinedAt: 'asc' },
      });
    },

    /** Memberships of many users, for batching (e.g. who may see whose email). */
    findMembershipsOfUsers(userIds: readonly string[]): Promise<MembershipRecord[]> {
      return db.organizationMembership.findMany({
        where: { userId: { in: [...userIds] }, organization: live },
        select: membershipColumns,
      });
    },

    findMembership(organizationId: string, userId: string): Promise<MembershipRecord | null> {
      return db.organizationMembership.findUnique({
        where: { organizationId_userId: { organizationId, userId } },
        select: membershipColumns,
      });
    },

    createMembership(data: {
      organizationId: string;
      userId: string;
      role: OrgRole;
    }): Promise<MembershipRecord> {
      return db.organizationMembership.create({ data, select: membershipColumns });
    },

    setRole(organizationId: string, userId: string, role: OrgRole): Promise<MembershipRecord> {
      return db.organizationMembership.update({
        where: { organizationId_userId: { organizationId, userId } },
        data: { role },
        select: membershipColumns,
      });
    },

    async deleteMembership(organizationId: string, userId: string): Promise<void> {
      await db.organizationMembership.delete({
        where: { organizationId_userId: { organizationId, userId } },
      });
    },

    countOwners(organizationId: string): Promise<number> {
      return db.organizationMembership.count({ where: { organizationId, role: 'OWNER' } });
    },

    countMembers(organizationId: string): Promise<number> {
      return db.organizationMembership.count({ where: { organizationId } });
    },

    /** A page of members in joining order, keyset-paginated on (joinedAt, userId), with a look-ahead row. */
    findMemberPage(
      organizationId: string,
      take: number,
      after?: { at: Date; id: string },
    ): Promise<MembershipRecord[]> {
      return db.organizationMembership.findMany({
        where: {
          organizationId,
          ...(after === undefined
            ? {}
            : { OR: [{ joinedAt: { gt: after.at } }, { joinedAt: after.at, userId: { gt: after.id } }] }),
        },
        orderBy: [{ joinedAt: 'asc' }, { userId: 'asc' }],
        take,
        select: membershipColumns,
      });
    },
  };
}

export type OrganizationRepository = ReturnType<typeof createOrganizationRepository>;
