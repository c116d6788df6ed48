import {
  createCompileCache,
  evaluateDesign,
  KUBERNETES_MANIFEST_RULE_ID,
  type PolicyViolation,
} from '@controlplane/compliance';
import type { PolicyRecord, PolicyRepository } from './policy-repository';

/** A design as evaluation needs it: its current revision, in its organization (its text is read only when stale). */
export type EvaluatedDesign = { id: string; organizationId: string; revision: number };

export type DesignViolations = { designId: string; revision: number; violations: PolicyViolation[] };

/**
 * The built-in rule a design breaks when it is not valid YAML or has documents that are not
 * Kubernetes objects: reported like a policy (the contract's PolicyViolation names one).
 */
export function builtinPolicy(organizationId: string): PolicyRecord {
  const epoch = new Date(0);
  return {
    id: KUBERNETES_MANIFEST_RULE_ID,
    organizationId,
    name: 'Kubernetes manifests',
    description: 'Every document of a design is a Kubernetes object with apiVersion, kind and metadata.name.',
    severity: 'HIGH',
    enforcement: 'AUDIT',
    kinds: [],
    expression: 'has(object.apiVersion) && has(object.kind) && has(object.metadata.name)',
    message: 'The design is not a set of Kubernetes manifests.',
    createdAt: epoch,
    updatedAt: epoch,
  };
}

/**
 * A design's violations, cached by (design revision, policy set version): a cached evaluation is
 * used exactly while both are unchanged, and fresh ones are computed for the stale designs only,
 * in one pass, and stored in one statement. Compiled expressions are shared by all evaluations.
 */
export function createComplianceEvaluator(deps: { policies: PolicyRepository }) {
  const compileCache = createCompileCache();
  let evaluated = 0;
  let reused = 0;

  /**
   * Evaluates `stale` designs afresh and stores the results, each under the policy set version
   * read before the policies were (so a change made meanwhile leaves the stored one stale, never
   * wrongly fresh).
   */
  async function refresh(
    stale: readonly EvaluatedDesign[],
    versions: ReadonlyMap<string, number>,
    contentOf: (designIds: string[]) => Promise<Map<string, string>>,
  ): Promise<Map<string, DesignViolations>> {
    const result = new Map<string, DesignViolations>();
    if (stale.length === 0) return result;
    const [policies, contents] = await Promise.all([
      deps.policies.findByOrganizations([...new Set(stale.map((design) => design.organizationId))]),
      contentOf(stale.map((design) => design.id)),
    ]);
    const fresh = stale.map((design) => {
      const rules = policies.filter((policy) => policy.organizationId === design.organizationId);
      const content = contents.get(design.id) ?? '';
      const violations = evaluateDesign({ content, policies: rules, cache: compileCache });
      result.set(design.id, { designId: design.id, revision: design.revision, violations });
      return {
        designId: design.id,
        organizationId: design.organizationId,
        revision: design.revision,
        policySetVersion: versions.get(design.organizationId) ?? 0,
        violations,
      };
    });
    evaluated += fresh.length;
    await deps.policies.saveEvaluations(fresh);
    return result;
  }

  return {
    /** `contentOf` reads the current text of the designs whose cached evaluation is stale. */
    async evaluate(
      designs: readonly EvaluatedDesign[],
      contentOf: (designIds: string[]) => Promise<Map<string, string>>,
    ): Promise<Map<string, DesignViolations>> {
      const result = new Map<string, DesignViolations>();
      if (designs.length === 0) return result;
      const organizationIds = [...new Set(designs.map((design) => design.organizationId))];
      const [versions, cached] = await Promise.all([
        deps.policies.findSetVersions(organizationIds),
        deps.policies.findEvaluations(designs.map((design) => design.id)),
      ]);
      const cachedById = new Map(cached.map((evaluation) => [evaluation.designId, evaluation]));
      const stale: EvaluatedDesign[] = [];
      for (const design of designs) {
        const hit = cachedById.get(design.id);
        const version = versions.get(design.organizationId) ?? 0;
        if (hit !== undefined && hit.revision === design.revision && hit.policySetVersion === version) {
          result.set(design.id, {
            designId: design.id,
            revision: design.revision,
            violations: hit.violations as PolicyViolation[],
          });
        } else stale.push(design);
      }
      reused += designs.length - stale.length;
      for (const [id, fresh] of await refresh(stale, versions, contentOf)) result.set(id, fresh);
      return result;
    },

    /**
     * For callers that found the stale designs themselves (the compliance report reads cache
     * state in SQL): evaluates `stale` afresh, and counts `reused` designs answered from the cache.
     */
    async refresh(
      stale: readonly EvaluatedDesign[],
      versions: ReadonlyMap<string, number>,
      contentOf: (designIds: string[]) => Promise<Map<string, string>>,
      counted: { reused: number },
    ): Promise<Map<string, DesignViolations>> {
      reused += counted.reused;
      return refresh(stale, versions, contentOf);
    },

    /** Violations of DENY policies by some content (the deploy gate), never cached: revisions vary. */
    async denyViolations(
      organizationId: string,
      content: string,
    ): Promise<{ policy: PolicyRecord; violation: PolicyViolation }[]> {
      const policies = (await deps.policies.findByOrganizations([organizationId])).filter(
        (policy) => policy.enforcement === 'DENY',
      );
      if (policies.length === 0) return [];
      const byId = new Map(policies.map((policy) => [policy.id, policy]));
      return evaluateDesign({ content, policies, cache: compileCache })
        .filter((violation) => byId.has(violation.policyId))
        .map((violation) => ({ policy: byId.get(violation.policyId) as PolicyRecord, violation }));
    },

    /** Designs evaluated afresh and answered from the cache since start (for the benchmark). */
    stats: () => ({ evaluated, reused }),
  };
}

export type ComplianceEvaluator = ReturnType<typeof createComplianceEvaluator>;
