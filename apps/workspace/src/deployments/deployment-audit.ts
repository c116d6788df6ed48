import { auditEventsOn, type AuditInput, type AuditMetadata } from '@controlplane/audit';
import type { DeploymentRecord } from './deployment-repository';

const onDeployment = auditEventsOn('Deployment');

/**
 * A deployment's audit event (requested, succeeded, failed): what was deployed where, with
 * `counts` of its targets. Never a credential or a manifest.
 */
export function deploymentEvent(
  deployment: DeploymentRecord,
  action: string,
  counts: Record<string, number>,
): AuditInput {
  const metadata: AuditMetadata = {
    designId: deployment.designId,
    designRevision: deployment.designRevision,
    environmentId: deployment.environmentId,
    action: deployment.action,
    dryRun: deployment.dryRun,
    ...counts,
  };
  return onDeployment(deployment, action, metadata);
}
