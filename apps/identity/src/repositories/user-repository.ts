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

    /** The user with its password hash, for checking the current password before a change. */
    findCredentialsById(id: string) {
      return db.user.findUnique({ where: { id }, select: { ...userColumns, passwordHash: true } });
    },

    async setPasswordHash(id: string, passwordHash: string): Promise<void> {
      await db.user.update({ where: { id }, data: { passwordHash }, select: { id: true } });
    },

    findManyByIds(ids: readonly string[]): Promise<UserRecord[]> {
      return db.user.findMany({ where: { id: { in: [...ids] } }, select: userColumns });
    },

    /**
     * The user with the memberships the principal carries, in live organizations only, in one
     * statement: it runs for every authenticated request that reaches the gateway. Null unless
     * `sessionId` is a live session of that user (not ended, not expired): checking it here is
     * what lets a session end at once without another database round trip per request.
     */
    async findWithGrants(id: string, sessionId: string): Promise<UserWithGrants | null> {
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
        WHERE u.id = ${id}::uuid
          AND EXISTS (
            SELECT 1 FROM "identity"."Session" s
             WHERE s.id = ${sessionId}::uuid AND s."userId" = u.id
               AND s."endedAt" IS NULL AND s."expiresAt" > now()
          )`;
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
