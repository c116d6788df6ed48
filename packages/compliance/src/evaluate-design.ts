import { createCompileCache, type CompileCache } from './compile-cache';
import type { CompileResult } from './compile';
import { readDesign } from './design-documents';
import { DEFAULT_COST_LIMIT } from './limits';
import type { PolicyResult } from './run-program';
import type { PreparedManifest } from './prepared-manifest';
import { KUBERNETES_MANIFEST_RULE_ID, type PolicyRule, type PolicyViolation } from './types';

export type EvaluateDesignInput = {
  /** The design revision's content: YAML or JSON, one or more documents. */
  readonly content: string;
  readonly policies: readonly PolicyRule[];
  /** Where compiled expressions are kept between calls; by default one shared by the process. */
  readonly cache?: CompileCache;
  /** Cost units each policy may spend on each manifest; default `DEFAULT_COST_LIMIT`. */
  readonly costLimit?: number;
};

const sharedCache = createCompileCache();

/**
 * Every violation of `policies` by the Kubernetes objects of one design, in document order and,
 * within a document, in policy order; empty when the design complies. Never throws: content
 * that is not valid YAML or a document that is not a Kubernetes object is reported as a
 * violation of the built-in rule `KUBERNETES_MANIFEST_RULE_ID`, and a policy that cannot decide
 * (runtime error, non-boolean result, cost limit, expression that no longer compiles) as a
 * violation of that policy, its message followed by the reason in parentheses.
 */
export function evaluateDesign(input: EvaluateDesignInput): PolicyViolation[] {
  const cache = input.cache ?? sharedCache;
  const costLimit = input.costLimit ?? DEFAULT_COST_LIMIT;
  const policies = input.policies.map((policy) => ({
    policy,
    kinds: new Set(policy.kinds),
    compiled: cache.compile(policy.expression),
  }));
  const violations: PolicyViolation[] = [];
  for (const document of readDesign(input.content)) {
    if (!document.ok) {
      violations.push({
        policyId: KUBERNETES_MANIFEST_RULE_ID,
        resource: document.resource,
        message: document.reason,
      });
      continue;
    }
    for (const { policy, kinds, compiled } of policies) {
      if (kinds.size > 0 && !kinds.has(document.kind)) continue;
      const result = evaluateCompiled(compiled, document.manifest, costLimit);
      if (result.status === 'passed') continue;
      const message = result.status === 'error' ? `${policy.message} (${result.detail})` : policy.message;
      violations.push({ policyId: policy.id, resource: document.resource, message });
    }
  }
  return violations;
}

function evaluateCompiled(
  compiled: CompileResult,
  manifest: PreparedManifest,
  costLimit: number,
): PolicyResult {
  if (!compiled.ok)
    return { status: 'error', cost: 0, detail: `expression does not compile: ${compiled.error.reason}` };
  return compiled.policy.evaluate(manifest, { costLimit });
}
