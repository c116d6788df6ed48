/** The public data shapes of the compliance engine. */

/** One Kubernetes object of a design, as parsed from YAML (integers as `bigint`, as CEL's `int`). */
export type Manifest = Readonly<Record<string, unknown>>;

/** How serious a violation is; the contract's `PolicySeverity`. */
export type PolicySeverity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** AUDIT only reports; DENY also refuses deployment while a violation stands (the contract's `PolicyEnforcement`). */
export type PolicyEnforcement = 'AUDIT' | 'DENY';

/** What evaluation needs of a stored policy; the database row has more and may be passed as is. */
export type PolicyRule = {
  readonly id: string;
  /** Manifest kinds the policy applies to, compared exactly (`Deployment`); empty means every kind. */
  readonly kinds: readonly string[];
  /** CEL over `object`, one manifest; true means compliant. */
  readonly expression: string;
  /** Shown with each violation. */
  readonly message: string;
};

/**
 * One manifest failing one policy. `resource` is `kind/namespace/name` (`Deployment/shop/web`,
 * `Deployment//web` without a namespace), or `document N` (1-based, counting every YAML
 * document of the design) when the document has no kind and name to name it by.
 */
export type PolicyViolation = {
  readonly policyId: string;
  readonly resource: string;
  readonly message: string;
};

/**
 * The pseudo-policy id of violations that are not any policy's: content that is not valid YAML,
 * or a document that is not a Kubernetes object (a mapping with apiVersion, kind, metadata.name).
 */
export const KUBERNETES_MANIFEST_RULE_ID = 'builtin:kubernetes-manifest';
