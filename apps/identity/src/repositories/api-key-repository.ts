import type { OrgRole } from '../generated/prisma/client';
import type { IdentityDb } from './prisma';

export type ApiKeyRecord = {
  id: string;
  organizationId: string;
  name: string;
  role: OrgRole;
  prefix: string;
  createdById: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

const apiKeyColumns = {
  id: true,
  organizationId: true,
  name: true,
  role: true,
  prefix: true,
  createdById: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export function createApiKeyRepository(db: IdentityDb) {
  return {
    create(data: {
      organizationId: string;
      name: string;
      role: OrgRole;
      prefix: string;
      secretHash: string;
      createdById: string;
      expiresAt: Date | null;
    }): Promise<ApiKeyRecord> {
      return db.apiKey.create({ data, select: apiKeyColumns });
    },

    findByIds(ids: readonly string[]): Promise<ApiKeyRecord[]> {
      return db.apiKey.findMany({ where: { id: { in: [...ids] } }, select: apiKeyColumns });
    },

    findBySecretHash(secretHash: string) {
      return db.apiKey.findUnique({
        where: { secretHash },
        select: { ...apiKeyColumns, organization: { select: { deletedAt: true } } },
      });
    },

    findByOrganization(organizationId: string): Promise<ApiKeyRecord[]> {
      return db.apiKey.findMany({
        where: { organizationId },
        select: apiKeyColumns,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      });
    },

    revoke(id: string): Promise<ApiKeyRecord> {
      return db.apiKey.update({ where: { id }, data: { revokedAt: new Date() }, select: apiKeyColumns });
    },

    /** Revokes every live key a user created in an organization (when the user leaves it). */
    async revokeCreatedBy(organizationId: string, userId: string): Promise<void> {
      await db.apiKey.updateMany({
        where: { organizationId, createdById: userId, revokedAt: null },
        data: { revokedAt: new Date() },
      });
    },

    async touch(id: string, at: Date): Promise<void> {
      await db.apiKey.update({ where: { id }, data: { lastUsedAt: at } });
    },
  };
}

export type ApiKeyRepository = ReturnType<typeof createApiKeyRepository>;
