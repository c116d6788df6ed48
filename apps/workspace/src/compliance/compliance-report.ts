import type { PolicySeverity, PolicyViolation } from '@controlplane/compliance';
import { badUserInput } from '@controlplane/errors';
import { pageSize } from '@controlplane/graphql-kit';
import { builtinPolicy, type ComplianceEvaluator } from './evaluator';
import type { PolicyRecord, PolicyRepository } from './policy-repository';

/** One violation as the contract shows it: the policy, the design and revision, the resource. */
export type ViolationView = {
  policy: PolicyRecord;
  designId: string;
  designRevision: number;
  resource: string;
  message: string;
};

export type ComplianceReportRecord = {
  organizationId: string;
  policies: number;
  designsEvaluated: number;
  compliantDesigns: number;
  /** Every violation, most severe first. */
  violations: ViolationView[];
};

const SEVERITY_ORDER: Record<PolicySeverity, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };

/** Names a violation's policy: one of the organization's, or the built-in manifest rule. */
export function viewOf(
  organizationId: string,
  policies: ReadonlyMap<string, PolicyRecord>,
  designId: string,
  revision: number,
  violation: PolicyViolation,
): ViolationView {
  return {
    policy: policies.get(violation.policyId) ?? builtinPolicy(organizationId),
    designId,
    designRevision: revision,
    resource: violation.resource,
    message: violation.message,
  };
}

/**
 * One report per organization: its live designs (current revisions) against its policies, from
 * the evaluation cache where it is still valid. Only that organization's designs and policies
 * are read for its report.
 */
export async function buildComplianceReports(
  organizationIds: readonly string[],
  deps: { policies: PolicyRepository; evaluator: ComplianceEvaluator },
): Promise<ComplianceReportRecord[]> {
  const [designs, policies] = await Promise.all([
    deps.policies.findDesignsOfOrganizations(organizationIds),
    deps.policies.findByOrganizations(organizationIds),
  ]);
  const evaluations = await deps.evaluator.evaluate(designs, (ids) => deps.policies.findContents(ids));
  return organizationIds.map((organizationId) => {
    const own = new Map(
      policies
        .filter((policy) => policy.organizationId === organizationId)
        .map((policy) => [policy.id, policy]),
    );
    const ownDesigns = designs.filter((design) => design.organizationId === organizationId);
    const violations: ViolationView[] = [];
    let compliant = 0;
    for (const design of ownDesigns) {
      const evaluation = evaluations.get(design.id);
      if (evaluation === undefined || evaluation.violations.length === 0) compliant += 1;
      for (const violation of evaluation?.violations ?? [])
        violations.push(viewOf(organizationId, own, design.id, design.revision, violation));
    }
    violations.sort((a, b) => SEVERITY_ORDER[a.policy.severity] - SEVERITY_ORDER[b.policy.severity]);
    return {
      organizationId,
      policies: own.size,
      designsEvaluated: ownDesigns.length,
      compliantDesigns: compliant,
      violations,
    };
  });
}

/** A page of a computed list: the cursor is the position after the last row shown. */
export function pageOfViolations(
  violations: readonly ViolationView[],
  args: { first?: number | null; after?: string | null; severity?: PolicySeverity | null },
) {
  const size = pageSize(args.first, 50);
  const filtered = args.severity
    ? violations.filter((violation) => violation.policy.severity === args.severity)
    : violations;
  const start = args.after === null || args.after === undefined ? 0 : decodePosition(args.after);
  const nodes = filtered.slice(start, start + size);
  const end = start + nodes.length;
  return {
    nodes,
    pageInfo: {
      hasNextPage: end < filtered.length,
      endCursor: nodes.length === 0 ? null : encodePosition(end),
    },
    totalCount: filtered.length,
  };
}

function encodePosition(position: number): string {
  return Buffer.from(`at:${position}`).toString('base64url');
}

function decodePosition(cursor: string): number {
  const match = /^at:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match === null) throw badUserInput('after', 'is not a cursor returned by this API');
  return Number(match[1]);
}
