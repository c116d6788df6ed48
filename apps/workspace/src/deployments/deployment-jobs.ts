import type { WorkspacePrisma } from '../repositories/prisma';
import type { DeploymentStatus } from './deployment-repository';

/** A job that keeps failing to finish (its worker dies on it, say) is failed after this many claims. */
export const MAX_ATTEMPTS = 5;

export type TargetOutcome = {
  status: Extract<DeploymentStatus, 'SUCCEEDED' | 'FAILED'>;
  message: string;
  resources: readonly string[];
  commit: string | null;
};

/**
 * The deployment queue, in the workspace database. A worker claims the oldest PENDING job, or a
 * RUNNING one whose lease expired (its worker died), with FOR UPDATE SKIP LOCKED: two workers never
 * claim one job at once. Every later write is conditional on still holding the lease, so a worker
 * that lost its job (the lease expired and another took it) cannot overwrite the new run.
 */
export function createDeploymentJobs(db: WorkspacePrisma) {
  return {
    /**
     * The id of the job claimed for `workerId` until now + leaseMs; null when none is runnable.
     * `running`: jobs this worker is still running, never claimed again by it even when their lease
     * expired (a stalled event loop could not renew it): one process never runs a job twice at once.
     */
    async claim(
      workerId: string,
      leaseMs: number,
      running: readonly string[] = [],
    ): Promise<{ id: string; attempts: number } | null> {
      const rows = await db.$queryRaw<{ id: string; attempts: number }[]>`
        UPDATE "workspace"."Deployment" AS d
           SET status = 'RUNNING',
               "leasedBy" = ${workerId},
               "leaseExpiresAt" = clock_timestamp() + ${leaseMs} * interval '1 millisecond',
               "startedAt" = COALESCE(d."startedAt", clock_timestamp()),
               attempts = d.attempts + 1
         WHERE d.id = (
           SELECT id FROM "workspace"."Deployment"
            WHERE (status = 'PENDING' OR (status = 'RUNNING' AND "leaseExpiresAt" < clock_timestamp()))
              AND NOT (id = ANY(${[...running]}::uuid[]))
            ORDER BY "createdAt", id
            LIMIT 1
            FOR UPDATE SKIP LOCKED)
        RETURNING d.id, d.attempts`;
      return rows[0] ?? null;
    },

    /** Extends the lease while the job runs; false when this worker no longer holds it. */
    async renew(id: string, workerId: string, leaseMs: number): Promise<boolean> {
      const count = await db.$executeRaw`
        UPDATE "workspace"."Deployment"
           SET "leaseExpiresAt" = clock_timestamp() + ${leaseMs} * interval '1 millisecond'
         WHERE id = ${id}::uuid AND "leasedBy" = ${workerId} AND status = 'RUNNING'`;
      return count === 1;
    },

    /** Marks a target started; false when this worker no longer holds the job. */
    async startTarget(id: string, workerId: string, connectionId: string): Promise<boolean> {
      const count = await db.$executeRaw`
        UPDATE "workspace"."DeploymentTarget" AS t
           SET status = 'RUNNING', "updatedAt" = clock_timestamp()
          FROM "workspace"."Deployment" AS d
         WHERE t."deploymentId" = ${id}::uuid AND t."connectionId" = ${connectionId}::uuid
           AND d.id = t."deploymentId" AND d."leasedBy" = ${workerId} AND d.status = 'RUNNING'`;
      return count === 1;
    },

    /** Records a target's outcome; false when this worker no longer holds the job. */
    async finishTarget(
      id: string,
      workerId: string,
      connectionId: string,
      outcome: TargetOutcome,
    ): Promise<boolean> {
      const count = await db.$executeRaw`
        UPDATE "workspace"."DeploymentTarget" AS t
           SET status = ${outcome.status}::"workspace"."DeploymentStatus",
               message = ${outcome.message},
               resources = ${[...outcome.resources]}::text[],
               commit = ${outcome.commit},
               "updatedAt" = clock_timestamp()
          FROM "workspace"."Deployment" AS d
         WHERE t."deploymentId" = ${id}::uuid AND t."connectionId" = ${connectionId}::uuid
           AND d.id = t."deploymentId" AND d."leasedBy" = ${workerId} AND d.status = 'RUNNING'`;
      return count === 1;
    },
  };
}

export type DeploymentJobs = ReturnType<typeof createDeploymentJobs>;
