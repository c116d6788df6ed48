import { createEventOutboxRepository } from '@controlplane/audit';
import { createPrismaTransact, type UnitOfWork } from '@controlplane/db';
import { createApiKeyRepository } from './api-key-repository';
import { createAuditRepository } from './audit-repository';
import { eventOutboxOf } from './event-outbox';
import { createInvitationRepository } from './invitation-repository';
import { createOrganizationRepository } from './organization-repository';
import type { IdentityDb, IdentityPrisma } from './prisma';
import { createSessionRepository } from './session-repository';
import { createTeamRepository } from './team-repository';
import { createUserRepository } from './user-repository';
import { createWebhookJobs } from '../webhooks/webhook-jobs';
import { createWebhookRepository } from '../webhooks/webhook-repository';

export function createRepositories(db: IdentityDb) {
  return {
    users: createUserRepository(db),
    sessions: createSessionRepository(db),
    organizations: createOrganizationRepository(db),
    teams: createTeamRepository(db),
    invitations: createInvitationRepository(db),
    apiKeys: createApiKeyRepository(db),
    audit: createAuditRepository(db),
    events: createEventOutboxRepository(eventOutboxOf(db)),
    webhooks: createWebhookRepository(db),
    webhookJobs: createWebhookJobs(db),
  };
}

export type IdentityRepositories = ReturnType<typeof createRepositories>;

/** Runs `work` in one database transaction with repositories bound to it. */
export type Transact = UnitOfWork<IdentityRepositories>;

/** `afterCommit` runs after each committed transaction (it wakes the event relay). */
export function createTransact(prisma: IdentityPrisma, afterCommit?: () => void): Transact {
  return createPrismaTransact({ prisma, createRepositories, afterCommit });
}
