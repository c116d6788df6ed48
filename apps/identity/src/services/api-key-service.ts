import { auditEventsOn, createAudited } from '@controlplane/audit';
import type { OrgRole, Principal, Viewer } from '@controlplane/auth';
import { badUserInput } from '@controlplane/errors';
import { generateSecret, hashSecret } from '../credentials/secrets';
import { apiKeyActingRole, requireUserId } from '../policy';
import type { IdentityRepositories, Transact } from '../repositories';
import type { ApiKeyRecord } from '../repositories/api-key-repository';

/** How often lastUsedAt is written at most: one write a minute per key, not one per request. */
const LAST_USED_RESOLUTION_MS = 60_000;
const PREFIX_LENGTH = 12;
const apiKeyEvent = auditEventsOn('ApiKey');

export type CreateApiKeyInput = {
  organizationId: string;
  name: string;
  role: OrgRole;
  expiresAt: Date | null;
};

export function createApiKeyService(deps: { repositories: IdentityRepositories; transact: Transact }) {
  const { repositories } = deps;
  const audited = createAudited(deps.transact);
  return {
    /**
     * Returns the secret once; only its hash is stored. A key is never OWNER (nor above its creator:
     * policy.requireMayCreateApiKey).
     */
    async create(
      viewer: Viewer,
      input: CreateApiKeyInput,
    ): Promise<{ apiKey: ApiKeyRecord; secret: string }> {
      const userId = requireUserId(viewer);
      if (input.role === 'OWNER') throw badUserInput('input.role', 'an API key cannot be OWNER');
      if (input.expiresAt !== null && input.expiresAt <= new Date())
        throw badUserInput('input.expiresAt', 'must be in the future');
      const secret = generateSecret('cpk');
      const apiKey = await audited(
        viewer,
        (repos) =>
          repos.apiKeys.create({
            organizationId: input.organizationId,
            name: input.name,
            role: input.role,
            prefix: secret.slice(0, PREFIX_LENGTH),
            secretHash: hashSecret(secret),
            createdById: userId,
            expiresAt: input.expiresAt,
          }),
        (created) =>
          apiKeyEvent(created, 'apikey.create', {
            name: created.name,
            role: created.role,
            prefix: created.prefix,
          }),
      );
      return { apiKey, secret };
    },

    async revoke(viewer: Viewer, apiKey: ApiKeyRecord): Promise<ApiKeyRecord> {
      if (apiKey.revokedAt !== null) return apiKey;
      return audited(
        viewer,
        (repos) => repos.apiKeys.revoke(apiKey.id),
        () => apiKeyEvent(apiKey, 'apikey.revoke', { name: apiKey.name }),
      );
    },

    /**
     * The principal of an API key secret, or undefined when it is unknown, revoked, expired, or
     * its organization is gone. It acts with policy.apiKeyActingRole's role.
     */
    async resolvePrincipal(secret: string): Promise<Principal | undefined> {
      const key = await repositories.apiKeys.findBySecretHash(hashSecret(secret));
      if (key === null || key.organization.deletedAt !== null) return undefined;
      const now = new Date();
      const role = await apiKeyActingRole(repositories, key, now);
      if (role === undefined) return undefined;
      if (key.lastUsedAt === null || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
        await repositories.apiKeys.touch(key.id, now);
      }
      return { kind: 'apiKey', apiKeyId: key.id, name: key.name, organizationId: key.organizationId, role };
    },
  };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
