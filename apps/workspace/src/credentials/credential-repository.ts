import type { WorkspaceDb } from '../repositories/prisma';

/** A connection's sealed credentials and the organization they are bound to. */
export type SealedCredentials = { id: string; organizationId: string; encryptedCredentials: string };

export type CredentialRepository = ReturnType<typeof createCredentialRepository>;

export function createCredentialRepository(db: WorkspaceDb) {
  return {
    /** Up to `limit` connections holding credentials, in id order, after `afterId` (keyset pages). */
    async findSealedAfter(afterId: string | null, limit: number): Promise<SealedCredentials[]> {
      const rows = await db.connection.findMany({
        where: { encryptedCredentials: { not: null }, ...(afterId === null ? {} : { id: { gt: afterId } }) },
        orderBy: { id: 'asc' },
        take: limit,
        select: { id: true, organizationId: true, encryptedCredentials: true },
      });
      return rows.flatMap(({ encryptedCredentials, ...row }) =>
        encryptedCredentials === null ? [] : [{ ...row, encryptedCredentials }],
      );
    },

    /**
     * Replaces a connection's sealed credentials with the same credentials sealed anew, only while
     * they are still `from` (a change made meanwhile wins). `updatedAt` stays: nothing a user set
     * changed. True when replaced.
     */
    async reseal(id: string, from: string, to: string): Promise<boolean> {
      const count = await db.$executeRaw`
        UPDATE "workspace"."Connection" SET "encryptedCredentials" = ${to}
         WHERE "id" = ${id}::uuid AND "encryptedCredentials" = ${from}`;
      return count === 1;
    },
  };
}
