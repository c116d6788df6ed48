import {
  effectiveApiKeyRole,
  isRoleAbove,
  type OrgRole,
  type Principal,
  type Viewer,
} from '@controlplane/auth';
import { badUserInput, forbidden, unauthenticated } from '@controlplane/errors';
import type { IdentityRepositories, Transact } from '../repositories';
import type { ApiKeyRecord } from '../repositories/api-key-repository';
import { generateSecret, hashSecret } from '../credentials/secrets';

/** How often lastUsedAt is written at most: one write a minute per key, not one per request. */
const LAST_USED_RESOLUTION_MS = 60_000;
const PREFIX_LENGTH = 12;

/**
 * The role a key acts with now, or undefined when it may not act (revoked, expired, or its creator
 * left the organization): the intersection of its own role's rights and its creator's current
 * rights (effectiveApiKeyRole), so demoting the creator also demotes the keys they made.
 */
export async function actingRoleOf(
  repositories: Pick<IdentityRepositories, 'organizations'>,
  key: ApiKeyRecord,
  now = new Date(),
): Promise<OrgRole | undefined> {
  if (key.revokedAt !== null || (key.expiresAt !== null && key.expiresAt <= now) || key.createdById === null)
    return undefined;
  const creator = await repositories.organizations.findMembership(key.organizationId, key.createdById);
  return creator === null ? undefined : effectiveApiKeyRole(key.role, creator.role);
}

export type CreateApiKeyInput = {
  organizationId: string;
  name: string;
  role: OrgRole;
  expiresAt: Date | null;
};

export function createApiKeyService(deps: { repositories: IdentityRepositories; transact: Transact }) {
  const { repositories, transact } = deps;
  return {
    /** Returns the secret once; only its hash is stored. A key is never OWNER nor above its creator. */
    async create(
      viewer: Viewer,
      input: CreateApiKeyInput,
    ): Promise<{ apiKey: ApiKeyRecord; secret: string }> {
      const userId = viewer.userId;
      if (userId === undefined) throw unauthenticated();
      const creatorRole = viewer.roleIn(input.organizationId);
      if (input.role === 'OWNER') throw badUserInput('input.role', 'an API key cannot be OWNER');
      if (creatorRole === undefined || isRoleAbove(input.role, creatorRole))
        throw forbidden('An API key cannot have a role above your own.');
      if (input.expiresAt !== null && input.expiresAt <= new Date())
        throw badUserInput('input.expiresAt', 'must be in the future');
      const secret = generateSecret('cpk');
      const apiKey = await transact(async (repos) => {
        const created = await repos.apiKeys.create({
          organizationId: input.organizationId,
          name: input.name,
          role: input.role,
          prefix: secret.slice(0, PREFIX_LENGTH),
          secretHash: hashSecret(secret),
          createdById: userId,
          expiresAt: input.expiresAt,
        });
        await repos.audit.record(viewer, {
          organizationId: input.organizationId,
          action: 'apikey.create',
          targetType: 'ApiKey',
          targetId: created.id,
          metadata: { name: created.name, role: created.role, prefix: created.prefix },
        });
        return created;
      });
      return { apiKey, secret };
    },

    async revoke(viewer: Viewer, apiKey: ApiKeyRecord): Promise<ApiKeyRecord> {
      if (apiKey.revokedAt !== null) return apiKey;
      return transact(async (repos) => {
        const revoked = await repos.apiKeys.revoke(apiKey.id);
        await repos.audit.record(viewer, {
          organizationId: apiKey.organizationId,
          action: 'apikey.revoke',
          targetType: 'ApiKey',
          targetId: apiKey.id,
          metadata: { name: apiKey.name },
        });
        return revoked;
      });
    },

    /**
     * The principal of an API key secret, or undefined when it is unknown, revoked, expired, or
     * its organization is gone. It acts with actingRoleOf's role.
     */
    async resolvePrincipal(secret: string): Promise<Principal | undefined> {
      const key = await repositories.apiKeys.findBySecretHash(hashSecret(secret));
      if (key === null || key.organization.deletedAt !== null) return undefined;
      const now = new Date();
      const role = await actingRoleOf(repositories, key, now);
      if (role === undefined) return undefined;
      if (key.lastUsedAt === null || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
        await repositories.apiKeys.touch(key.id, now);
      }
      return { kind: 'apiKey', apiKeyId: key.id, name: key.name, organizationId: key.organizationId, role };
    },
  };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
