import type { PolicyEnforcement, PolicySeverity } from './types';

/** A policy as an organization would create it (`CreatePolicyInput` without the organization). */
export type PolicyTemplate = {
  readonly name: string;
  readonly description: string;
  readonly severity: PolicySeverity;
  readonly enforcement: PolicyEnforcement;
  readonly kinds: readonly string[];
  readonly expression: string;
  readonly message: string;
};

/** Registry the demo organization allows images from. */
export const DEMO_ALLOWED_REGISTRY = 'registry.example.com/';

/** Kinds that carry a pod spec, and where: a Pod's own, a CronJob's job template's, the others' template. */
const WORKLOAD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'];
const POD_SPEC =
  "(object.kind == 'Pod' ? object.spec" +
  " : object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template.spec" +
  ' : object.spec.template.spec)';

/**
 * `rule` over the pod spec, bound to `spec`. A macro over a one-element list is how a CEL
 * expression names a value; a ValidatingAdmissionPolicy would declare it under `variables`.
 */
function overPodSpec(rule: string): string {
  return `[${POD_SPEC}].all(spec, ${rule})`;
}

/** `rule` for every container, init containers included, bound to `c`. */
function overEveryContainer(rule: string): string {
  return overPodSpec(
    `((has(spec.initContainers) ? spec.initContainers : []) + spec.containers).all(c, ${rule})`,
  );
}

/**
 * A small PCI-DSS-flavoured policy set for demo data: least privilege, hardened configuration
 * and trusted software sources for the workloads of a cardholder-data environment. Illustrative,
 * not a complete or certified PCI DSS control mapping.
 */
export const DEMO_POLICIES: readonly PolicyTemplate[] = [
  {
    name: 'Containers run as non-root',
    description:
      'Every container, init containers included, runs with runAsNonRoot: set on the container, or on the pod and not overridden by the container. Least privilege for workloads handling cardholder data.',
    severity: 'HIGH',
    enforcement: 'DENY',
    kinds: WORKLOAD_KINDS,
    expression: overEveryContainer(
      'has(c.securityContext) && has(c.securityContext.runAsNonRoot)' +
        ' ? c.securityContext.runAsNonRoot == true' +
        ' : has(spec.securityContext) && has(spec.securityContext.runAsNonRoot) && spec.securityContext.runAsNonRoot == true',
    ),
    message: 'Every container must run as non-root: set securityContext.runAsNonRoot: true.',
  },
  {
    name: 'No privileged containers',
    description:
      "No container, init containers included, runs privileged: a privileged container has the host's devices and capabilities, which breaks isolation between the cardholder-data environment and everything else on the node.",
    severity: 'CRITICAL',
    enforcement: 'DENY',
    kinds: WORKLOAD_KINDS,
    expression: overEveryContainer(
      '!has(c.securityContext) || !has(c.securityContext.privileged) || c.securityContext.privileged == false',
    ),
    message: 'Containers must not run privileged: remove securityContext.privileged or set it to false.',
  },
  {
    name: 'CPU and memory limits set',
    description:
      'Every container, init containers included, declares CPU and memory limits, so that one workload cannot starve the others on its node.',
    severity: 'MEDIUM',
    enforcement: 'AUDIT',
    kinds: WORKLOAD_KINDS,
    expression: overEveryContainer(
      'has(c.resources) && has(c.resources.limits) && has(c.resources.limits.cpu) && has(c.resources.limits.memory)',
    ),
    message: 'Every container must set resources.limits.cpu and resources.limits.memory.',
  },
  {
    name: 'Images from the approved registry',
    description: `Every container image, init containers included, comes from ${DEMO_ALLOWED_REGISTRY}, where images are scanned and signed before they are admitted.`,
    severity: 'HIGH',
    enforcement: 'DENY',
    kinds: WORKLOAD_KINDS,
    expression: overEveryContainer(`c.image.startsWith('${DEMO_ALLOWED_REGISTRY}')`),
    message: `Container images must come from ${DEMO_ALLOWED_REGISTRY}.`,
  },
  {
    name: 'No host network',
    description:
      "Pods do not share the node's network namespace: with hostNetwork a pod sees all of the node's traffic and bypasses network policies that segment the cardholder-data environment.",
    severity: 'HIGH',
    enforcement: 'DENY',
    kinds: WORKLOAD_KINDS,
    expression: overPodSpec('!has(spec.hostNetwork) || spec.hostNetwork == false'),
    message: 'Pods must not use the host network: remove spec.hostNetwork or set it to false.',
  },
];
