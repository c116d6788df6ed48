import { createAudited } from '@controlplane/audit';
import type { Viewer } from '@controlplane/auth';
import { parseManifests, ManifestValidationError, describeIssue } from '@controlplane/deploy';
import { badUserInput, ContractError, ErrorCode } from '@controlplane/errors';
import type { DesignRecord } from '../repositories/design-repository';
import type { EnvironmentRecord } from '../repositories/environment-repository';
import type { DeploymentRecord, DeploymentRepository, NewDeployment } from './deployment-repository';
import type { ComplianceEvaluator } from '../compliance/evaluator';
import type { DeploymentTransact } from './deployment-runner';
import { deploymentEvent } from './deployment-audit';

/** Why a design's content cannot be deployed, with every problem named (document, resource, field). */
function invalidManifests(error: ManifestValidationError): ContractError {
  const problems = error.issues.map(describeIssue);
  return new ContractError(ErrorCode.BAD_USER_INPUT, `content: not deployable: ${problems.join('; ')}`, {
    field: 'content',
    problems: error.issues,
  });
}

/**
 * deployDesign and undeployDesign: the domain rules of a deployment request, after the policy
 * authorized the caller for the design and the environment. A request is recorded as a PENDING job
 * with its audit event in one transaction and returned at once; the worker does the work.
 */
export function createDeploymentService(deps: {
  deployments: DeploymentRepository;
  transact: DeploymentTransact;
  /** DENY policies refuse a revision that violates them. */
  evaluator: ComplianceEvaluator;
  /** Wakes the worker after a job was recorded. */
  kick: () => void;
}) {
  const { deployments } = deps;
  const audited = createAudited(deps.transact);

  /** Records a PENDING deployment of the design to the environment with its audit event; wakes the worker. */
  async function record(
    viewer: Viewer,
    target: { design: DesignRecord; environment: EnvironmentRecord },
    request: Pick<NewDeployment, 'designRevision' | 'action' | 'dryRun' | 'connectionIds'>,
  ): Promise<DeploymentRecord> {
    const { design, environment } = target;
    const input: NewDeployment = {
      organizationId: design.organizationId,
      workspaceId: design.workspaceId,
      designId: design.id,
      environmentId: environment.id,
      createdById: viewer.userId ?? null,
      requestId: viewer.requestId === 'none' ? null : viewer.requestId,
      ...request,
    };
    const deployment = await audited(
      viewer,
      (repos) => repos.deployments.create(input),
      (created) => deploymentEvent(created, 'deployment.create', { targets: input.connectionIds.length }),
    );
    deps.kick();
    return deployment;
  }

  async function deployableConnections(environment: EnvironmentRecord): Promise<string[]> {
    const connectionIds = await deployments.findDeployableConnectionIds(
      environment.id,
      environment.organizationId,
    );
    if (connectionIds.length === 0) {
      throw badUserInput(
        'environmentId',
        'the environment has no connection that takes designs (KUBERNETES or GIT)',
      );
    }
    return connectionIds;
  }

  return {
    /** Validates the revision's manifests, then records the deployment; nothing is recorded for an invalid design. */
    async deploy(
      viewer: Viewer,
      design: DesignRecord,
      environment: EnvironmentRecord,
      input: { revision?: number | null | undefined; dryRun?: boolean | null | undefined },
    ): Promise<DeploymentRecord> {
      const revision = input.revision ?? design.revision;
      const stored = await deployments.findRevisionContent(design.id, revision);
      if (stored === null) throw badUserInput('input.revision', `the design has no revision ${revision}`);
      try {
        parseManifests(stored.content);
      } catch (error) {
        if (error instanceof ManifestValidationError) throw invalidManifests(error);
        throw error;
      }
      // A dry run reports DENY violations in its plan (the worker does); a real deploy is refused.
      if (input.dryRun !== true) {
        const denied = await deps.evaluator.denyViolations(design.organizationId, stored.content);
        if (denied.length > 0) {
          throw new ContractError(
            ErrorCode.BAD_USER_INPUT,
            `input.revision: refused by DENY policies: ${denied.map(({ policy, violation }) => `${policy.name} (${violation.resource})`).join('; ')}`,
            {
              field: 'input.revision',
              violations: denied.map(({ policy, violation }) => ({
                policy: policy.name,
                resource: violation.resource,
                message: violation.message,
              })),
            },
          );
        }
      }
      return record(
        viewer,
        { design, environment },
        {
          designRevision: revision,
          action: 'APPLY',
          dryRun: input.dryRun ?? false,
          connectionIds: await deployableConnections(environment),
        },
      );
    },

    /** Removes what the last successful APPLY put on its targets: the same revision's manifests. */
    async undeploy(
      viewer: Viewer,
      design: DesignRecord,
      environment: EnvironmentRecord,
    ): Promise<DeploymentRecord> {
      const applied = await deployments.findLastApplied(design.id, environment.id);
      if (applied === null)
        throw badUserInput('designId', 'the design was never deployed to this environment');
      const targets = await deployments.findTargetsOf([applied.id]);
      const connectionIds = targets
        .filter((target) => target.status === 'SUCCEEDED')
        .map((target) => target.connectionId);
      if (connectionIds.length === 0)
        throw badUserInput('designId', 'nothing of the last deployment remains on a connection');
      return record(
        viewer,
        { design, environment },
        { designRevision: applied.designRevision, action: 'DELETE', dryRun: false, connectionIds },
      );
    },
  };
}

export type DeploymentService = ReturnType<typeof createDeploymentService>;
