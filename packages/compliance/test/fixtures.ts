import { stringify } from 'yaml';
import { compilePolicy, type CompiledPolicy } from '../src';

/** Builders of Kubernetes manifests for the tests, as YAML text like a design's content. */

export type Container = Record<string, unknown>;

/** A container every demo policy accepts: non-root, unprivileged, limited, from the allowed registry. */
export function compliantContainer(name: string, overrides: Container = {}): Container {
  return {
    name,
    image: `registry.example.com/shop/${name}:1.0.0`,
    securityContext: { runAsNonRoot: true, privileged: false },
    resources: { limits: { cpu: '500m', memory: '256Mi' } },
    ...overrides,
  };
}

export type PodSpecOptions = {
  readonly containers: Container[];
  readonly initContainers?: Container[];
  /** Other pod-spec fields: securityContext, hostNetwork… */
  readonly spec?: Record<string, unknown>;
};

function podSpec(options: PodSpecOptions): Record<string, unknown> {
  return {
    ...options.spec,
    ...(options.initContainers ? { initContainers: options.initContainers } : {}),
    containers: options.containers,
  };
}

/** A manifest named `name` in namespace `shop`. */
function manifest(object: {
  apiVersion: string;
  kind: string;
  name: string;
  spec: Record<string, unknown>;
}): Record<string, unknown> {
  const { apiVersion, kind, name, spec } = object;
  return { apiVersion, kind, metadata: { name, namespace: 'shop' }, spec };
}

export function deployment(name: string, options: PodSpecOptions): Record<string, unknown> {
  const template = { metadata: { labels: { app: name } }, spec: podSpec(options) };
  const spec = { replicas: 2, selector: { matchLabels: { app: name } }, template };
  return manifest({ apiVersion: 'apps/v1', kind: 'Deployment', name, spec });
}

export function pod(name: string, options: PodSpecOptions): Record<string, unknown> {
  return manifest({ apiVersion: 'v1', kind: 'Pod', name, spec: podSpec(options) });
}

export function cronJob(name: string, options: PodSpecOptions): Record<string, unknown> {
  const jobTemplate = { spec: { template: { spec: { restartPolicy: 'Never', ...podSpec(options) } } } };
  return manifest({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    name,
    spec: { schedule: '0 * * * *', jobTemplate },
  });
}

/** `expression` compiled, failing the test with the reason when it does not compile. */
export function compiled(expression: string): CompiledPolicy {
  const result = compilePolicy(expression);
  if (!result.ok) throw new Error(`${expression}: ${result.error.reason}`);
  return result.policy;
}

/** The documents as one YAML stream, separated by `---`. */
export function design(...documents: Record<string, unknown>[]): string {
  return documents.map((document) => stringify(document)).join('---\n');
}
