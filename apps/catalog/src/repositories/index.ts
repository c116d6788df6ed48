import { createPrismaTransact, type UnitOfWork } from '@controlplane/db';
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
export type Transact = UnitOfWork<CatalogRepositories>;

/** `afterCommit` runs after each committed transaction (it wakes the audit relay). */
export function createTransact(prisma: CatalogPrisma, afterCommit?: () => void): Transact {
  return createPrismaTransact({ prisma, createRepositories, afterCommit });
}
