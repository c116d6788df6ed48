import { randomUUID } from 'node:crypto';
import { startDrainLoop } from '@controlplane/runtime';
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
  let stopped = false;

  /** Claims and starts jobs while there is room; returns how many it started. */
  async function startJobs(): Promise<number> {
    let started = 0;
    while (!stopped && running.size < options.concurrency) {
      const job = await options.jobs.claim(workerId, options.leaseMs, [...runningIds]);
      if (job === null) return started;
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
          loop.kick();
        });
      running.add(run);
      started += 1;
    }
    return started;
  }

  // Runs are background work, not part of the request that kicked them (startDrainLoop).
  const loop = startDrainLoop({
    pass: startJobs,
    intervalMs: options.intervalMs,
    onError: (error) =>
      options.logger.warn({ err: error }, 'could not claim deployments; trying again shortly'),
    stopped: () => stopped,
  });
  return {
    kick: loop.kick,
    async drain() {
      for (;;) {
        await loop.drain();
        if (running.size === 0) {
          // Nothing runs: one more look, in case a job became runnable meanwhile.
          await loop.drain();
          if (running.size === 0) return;
        }
        await Promise.all([...running]);
      }
    },
    async stop() {
      stopped = true;
      await loop.stop();
      await Promise.all([...running]);
    },
  };
}
