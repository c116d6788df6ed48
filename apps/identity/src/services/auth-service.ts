import { conflict, isUniqueViolation, unauthenticated } from '@controlplane/errors';
import type { Principal, Viewer } from '@controlplane/auth';
import { isWellFormedId } from '@controlplane/graphql-kit';
import { requireOwnSession } from '../policy';
import type { IdentityRepositories, Transact } from '../repositories';
import type { UserRecord } from '../repositories/user-repository';
import type { ApiKeyService } from './api-key-service';
import { hashPassword, verifyPassword } from '../credentials/passwords';
import { isApiKeySecret } from '../credentials/secrets';
import type { TokenService } from '../credentials/tokens';

export type AuthPayload = { token: string; user: UserRecord };

export function createAuthService(deps: {
  repositories: IdentityRepositories;
  transact: Transact;
  tokens: TokenService;
  apiKeys: ApiKeyService;
}) {
  const { repositories, transact, tokens, apiKeys } = deps;
  const { users, sessions } = repositories;
  const expiry = () => new Date(Date.now() + tokens.ttlMs);

  /**
   * Records a change to the user's account security in every live organization it belongs to:
   * their OWNERs, ADMINs and AUDITORs watch their members' accounts. The event names the user
   * only, never its other organizations, passwords or tokens.
   */
  async function recordInEveryOrganization(
    repos: IdentityRepositories,
    viewer: Viewer,
    event: { userId: string; action: string; metadata: Record<string, number> },
  ): Promise<void> {
    for (const membership of await repos.organizations.findMembershipsOfUser(event.userId)) {
      await repos.audit.record(viewer, {
        organizationId: membership.organizationId,
        action: event.action,
        targetType: 'User',
        targetId: event.userId,
        metadata: event.metadata,
      });
    }
  }

  return {
    /** A new account, signed in: the user and its first session commit together. */
    async signUp(input: { email: string; password: string; displayName: string }): Promise<AuthPayload> {
      const passwordHash = await hashPassword(input.password);
      try {
        const { user, sessionId } = await transact(async (repos) => {
          const created = await repos.users.create({
            email: input.email,
            displayName: input.displayName,
            passwordHash,
          });
          return { user: created, sessionId: await repos.sessions.create(created.id, expiry()) };
        });
        return { token: await tokens.issue({ userId: user.id, sessionId }), user };
      } catch (error) {
        if (isUniqueViolation(error))
          throw conflict('input.email: an account with this email already exists');
        throw error;
      }
    },

    /**
     * A new session for whoever proves the password; the user's sessions that are no longer live
     * go, so they never pile up. logIn records no audit event.
     */
    async logIn(email: string, password: string): Promise<AuthPayload> {
      const found = await users.findCredentialsByEmail(email);
      const valid = await verifyPassword(found?.passwordHash, password);
      if (found === null || !valid) throw unauthenticated('Invalid email or password.');
      const { passwordHash: _hash, ...user } = found;
      await sessions.pruneOf(user.id);
      const sessionId = await sessions.create(user.id, expiry());
      return { token: await tokens.issue({ userId: user.id, sessionId }), user };
    },

    /** Ends the caller's session: its token (and any other token of that session) stops at once. */
    async logOut(viewer: Viewer): Promise<boolean> {
      const { userId, sessionId } = requireOwnSession(viewer);
      await sessions.end(userId, sessionId);
      return true;
    },

    /** Ends every session of the caller, this one included; audited as `session.revoke`. */
    async logOutEverywhere(viewer: Viewer): Promise<boolean> {
      const { userId } = requireOwnSession(viewer);
      await transact(async (repos) => {
        const ended = await repos.sessions.endAllOf(userId);
        await recordInEveryOrganization(repos, viewer, {
          userId,
          action: 'session.revoke',
          metadata: { sessionsEnded: ended },
        });
      });
      return true;
    },

    /**
     * A new password for whoever proves the current one (a wrong one is UNAUTHENTICATED, as at
     * logIn, and changes nothing). Every other session ends; the calling one lives on with a new
     * expiry, and the answer carries a fresh token for it. Audited as `password.change`.
     */
    async changePassword(
      viewer: Viewer,
      input: { currentPassword: string; newPassword: string },
    ): Promise<AuthPayload> {
      const { userId, sessionId } = requireOwnSession(viewer);
      const found = await users.findCredentialsById(userId);
      if (found === null || !(await verifyPassword(found.passwordHash, input.currentPassword)))
        throw unauthenticated('currentPassword: is not correct');
      const { passwordHash: _hash, ...user } = found;
      const passwordHash = await hashPassword(input.newPassword);
      await transact(async (repos) => {
        await repos.users.setPasswordHash(userId, passwordHash);
        const ended = await repos.sessions.endAllOf(userId, { keep: sessionId });
        // The calling session was live when this request was authenticated; ended since (a
        // concurrent logOut), it gets no fresh token and the whole change rolls back.
        if (!(await repos.sessions.renew(userId, sessionId, expiry())))
          throw unauthenticated('The session has ended; log in again.');
        await recordInEveryOrganization(repos, viewer, {
          userId,
          action: 'password.change',
          metadata: { otherSessionsEnded: ended },
        });
      });
      return { token: await tokens.issue({ userId, sessionId }), user };
    },

    /**
     * Turns a bearer credential into the principal the gateway forwards: who the caller is, the
     * session its token belongs to, and every membership it holds right now. Undefined when the
     * credential is not valid, or names a session that has ended or expired.
     */
    async resolvePrincipal(credential: string): Promise<Principal | undefined> {
      if (isApiKeySecret(credential)) return apiKeys.resolvePrincipal(credential);
      const claims = await tokens.verify(credential);
      if (claims === undefined || !isWellFormedId(claims.userId) || !isWellFormedId(claims.sessionId))
        return undefined;
      const user = await users.findWithGrants(claims.userId, claims.sessionId);
      if (user === null) return undefined;
      return {
        kind: 'user',
        userId: user.id,
        sessionId: claims.sessionId,
        displayName: user.displayName,
        organizations: user.organizations,
        teams: user.teams,
      };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
