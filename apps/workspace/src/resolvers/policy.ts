import { buildComplianceReports, pageOfViolations, viewsOf } from '../compliance/compliance-report';
import { requireSignedIn } from '../policy';
import { requireComplianceReaders, requirePolicies, MAX_REPORTED_ORGANIZATIONS } from '../policy/compliance';
import { badUserInput } from '@controlplane/errors';
import type {
  ComplianceReportResolvers,
  PolicyResolvers,
  PolicyViolationResolvers,
  QueryResolvers,
} from './schema-types.generated';
import type { WorkspaceContext } from '../context';
import type { DesignRecord } from '../repositories/design-repository';

export const policyQueries = {
  policies: async (_parent, args, context) => {
    requirePolicies(args.organizationId, 'see', context);
    return context.loaders.policiesOfOrganization.load(args.organizationId);
  },
  complianceReport: async (_parent, args, context) => {
    requireSignedIn(context);
    if (args.organizationIds.length === 0)
      throw badUserInput('organizationIds', 'must list at least one organization');
    const organizationIds = requireComplianceReaders(args.organizationIds, context);
    if (organizationIds.length > MAX_REPORTED_ORGANIZATIONS) {
      throw badUserInput('organizationIds', `must list at most ${MAX_REPORTED_ORGANIZATIONS} organizations`);
    }
    return buildComplianceReports(organizationIds, {
      policies: context.repositories.policies,
      evaluator: context.services.evaluator,
    });
  },
} satisfies QueryResolvers;

/** Design.violations: the current revision's, from the evaluation cache (the design was authorized where reached). */
export async function violationsOfDesign(design: DesignRecord, context: WorkspaceContext) {
  const evaluation = await context.loaders.violationsOfDesign.load(design);
  if (evaluation === null || evaluation.violations.length === 0) return [];
  const policies = new Map(
    (await context.loaders.policiesOfOrganization.load(design.organizationId)).map((policy) => [
      policy.id,
      policy,
    ]),
  );
  return viewsOf(
    design.organizationId,
    policies,
    { id: design.id, revision: evaluation.revision },
    evaluation.violations,
  );
}

export const Policy = {
  organization: (policy) => ({ id: policy.organizationId }),
} satisfies PolicyResolvers;

export const PolicyViolation = {
  design: async (violation, _args, context) => {
    const design = await context.loaders.design.load(violation.designId);
    if (design === null) throw new Error(`violation of design ${violation.designId} without the design`);
    return design;
  },
} satisfies PolicyViolationResolvers;

export const ComplianceReport = {
  organization: (report) => ({ id: report.organizationId }),
  violations: (report, args) => pageOfViolations(report.violations, args),
} satisfies ComplianceReportResolvers;
