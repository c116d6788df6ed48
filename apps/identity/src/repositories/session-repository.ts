import type { IdentityDb } from './prisma';

/** Live: not ended and not expired. */
const live = (now: Date) => ({ endedAt: null, expiresAt: { gt: now } });

/**
 * Sessions of signed-in users. Ending one sets `endedAt`. Whether a token's session is live is
 * read by the principal lookup itself (user-repository findWithGrants), in the same statement: a
 * token is valid only while a live row names it, so a row that is no longer live may go at any
 * time (pruneOf) without bringing a token back.
 */
export function createSessionRepository(db: IdentityDb) {
  return {
    /** A new session of `userId`, live until `expiresAt`; its id goes into the token. */
    async create(userId: string, expiresAt: Date): Promise<string> {
      const session = await db.session.create({ data: { userId, expiresAt }, select: { id: true } });
      return session.id;
    },

    /** Gives a live session a new expiry (a fresh token for it); false when it is no longer live. */
    async renew(userId: string, sessionId: string, expiresAt: Date, now = new Date()): Promise<boolean> {
      const { count } = await db.session.updateMany({
        where: { id: sessionId, userId, ...live(now) },
        data: { expiresAt },
      });
      return count > 0;
    },

    /** Deletes the sessions of `userId` that are no longer live (ended or expired). */
    async pruneOf(userId: string, now = new Date()): Promise<void> {
      await db.session.deleteMany({
        where: { userId, OR: [{ endedAt: { not: null } }, { expiresAt: { lte: now } }] },
      });
    },

    /** Ends one session of `userId`; false when it was not live. */
    async end(userId: string, sessionId: string, now = new Date()): Promise<boolean> {
      const { count } = await db.session.updateMany({
        where: { id: sessionId, userId, ...live(now) },
        data: { endedAt: now },
      });
      return count > 0;
    },

    /** Ends every live session of `userId` except `keep` (when given); how many it ended. */
    async endAllOf(userId: string, options: { keep?: string } = {}, now = new Date()): Promise<number> {
      const { count } = await db.session.updateMany({
        where: {
          userId,
          ...live(now),
          ...(options.keep === undefined ? {} : { id: { not: options.keep } }),
        },
        data: { endedAt: now },
      });
      return count;
    },
  };
}

export type SessionRepository = ReturnType<typeof createSessionRepository>;
