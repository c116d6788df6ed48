import type { OrganizationGrant, TeamGrant } from '@controlplane/auth';
import type { IdentityDb } from './prisma';

export type UserRecord = { id: string; email: string; displayName: string; createdAt: Date };

export type UserWithGrants = {
  id: string;
  displayName: string;
  organizations: OrganizationGrant[];
  teams: TeamGrant[];
};
type RawUserWithGrants = Omit<UserWithGrants, 'organizations' | 'teams'> & {
  organizations: UserWithGrants['organizations'] | string;
  teams: UserWithGrants['teams'] | string;
};

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

    /**
     * The user with the memberships the principal carries, in live organizations only, in one
     * statement: it runs for every authenticated request that reaches the gateway.
     */
    async findWithGrants(id: string): Promise<UserWithGrants | null> {
      const rows = await db.$queryRaw<RawUserWithGrants[]>`
        SELECT u.id, u."displayName",
          COALESCE((
            SELECT json_agg(json_build_object('organizationId', m."organizationId", 'role', m.role))
              FROM "identity"."OrganizationMembership" m
              JOIN "identity"."Organization" o ON o.id = m."organizationId" AND o."deletedAt" IS NULL
             WHERE m."userId" = u.id
          ), '[]') AS organizations,
          COALESCE((
            SELECT json_agg(json_build_object('teamId', tm."teamId", 'organizationId', t."organizationId", 'role', tm.role))
              FROM "identity"."TeamMembership" tm
              JOIN "identity"."Team" t ON t.id = tm."teamId"
              JOIN "identity"."Organization" o ON o.id = t."organizationId" AND o."deletedAt" IS NULL
             WHERE tm."userId" = u.id
          ), '[]') AS teams
        FROM "identity"."User" u
        WHERE u.id = ${id}::uuid`;
      const [row] = rows;
      if (row === undefined) return null;
      const parse = <T>(value: T | string): T =>
        typeof value === 'string' ? (JSON.parse(value) as T) : value;
      return {
        id: row.id,
        displayName: row.displayName,
        organizations: parse(row.organizations),
        teams: parse(row.teams),
      };
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
