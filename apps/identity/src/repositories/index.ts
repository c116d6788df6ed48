import { createApiKeyRepository } from './api-key-repository';
import { createAuditRepository } from './audit-repository';
import { createInvitationRepository } from './invitation-repository';
import { createOrganizationRepository } from './organization-repository';
import type { IdentityDb, IdentityPrisma } from './prisma';
import { createTeamRepository } from './team-repository';
import { createUserRepository } from './user-repository';

export function createRepositories(db: IdentityDb) {
  return {
    users: createUserRepository(db),
    organizations: createOrganizationRepository(db),
    teams: createTeamRepository(db),
    invitations: createInvitationRepository(db),
    apiKeys: createApiKeyRepository(db),
    audit: createAuditRepository(db),
  };
}

export type IdentityRepositories = ReturnType<typeof createRepositories>;

/** Runs `work` in one database transaction with repositories bound to it. */
export type Transact = <T>(work: (repositories: IdentityRepositories) => Promise<T>) => Promise<T>;

export function createTransact(prisma: IdentityPrisma): Transact {
  return (work) => prisma.$transaction((tx) => work(createRepositories(tx)), { timeout: 15_000 });
}
