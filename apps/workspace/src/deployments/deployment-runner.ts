import type { OutboxRepository } from '@controlplane/audit';
import { ANONYMOUS, Viewer } from '@controlplane/auth';
import { parseManifests, type Manifest } from '@controlplane/deploy';
import type { Logger } from 'pino';
import type { ComplianceEvaluator } from '../compliance/evaluator';
import type { CredentialReader } from '../credentials';
import { MAX_ATTEMPTS, type DeploymentJobs, type TargetOutcome } from './deployment-jobs';
import { deploymentEvent } from './deployment-audit';
import type { DeploymentRecord, DeploymentRepository, DeploymentTargetRecord } from './deployment-repository';
import { DEPLOYABLE_KINDS, runTarget, type DeployableKind, type TargetLimits } from './target-runner';

/** A transaction with the repositories a run's end needs. */
export type DeploymentTransact = <T>(
  work: (repositories: { deployments: DeploymentRepository; audit: OutboxRepository }) => Promise<T>,
) => Promise<T>;

export type DeploymentRunnerOptions = {
  jobs: DeploymentJobs;
  /** A dry run reports the DENY policies the revision violates instead of contacting targets. */
  evaluator: ComplianceEvaluator;
  deployments: DeploymentRepository;
  transact: DeploymentTransact;
  /** Opens a target connection's credentials (re-encrypting those sealed with the previous key). */
  readCredentials: CredentialReader;
  limits: TargetLimits;
  /** Targets of one deployment worked on at once. */
  targetConcurrency: number;
  leaseMs: number;
  logger: Logger;
};

class LostLease extends Error {}

/**
 * Runs one claimed deployment: each target not done yet, a few at a time, then the overall status
 * with its audit event (actor SYSTEM), in one transaction. Credentials are decrypted here and go
 * nowhere else: not into messages, logs or events. A worker that loses its lease stops writing.
 */
export function createDeploymentRunner(options: DeploymentRunnerOptions) {
  const { jobs, deployments, readCredentials, logger } = options;

  async function finish(
    deployment: DeploymentRecord,
    workerId: string,
    targets: readonly TargetOutcome[],
  ): Promise<void> {
    const status =
      targets.length > 0 && targets.every((target) => target.status === 'SUCCEEDED') ? 'SUCCEEDED' : 'FAILED';
    await options.transact(async (repos) => {
      if (!(await repos.deployments.finishRun(deployment.id, workerId, status))) throw new LostLease();
      // The system acts, on behalf of the request that asked for the deployment.
      await repos.audit.record(
        new Viewer(ANONYMOUS, deployment.requestId ?? 'none'),
        deploymentEvent(deployment, status === 'SUCCEEDED' ? 'deployment.succeed' : 'deployment.fail', {
          targets: targets.length,
          failedTargets: targets.filter((target) => target.status === 'FAILED').length,
        }),
      );
    });
  }

  /** The manifests to send: the revision's, parsed as at request time (it was validated then). */
  function manifestsOf(content: string | null): { manifests: Manifest[]; problem: string | null } {
    if (content === null) return { manifests: [], problem: 'The design revision no longer exists.' };
    try {
      return { manifests: parseManifests(content).manifests, problem: null };
    } catch {
      return { manifests: [], problem: 'The design revision is not a valid set of Kubernetes manifests.' };
    }
  }

  async function runTargets(
    deployment: DeploymentRecord,
    workerId: string,
    pending: DeploymentTargetRecord[],
  ): Promise<TargetOutcome[]> {
    const inputs = await deployments.findRunInputs(deployment);
    const parsed = manifestsOf(inputs.content);
    const { manifests } = parsed;
    let problem = parsed.problem;
    if (problem === null && deployment.dryRun && deployment.action === 'APPLY') {
      const denied = await options.evaluator.denyViolations(deployment.organizationId, inputs.content ?? '');
      if (denied.length > 0) {
        problem = `Would be refused by DENY policies: ${denied.map(({ policy, violation }) => `${policy.name} (${violation.resource}): ${violation.message}`).join('; ')}`;
      }
    }
    const connections = new Map(
      (
        await deployments.findTargetConnections(
          deployment.organizationId,
          pending.map((target) => target.connectionId),
        )
      ).map((c) => [c.id, c]),
    );
    const outcomes: TargetOutcome[] = [];
    const queue = [...pending];
    const work = async () => {
      for (let target = queue.shift(); target !== undefined; target = queue.shift()) {
        if (!(await jobs.startTarget(deployment.id, workerId, target.connectionId))) throw new LostLease();
        const connection = connections.get(target.connectionId);
        let outcome: TargetOutcome;
        if (problem !== null) outcome = { status: 'FAILED', message: problem, resources: [], commit: null };
        else if (
          connection === undefined ||
          !(DEPLOYABLE_KINDS as readonly string[]).includes(connection.kind)
        ) {
          outcome = {
            status: 'FAILED',
            message: 'The connection was deleted or no longer takes designs.',
            resources: [],
            commit: null,
          };
        } else {
          const opened =
            connection.encryptedCredentials === null
              ? { credentials: null }
              : await readCredentials({
                  ...connection,
                  encryptedCredentials: connection.encryptedCredentials,
                });
          outcome =
            'problem' in opened
              ? { status: 'FAILED', message: opened.problem, resources: [], commit: null }
              : await runTarget(
                  {
                    kind: connection.kind as DeployableKind,
                    url: connection.url,
                    credentials: opened.credentials,
                    settings: connection.settings,
                    action: deployment.action,
                    dryRun: deployment.dryRun,
                    manifests,
                    content: inputs.content ?? '',
                    change: {
                      environment: inputs.environmentName ?? deployment.environmentId,
                      design: inputs.designName ?? deployment.designId,
                      revision: deployment.designRevision,
                      deploymentId: deployment.id,
                      actor: deployment.createdById ?? 'system',
                    },
                  },
                  options.limits,
                );
        }
        if (!(await jobs.finishTarget(deployment.id, workerId, target.connectionId, outcome)))
          throw new LostLease();
        outcomes.push(outcome);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.targetConcurrency) }, work));
    return outcomes;
  }

  return {
    /** Runs the job `id` that `workerId` claimed (its `attempts`-th claim). */
    async run(id: string, attempts: number, workerId: string): Promise<void> {
      const [deployment] = await deployments.findByIds([id]);
      if (deployment === undefined) return;
      const targets = await deployments.findTargetsOf([id]);
      const done = targets.filter((target) => target.status === 'SUCCEEDED' || target.status === 'FAILED');
      const outcomesSoFar: TargetOutcome[] = done.map((target) => ({
        status: target.status as TargetOutcome['status'],
        message: target.message ?? '',
        resources: target.resources,
        commit: target.commit,
      }));
      const heartbeat = setInterval(
        () => void jobs.renew(id, workerId, options.leaseMs),
        Math.max(50, Math.floor(options.leaseMs / 3)),
      );
      heartbeat.unref();
      try {
        const pending = targets.filter((target) => !done.includes(target));
        if (attempts > MAX_ATTEMPTS) {
          const message = `Gave up after ${MAX_ATTEMPTS} attempts: the deployment kept stopping before it finished.`;
          for (const target of pending)
            await jobs.finishTarget(id, workerId, target.connectionId, {
              status: 'FAILED',
              message,
              resources: [],
              commit: null,
            });
          await finish(deployment, workerId, [
            ...outcomesSoFar,
            ...pending.map(() => ({ status: 'FAILED' as const, message, resources: [], commit: null })),
          ]);
          return;
        }
        await finish(deployment, workerId, [
          ...outcomesSoFar,
          ...(await runTargets(deployment, workerId, pending)),
        ]);
      } catch (error) {
        if (error instanceof LostLease)
          logger.warn({ deploymentId: id }, 'lost the lease of a deployment; another worker runs it');
        else throw error;
      } finally {
        clearInterval(heartbeat);
      }
    },
  };
}

export type DeploymentRunner = ReturnType<typeof createDeploymentRunner>;
