import { createPrismaTransact, type UnitOfWork } from '@controlplane/db';
import { createPolicyRepository } from '../compliance/policy-repository';
import { createDeploymentRepository } from '../deployments/deployment-repository';
import { createDesignRepository } from './design-repository';
import { createEnvironmentRepository } from './environment-repository';
import { createOutboxRepository, type OutboxDelegate } from '@controlplane/audit';
import type { WorkspaceDb, WorkspacePrisma } from './prisma';
import { createWorkspaceRepository } from './workspace-repository';

/** This subgraph's `AuditOutbox` table, seen as the audit package's outbox. */
export function outboxOf(db: WorkspaceDb): OutboxDelegate {
  return {
    create: (args) => db.auditOutbox.create(args),
    findMany: (args) => db.auditOutbox.findMany(args),
    deleteMany: (args) => db.auditOutbox.deleteMany(args),
  };
}

export function createRepositories(db: WorkspaceDb) {
  return {
    workspaces: createWorkspaceRepository(db),
    environments: createEnvironmentRepository(db),
    designs: createDesignRepository(db),
    deployments: createDeploymentRepository(db),
    policies: createPolicyRepository(db),
    audit: createOutboxRepository(outboxOf(db)),
  };
}

export type WorkspaceRepositories = ReturnType<typeof createRepositories>;

/** Runs `work` in one database transaction with repositories bound to it. */
export type Transact = UnitOfWork<WorkspaceRepositories>;

/** `afterCommit` runs after each committed transaction (it wakes the audit relay). */
export function createTransact(prisma: WorkspacePrisma, afterCommit?: () => void): Transact {
  return createPrismaTransact({ prisma, createRepositories, afterCommit });
}
