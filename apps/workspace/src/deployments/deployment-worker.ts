import { AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DeploymentJobs } from './deployment-jobs';
import type { DeploymentRunner } from './deployment-runner';

export type DeploymentWorker = {
  /** Looks for work now (after a deployment was recorded). */
  kick(): void;
  /** Resolves once no job is runnable and none runs here (tests, shutdown). */
  drain(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Claims and runs deployment jobs, at most `concurrency` at once (0: none, in a process that only
 * serves the API), whenever kicked and on a timer (which also picks up jobs whose worker died, once
 * their lease expired). Each process is one worker with its own id; several processes share the
 * queue safely (deployment-jobs.ts).
 */
export function startDeploymentWorker(options: {
  jobs: DeploymentJobs;
  runner: DeploymentRunner;
  concurrency: number;
  leaseMs: number;
  intervalMs: number;
  logger: Logger;
}): DeploymentWorker {
  const workerId = `worker-${randomUUID()}`;
  const running = new Set<Promise<void>>();
  const runningIds = new Set<string>();
  let pumping: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  async function pumpOnce(): Promise<void> {
    while (!stopped && running.size < options.concurrency) {
      const job = await options.jobs.claim(workerId, options.leaseMs, [...runningIds]);
      if (job === null) return;
      runningIds.add(job.id);
      const run = options.runner
        .run(job.id, job.attempts, workerId)
        .catch((error: unknown) =>
          options.logger.error(
            { err: error, deploymentId: job.id },
            'deployment run failed; it is retried after its lease',
          ),
        )
        .finally(() => {
          running.delete(run);
          runningIds.delete(job.id);
          void pump();
        });
      running.add(run);
    }
  }

  function pump(): Promise<void> {
    if (pumping !== undefined) {
      again = true;
      return pumping;
    }
    pumping = (async () => {
      do {
        again = false;
        await pumpOnce();
      } while (again && !stopped);
    })()
      .catch((error: unknown) =>
        options.logger.warn({ err: error }, 'could not claim deployments; trying again shortly'),
      )
      .finally(() => {
        pumping = undefined;
      });
    return pumping;
  }

  const timer = setInterval(() => void pump(), options.intervalMs);
  timer.unref();
  return {
    // Bound to the worker's own context: runs are background work, not part of the request that kicked them.
    kick: AsyncResource.bind(() => void pump()),
    async drain() {
      for (;;) {
        await pump();
        if (running.size === 0) {
          // Nothing runs: one more look, in case a job became runnable meanwhile.
          await pump();
          if (running.size === 0) return;
        }
        await Promise.all([...running]);
      }
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await pumping;
      await Promise.all([...running]);
    },
  };
}
