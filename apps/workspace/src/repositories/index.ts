import { createDesignRepository } from './design-repository';
import { createEnvironmentRepository } from './environment-repository';
import type { WorkspaceDb, WorkspacePrisma } from './prisma';
import { createWorkspaceRepository } from './workspace-repository';

export function createRepositories(db: WorkspaceDb) {
  return {
    workspaces: createWorkspaceRepository(db),
    environments: createEnvironmentRepository(db),
    designs: createDesignRepository(db),
  };
}

export type WorkspaceRepositories = ReturnType<typeof createRepositories>;

/** Runs `work` in one database transaction with repositories bound to it. */
export type Transact = <T>(work: (repositories: WorkspaceRepositories) => Promise<T>) => Promise<T>;

export function createTransact(prisma: WorkspacePrisma): Transact {
  return (work) => prisma.$transaction((tx) => work(createRepositories(tx)), { timeout: 15_000 });
}
