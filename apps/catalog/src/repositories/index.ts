import {
  createTransact as createUnitOfWork,
  TRANSACTION_MAX_WAIT_MS,
  TRANSACTION_TIMEOUT_MS,
} from '@controlplane/db';
import { createCatalogItemRepository } from './catalog-item-repository';
import { createCloneRepository } from './clone-repository';
import { createFeedbackRepository } from './feedback-repository';
import { createOutboxRepository } from '@controlplane/audit';
import type { CatalogDb, CatalogPrisma } from './prisma';

export function createRepositories(db: CatalogDb) {
  return {
    items: createCatalogItemRepository(db),
    clones: createCloneRepository(db),
    feedback: createFeedbackRepository(db),
    audit: createOutboxRepository(db.auditOutbox),
  };
}

export type CatalogRepositories = ReturnType<typeof createRepositories>;

/** Runs `work` in one database transaction with repositories bound to it. */
export type Transact = <T>(work: (repositories: CatalogRepositories) => Promise<T>) => Promise<T>;

/** `afterCommit` runs after each committed transaction (it wakes the audit relay). */
export function createTransact(prisma: CatalogPrisma, afterCommit?: () => void): Transact {
  return createUnitOfWork({
    runInTransaction: (work) =>
      prisma.$transaction(work, { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_MAX_WAIT_MS }),
    createRepositories,
    afterCommit,
  });
}
