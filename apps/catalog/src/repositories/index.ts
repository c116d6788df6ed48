import { createCatalogItemRepository } from './catalog-item-repository';
import { createCloneRepository } from './clone-repository';
import { createFeedbackRepository } from './feedback-repository';
import type { CatalogDb, CatalogPrisma } from './prisma';

export function createRepositories(db: CatalogDb) {
  return { items: createCatalogItemRepository(db), clones: createCloneRepository(db), feedback: createFeedbackRepository(db) };
}

export type CatalogRepositories = ReturnType<typeof createRepositories>;

/** Runs `work` in one database transaction with repositories bound to it. */
export type Transact = <T>(work: (repositories: CatalogRepositories) => Promise<T>) => Promise<T>;

export function createTransact(prisma: CatalogPrisma): Transact {
  return (work) => prisma.$transaction((tx) => work(createRepositories(tx)), { timeout: 15_000 });
}
