import {
  auditEventsOn,
  changedFields,
  createAudited,
  organizationEvent,
  type AuditInput,
} from '@controlplane/audit';
import type { Viewer } from '@controlplane/auth';
import { conflictOnUniqueViolation } from '@controlplane/errors';
import type { OutboxRepository } from '@controlplane/audit';
import type { PolicyFields, PolicyRecord, PolicyRepository } from './policy-repository';

export type PolicyTransact = <T>(
  work: (repositories: { policies: PolicyRepository; audit: OutboxRepository }) => Promise<T>,
) => Promise<T>;

const nameClash = conflictOnUniqueViolation(
  'input.name: a policy with this name already exists in the organization',
);
const policyEvent = auditEventsOn('Policy');

type PolicyRepositories = Parameters<Parameters<PolicyTransact>[0]>[0];

/**
 * Policy changes, each in one transaction with its audit event and a raised policy set version
 * (which is what makes every cached evaluation of the organization stale). Who may make them is
 * the policy module's decision, made before these run.
 */
export function createPolicyService(deps: { transact: PolicyTransact }) {
  const audited = createAudited(deps.transact);

  /** A change of `organizationId`'s policies: the change, the raised set version, its audit event. */
  function changePolicies<T>(
    viewer: Viewer,
    organizationId: string,
    change: (repos: PolicyRepositories) => Promise<T>,
    describe: (result: T) => AuditInput,
  ): Promise<T> {
    return audited(
      viewer,
      async (repos) => {
        const result = await change(repos);
        await repos.policies.bumpSetVersion(organizationId);
        return result;
      },
      describe,
    );
  }

  return {
    create(viewer: Viewer, organizationId: string, fields: PolicyFields): Promise<PolicyRecord> {
      return changePolicies(
        viewer,
        organizationId,
        (repos) => repos.policies.create(organizationId, fields),
        (policy) =>
          policyEvent(policy, 'policy.create', {
            name: policy.name,
            severity: policy.severity,
            enforcement: policy.enforcement,
          }),
      ).catch(nameClash);
    },

    update(viewer: Viewer, policy: PolicyRecord, fields: Partial<PolicyFields>): Promise<PolicyRecord> {
      return changePolicies(
        viewer,
        policy.organizationId,
        (repos) => repos.policies.update(policy.id, fields),
        (updated) =>
          policyEvent(policy, 'policy.update', { name: updated.name, changed: changedFields(fields) }),
      ).catch(nameClash);
    },

    async delete(viewer: Viewer, policy: PolicyRecord): Promise<boolean> {
      await changePolicies(
        viewer,
        policy.organizationId,
        (repos) => repos.policies.delete(policy.id),
        () => policyEvent(policy, 'policy.delete', { name: policy.name }),
      );
      return true;
    },

    /**
     * Copies `sources` (every policy of the source organization) into `organizationId`, replacing
     * policies of the same name: one audit event there, naming only the source organization.
     */
    async copy(
      viewer: Viewer,
      sources: readonly PolicyRecord[],
      fromOrganizationId: string,
      organizationId: string,
    ): Promise<PolicyRecord[]> {
      return changePolicies(
        viewer,
        organizationId,
        async (repos) => {
          const copied: PolicyRecord[] = [];
          for (const source of sources) {
            const { name, description, severity, enforcement, kinds, expression, message } = source;
            const fields = { name, description, severity, enforcement, kinds, expression, message };
            copied.push(await repos.policies.upsertByName(organizationId, fields));
          }
          return copied;
        },
        (copied) =>
          organizationEvent(organizationId, 'policy.copy', { fromOrganizationId, policies: copied.length }),
      );
    },
  };
}

export type PolicyService = ReturnType<typeof createPolicyService>;
