import {
  KUBERNETES_MANIFEST_RULE_ID,
  type PolicySeverity,
  type PolicyViolation,
} from '@controlplane/compliance';
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

/**
 * The views of a design's violations, each naming its policy: one of the organization's, or the
 * built-in manifest rule. A violation of a policy that is no longer among `policies` (deleted
 * after the evaluation was read, before the policies were) is left out, never shown under
 * another policy's name.
 */
export function viewsOf(
  organizationId: string,
  policies: ReadonlyMap<string, PolicyRecord>,
  design: { id: string; revision: number },
  violations: readonly PolicyViolation[],
): ViolationView[] {
  return violations.flatMap((violation) => {
    const policy =
      violation.policyId === KUBERNETES_MANIFEST_RULE_ID
        ? builtinPolicy(organizationId)
        : policies.get(violation.policyId);
    if (policy === undefined) return [];
    return [
      {
        policy,
        designId: design.id,
        designRevision: design.revision,
        resource: violation.resource,
        message: violation.message,
      },
    ];
  });
}

/**
 * One report per organization: its live designs (current revisions) against its policies. The
 * cache state comes from one statement that returns only the designs that matter (stale ones and
 * ones with violations); compliant designs with a valid evaluation are only counted. Only that
 * organization's designs and policies are read for its report.
 */
export async function buildComplianceReports(
  organizationIds: readonly string[],
  deps: { policies: PolicyRepository; evaluator: ComplianceEvaluator },
): Promise<ComplianceReportRecord[]> {
  const [states, policies] = await Promise.all([
    deps.policies.findComplianceState(organizationIds),
    deps.policies.findByOrganizations(organizationIds),
  ]);
  const stale = states.flatMap((state) =>
    state.others
      .filter((design) => design.violations === null)
      .map((design) => ({ id: design.id, organizationId: state.organizationId, revision: design.revision })),
  );
  const designCount = states.reduce((sum, state) => sum + state.designs, 0);
  const refreshed = await deps.evaluator.refresh(
    stale,
    new Map(states.map((state) => [state.organizationId, state.setVersion])),
    (ids) => deps.policies.findContents(ids),
    { reused: designCount - stale.length },
  );
  const stateOf = new Map(states.map((state) => [state.organizationId, state]));
  return organizationIds.map((organizationId) => {
    const own = new Map(
      policies
        .filter((policy) => policy.organizationId === organizationId)
        .map((policy) => [policy.id, policy]),
    );
    const state = stateOf.get(organizationId);
    const violations: ViolationView[] = [];
    let compliant = state?.compliantCached ?? 0;
    for (const design of state?.others ?? []) {
      const found = design.violations ?? refreshed.get(design.id)?.violations ?? [];
      const views = viewsOf(organizationId, own, design, found);
      if (views.length === 0) compliant += 1;
      violations.push(...views);
    }
    violations.sort((a, b) => SEVERITY_ORDER[a.policy.severity] - SEVERITY_ORDER[b.policy.severity]);
    return {
      organizationId,
      policies: own.size,
      designsEvaluated: state?.designs ?? 0,
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
