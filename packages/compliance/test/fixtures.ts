import { stringify } from 'yaml';

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

export function deployment(name: string, options: PodSpecOptions): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: podSpec(options) },
    },
  };
}

export function pod(name: string, options: PodSpecOptions): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'shop' }, spec: podSpec(options) };
}

export function cronJob(name: string, options: PodSpecOptions): Record<string, unknown> {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: 'shop' },
    spec: {
      schedule: '0 * * * *',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', ...podSpec(options) } } } },
    },
  };
}

/** The documents as one YAML stream, separated by `---`. */
export function design(...documents: Record<string, unknown>[]): string {
  return documents.map((document) => stringify(document)).join('---\n');
}
