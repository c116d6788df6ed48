import { changedFields } from '@controlplane/audit';
import type { Viewer } from '@controlplane/auth';
import { conflict, isUniqueViolation } from '@controlplane/errors';
import type { OutboxRepository } from '@controlplane/audit';
import type { PolicyFields, PolicyRecord, PolicyRepository } from './policy-repository';

export type PolicyTransact = <T>(
  work: (repositories: { policies: PolicyRepository; audit: OutboxRepository }) => Promise<T>,
) => Promise<T>;

function nameClash(error: unknown): unknown {
  return isUniqueViolation(error)
    ? conflict('input.name: a policy with this name already exists in the organization')
    : error;
}

/**
 * Policy changes, each in one transaction with its audit event and a raised policy set version
 * (which is what makes every cached evaluation of the organization stale). Who may make them is
 * the policy module's decision, made before these run.
 */
export function createPolicyService(deps: { transact: PolicyTransact }) {
  const { transact } = deps;
  return {
    async create(viewer: Viewer, organizationId: string, fields: PolicyFields): Promise<PolicyRecord> {
      try {
        return await transact(async (repos) => {
          const policy = await repos.policies.create(organizationId, fields);
          await repos.policies.bumpSetVersion(organizationId);
          await repos.audit.record(viewer, {
            organizationId,
            action: 'policy.create',
            targetType: 'Policy',
            targetId: policy.id,
            metadata: { name: policy.name, severity: policy.severity, enforcement: policy.enforcement },
          });
          return policy;
        });
      } catch (error) {
        throw nameClash(error);
      }
    },

    async update(viewer: Viewer, policy: PolicyRecord, fields: Partial<PolicyFields>): Promise<PolicyRecord> {
      try {
        return await transact(async (repos) => {
          const updated = await repos.policies.update(policy.id, fields);
          await repos.policies.bumpSetVersion(policy.organizationId);
          await repos.audit.record(viewer, {
            organizationId: policy.organizationId,
            action: 'policy.update',
            targetType: 'Policy',
            targetId: policy.id,
            metadata: { name: updated.name, changed: changedFields(fields) },
          });
          return updated;
        });
      } catch (error) {
        throw nameClash(error);
      }
    },

    async delete(viewer: Viewer, policy: PolicyRecord): Promise<boolean> {
      await transact(async (repos) => {
        await repos.policies.delete(policy.id);
        await repos.policies.bumpSetVersion(policy.organizationId);
        await repos.audit.record(viewer, {
          organizationId: policy.organizationId,
          action: 'policy.delete',
          targetType: 'Policy',
          targetId: policy.id,
          metadata: { name: policy.name },
        });
      });
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
      return transact(async (repos) => {
        const copied: PolicyRecord[] = [];
        for (const source of sources) {
          const { name, description, severity, enforcement, kinds, expression, message } = source;
          copied.push(
            await repos.policies.upsertByName(organizationId, {
              name,
              description,
              severity,
              enforcement,
              kinds,
              expression,
              message,
            }),
          );
        }
        await repos.policies.bumpSetVersion(organizationId);
        await repos.audit.record(viewer, {
          organizationId,
          action: 'policy.copy',
          targetType: 'Organization',
          targetId: organizationId,
          metadata: { fromOrganizationId, policies: copied.length },
        });
        return copied;
      });
    },
  };
}

export type PolicyService = ReturnType<typeof createPolicyService>;
