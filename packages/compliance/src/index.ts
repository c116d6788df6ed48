/**
 * @controlplane/compliance: evaluates an organization's policies, CEL expressions over one
 * Kubernetes manifest as in a ValidatingAdmissionPolicy, against the documents of a design.
 * Pure and synchronous; storage, caching by revision and the deploy gate live in the subgraphs.
 */
export {
  compilePolicy,
  type CompiledPolicy,
  type CompileResult,
  type EvaluateOptions,
  type ExpressionError,
} from './compile';
export { createCompileCache, DEFAULT_COMPILE_CACHE_SIZE, type CompileCache } from './compile-cache';
export { evaluateDesign, type EvaluateDesignInput } from './evaluate-design';
export { DEMO_ALLOWED_REGISTRY, DEMO_POLICIES, type PolicyTemplate } from './demo-policies';
export { prepareManifest, type PreparedManifest } from './prepared-manifest';
export type { PolicyResult } from './run-program';
export {
  DEFAULT_COST_LIMIT,
  MAX_DESIGN_BYTES,
  MAX_EXPRESSION_BYTES,
  MAX_EXPRESSION_DEPTH,
  MAX_MACRO_NESTING,
  MAX_YAML_ALIASES,
} from './limits';
export {
  KUBERNETES_MANIFEST_RULE_ID,
  type Manifest,
  type PolicyEnforcement,
  type PolicyRule,
  type PolicySeverity,
  type PolicyViolation,
} from './types';
