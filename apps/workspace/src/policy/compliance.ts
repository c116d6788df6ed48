import { forbidden } from '@controlplane/errors';
import { isWellFormedId } from '@controlplane/graphql-kit';
import type { PolicyRecord } from '../compliance/policy-repository';
import type { WorkspaceLoaders } from '../context';
import {
  requireOrganization,
  requireOrganizationRole,
  requireSignedIn,
  type OrganizationAction,
  type PolicyContext,
} from '../policy';

/**
 * Who may read and change policies and compliance reports: part of the workspace policy (see
 * policy.ts), kept in its own file. Any member reads an organization's policies; OWNER and ADMIN
 * change them; a report needs OWNER, ADMIN or AUDITOR in every listed organization.
 */
export type CompliancePolicyContext = PolicyContext & {
  loaders: PolicyContext['loaders'] & Pick<WorkspaceLoaders, 'policy'>;
};

/** A policy, when the caller's organization role allows `action` on it. */
export async function requirePolicy(
  id: unknown,
  action: OrganizationAction,
  context: CompliancePolicyContext,
): Promise<PolicyRecord> {
  requireSignedIn(context);
  const policy = isWellFormedId(id) ? await context.loaders.policy.load(id) : null;
  return requireOrganizationRole(policy, action, 'Policy', context);
}

/** Reading or changing the policies of an organization. */
export function requirePolicies(
  organizationId: string,
  action: OrganizationAction,
  context: PolicyContext,
): void {
  requireOrganization(organizationId, action, context);
}

/** copyPolicies: a member of the source, and OWNER or ADMIN of the target. */
export function requirePolicyCopy(
  fromOrganizationId: string,
  toOrganizationId: string,
  context: PolicyContext,
): void {
  requireOrganization(fromOrganizationId, 'see', context);
  requireOrganization(toOrganizationId, 'change', context);
}

const REPORT_READERS = ['OWNER', 'ADMIN', 'AUDITOR'] as const;
export const MAX_REPORTED_ORGANIZATIONS = 50;

/**
 * complianceReport: OWNER, ADMIN or AUDITOR in every listed organization, counted after removing
 * repeats (as the resolver reads them). One answer for every refusal, so the request cannot tell
 * which listed organizations exist.
 */
export function requireComplianceReaders(
  organizationIds: readonly string[],
  context: PolicyContext,
): string[] {
  requireSignedIn(context);
  const unique = [...new Set(organizationIds)];
  if (!unique.every((id) => context.viewer.hasRoleIn(id, REPORT_READERS))) {
    throw forbidden(
      'Compliance reports are readable only for organizations where you are OWNER, ADMIN or AUDITOR.',
    );
  }
  return unique;
}
