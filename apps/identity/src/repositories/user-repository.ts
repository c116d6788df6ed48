import type { IdentityDb } from './prisma';

export type UserRecord = { id: string; email: string; displayName: string; createdAt: Date };

const userColumns = { id: true, email: true, displayName: true, createdAt: true } as const;

export function createUserRepository(db: IdentityDb) {
  return {
    create(data: { email: string; displayName: string; passwordHash: string }): Promise<UserRecord> {
      return db.user.create({ data, select: userColumns });
    },

    findCredentialsByEmail(email: string) {
      return db.user.findUnique({ where: { email }, select: { ...userColumns, passwordHash: true } });
    },

    findManyByIds(ids: readonly string[]): Promise<UserRecord[]> {
      return db.user.findMany({ where: { id: { in: [...ids] } }, select: userColumns });
    },

    /** The user with the memberships the principal carries, in live organizations only. */
    findWithGrants(id: string) {
      return db.user.findUnique({
        where: { id },
        select: {
          ...userColumns,
          memberships: {
            where: { organization: { deletedAt: null } },
            select: { organizationId: true, role: true },
          },
          teamMemberships: {
            where: { team: { organization: { deletedAt: null } } },
            select: { teamId: true, role: true, team: { select: { organizationId: true } } },
          },
        },
      });
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
