import { createDesignRepository } from './design-repository';
import { createEnvironmentRepository } from './environment-repository';
import { createOutboxRepository, type OutboxDelegate } from '@controlplane/audit';
import type { WorkspaceDb, WorkspacePrisma } from './prisma';
import { createWorkspaceRepository } from './workspace-repository';

export function createRepositories(db: WorkspaceDb) {
  return {
    workspaces: createWorkspaceRepository(db),
    environments: createEnvironmentRepository(db),
    designs: createDesignRepository(db),
    audit: createOutboxRepository(db.auditOutbox as unknown as OutboxDelegate),
  };
}

export type WorkspaceRepositories = ReturnType<typeof createRepositories>;

/** Runs `work` in one database transaction with repositories bound to it. */
export type Transact = <T>(work: (repositories: WorkspaceRepositories) => Promise<T>) => Promise<T>;

/** `afterCommit` runs after each committed transaction (it wakes the audit relay). */
export function createTransact(prisma: WorkspacePrisma, afterCommit: () => void = () => undefined): Transact {
  return async (work) => {
    const result = await prisma.$transaction((tx) => work(createRepositories(tx)), { timeout: 15_000 });
    afterCommit();
    return result;
  };
}
