import { conflict, isUniqueViolation, unauthenticated } from '@controlplane/errors';
import type { Principal } from '@controlplane/auth';
import type { UserRecord, UserRepository } from '../repositories/user-repository';
import type { ApiKeyService } from './api-key-service';
import { hashPassword, verifyPassword } from '../credentials/passwords';
import { isApiKeySecret } from '../credentials/secrets';
import type { TokenService } from '../credentials/tokens';

export type AuthPayload = { token: string; user: UserRecord };

export function createAuthService(deps: {
  users: UserRepository;
  tokens: TokenService;
  apiKeys: ApiKeyService;
}) {
  const { users, tokens, apiKeys } = deps;
  return {
    async signUp(input: { email: string; password: string; displayName: string }): Promise<AuthPayload> {
      const passwordHash = await hashPassword(input.password);
      try {
        const user = await users.create({ email: input.email, displayName: input.displayName, passwordHash });
        return { token: await tokens.issue(user.id), user };
      } catch (error) {
        if (isUniqueViolation(error))
          throw conflict('input.email: an account with this email already exists');
        throw error;
      }
    },

    async logIn(email: string, password: string): Promise<AuthPayload> {
      const found = await users.findCredentialsByEmail(email);
      const valid = await verifyPassword(found?.passwordHash, password);
      if (found === null || !valid) throw unauthenticated('Invalid email or password.');
      const { passwordHash: _hash, ...user } = found;
      return { token: await tokens.issue(user.id), user };
    },

    /**
     * Turns a bearer credential into the principal the gateway forwards: who the caller is and
     * every membership it holds right now. Undefined when the credential is not valid.
     */
    async resolvePrincipal(credential: string): Promise<Principal | undefined> {
      if (isApiKeySecret(credential)) return apiKeys.resolvePrincipal(credential);
      const userId = await tokens.verify(credential);
      if (userId === undefined) return undefined;
      const user = await users.findWithGrants(userId);
      if (user === null) return undefined;
      return {
        kind: 'user',
        userId: user.id,
        displayName: user.displayName,
        organizations: user.organizations,
        teams: user.teams,
      };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
