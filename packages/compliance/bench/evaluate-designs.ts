import {
  compilePolicy,
  createCompileCache,
  DEMO_POLICIES,
  evaluateDesign,
  prepareManifest,
  type Manifest,
  type PolicyRule,
} from '@controlplane/compliance';
import { parseAllDocuments, stringify } from 'yaml';

/**
 * Performance sanity check: 1,000 designs x 10 policies, as a compliance report over a large
 * organization would evaluate them. Prints figures; asserts nothing. Run from the repository root:
 *   npm run bench -w @controlplane/compliance
 */

const DESIGNS = 1000;
const ROUNDS = 5;

/** The five demo policies and five more of the kind organizations write. */
const POLICIES: PolicyRule[] = [
  ...DEMO_POLICIES.map((policy) => ({ ...policy, id: policy.name })),
  {
    id: 'team-label',
    kinds: [],
    expression: "has(object.metadata.labels) && 'team' in object.metadata.labels",
    message: 'Label the owning team.',
  },
  {
    id: 'replicas',
    kinds: ['Deployment'],
    expression: 'object.spec.replicas >= 2',
    message: 'Run at least two replicas.',
  },
  {
    id: 'no-latest',
    kinds: ['Deployment'],
    expression: "object.spec.template.spec.containers.all(c, !c.image.endsWith(':latest'))",
    message: 'Pin image tags.',
  },
  {
    id: 'probes',
    kinds: ['Deployment'],
    expression: 'object.spec.template.spec.containers.all(c, has(c.readinessProbe) && has(c.livenessProbe))',
    message: 'Declare readiness and liveness probes.',
  },
  {
    id: 'service-type',
    kinds: ['Service'],
    expression: "!has(object.spec.type) || object.spec.type != 'NodePort'",
    message: 'No NodePort services.',
  },
];

function container(name: string, index: number): Record<string, unknown> {
  const registry = index % 7 === 0 ? 'docker.io/library' : 'registry.example.com/shop';
  return {
    name,
    image: `${registry}/${name}:${index % 11 === 0 ? 'latest' : `1.${index % 10}.0`}`,
    securityContext: { runAsNonRoot: index % 5 !== 0, privileged: false, readOnlyRootFilesystem: true },
    resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
    ports: [{ containerPort: 8080 }],
    env: Array.from({ length: 8 }, (_, variable) => ({ name: `VAR_${variable}`, value: String(variable) })),
    readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
    livenessProbe: { httpGet: { path: '/health', port: 8080 } },
  };
}

/** A typical application: a Deployment (two containers, one init container), its Service and ConfigMap. */
function design(index: number): string {
  const name = `app-${index}`;
  const labels = { app: name, team: `team-${index % 13}` };
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'shop', labels },
      spec: {
        replicas: 1 + (index % 3),
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels },
          spec: {
            initContainers: [container('migrate', index)],
            containers: [container('web', index), container('proxy', index + 1)],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'shop', labels },
      spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: 'shop', labels },
      data: { MODE: 'production', LOG_LEVEL: 'info' },
    },
  ]
    .map((document) => stringify(document))
    .join('---\n');
}

/** Wall-clock and CPU milliseconds of `work`: on a shared machine the CPU time is the steadier figure. */
function measure(work: () => void): { wall: number; cpu: number } {
  const wallStart = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  work();
  const cpu = process.cpuUsage(cpuStart);
  return { wall: Number(process.hrtime.bigint() - wallStart) / 1e6, cpu: (cpu.user + cpu.system) / 1000 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The manifests of every design, parsed and prepared once, with the compiled policies for their kind. */
function preparedEvaluations(designs: string[]): (() => void)[] {
  const compiled = POLICIES.map((policy) => {
    const result = compilePolicy(policy.expression);
    if (!result.ok) throw new Error(`${policy.id}: ${result.error.reason}`);
    return { kinds: policy.kinds, policy: result.policy };
  });
  return designs.flatMap((content) =>
    parseAllDocuments(content, { intAsBigInt: true }).flatMap((document) => {
      const object = document.toJS() as Manifest;
      const manifest = prepareManifest(object);
      return compiled
        .filter(({ kinds }) => kinds.length === 0 || kinds.includes(String(object.kind)))
        .map(
          ({ policy }) =>
            () =>
              void policy.evaluate(manifest),
        );
    }),
  );
}

function main(): void {
  const designs = Array.from({ length: DESIGNS }, (_, index) => design(index));
  const evaluations = preparedEvaluations(designs);
  const cache = createCompileCache();
  let violations = 0;
  const rounds = Array.from({ length: ROUNDS }, () => ({
    // Interleaved, so that load from other processes falls on all three alike.
    whole: measure(() => {
      violations = designs.reduce(
        (count, content) => count + evaluateDesign({ content, policies: POLICIES, cache }).length,
        0,
      );
    }),
    yaml: measure(() => {
      for (const content of designs)
        for (const document of parseAllDocuments(content, { intAsBigInt: true })) document.toJS();
    }),
    cel: measure(() => {
      for (const evaluate of evaluations) evaluate();
    }),
  }));
  const cpu = (part: 'whole' | 'yaml' | 'cel') => median(rounds.map((round) => round[part].cpu));
  const whole = cpu('whole');
  console.log(
    `node ${process.version}, ${DESIGNS} designs x ${POLICIES.length} policies, 3 manifests per design, ${ROUNDS} rounds`,
  );
  console.log(
    `evaluateDesign CPU ms per round: ${rounds.map((round) => round.whole.cpu.toFixed(0)).join(', ')}`,
  );
  console.log(
    `median: ${whole.toFixed(0)} ms CPU (${median(rounds.map((round) => round.whole.wall)).toFixed(0)} ms wall) for all 1,000 designs, ${(whole / DESIGNS).toFixed(2)} ms per design`,
  );
  console.log(
    `  reading the YAML alone: ${cpu('yaml').toFixed(0)} ms CPU (${((100 * cpu('yaml')) / whole).toFixed(0)}%)`,
  );
  console.log(
    `  the ${evaluations.length} policy evaluations alone: ${cpu('cel').toFixed(0)} ms CPU, ${((1000 * cpu('cel')) / evaluations.length).toFixed(1)} µs each`,
  );
  console.log(
    `violations per round: ${violations}; expressions compiled: ${cache.stats().misses} (of ${POLICIES.length})`,
  );
}

main();
