import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DEMO_ALLOWED_REGISTRY, DEMO_POLICIES, type PolicyTemplate } from '@controlplane/compliance';
import { startStack, type GraphQLClient, type Stack } from '@controlplane/testkit';
import pg from 'pg';
import { DATABASE_URL } from './env';
import { ensureDatabase } from './stack';

/**
 * `npm run bench:compliance -w @controlplane/bench`: a compliance report over 1,000 designs and
 * 10 policies, timed at the workspace subgraph (signed as the gateway signs, so no gateway work
 * is counted). The testkit's in-process stack runs on the bench database; each run makes its own
 * organization, so the first call finds nothing cached. Reported: the first (cold) call, the
 * second call and its cache hit ratio (from the evaluator's own counters), further warm calls,
 * and what one changed policy or one changed design costs the next call.
 */
const DESIGNS = Number(process.env.BENCH_COMPLIANCE_DESIGNS ?? 1000);
const WARM_CALLS = Number(process.env.BENCH_COMPLIANCE_WARM_CALLS ?? 20);
const TARGET_MS = 50;

const REPORT = `query ($o: [ID!]!) {
  complianceReport(organizationIds: $o) {
    policies designsEvaluated compliantDesigns
    violations(first: 50) { totalCount nodes { policy { name severity } design { id name } resource message } }
  }
}`;

/** Five policies beside the five PCI-DSS-flavoured demo ones, all AUDIT: ten in all. */
const MORE_POLICIES: PolicyTemplate[] = (
  [
    {
      name: 'At least two replicas',
      description: 'Survives the loss of a node.',
      severity: 'MEDIUM',
      kinds: ['Deployment', 'StatefulSet'],
      expression: 'object.spec.replicas >= 2',
      message: 'Run at least two replicas.',
    },
    {
      name: 'App label',
      description: 'Every object names its application.',
      severity: 'LOW',
      kinds: [],
      expression: "has(object.metadata.labels) && 'app' in object.metadata.labels",
      message: 'Label every object with app.',
    },
    {
      name: 'Not in the default namespace',
      description: 'Namespaces separate tenants.',
      severity: 'MEDIUM',
      kinds: [],
      expression: "has(object.metadata.namespace) && object.metadata.namespace != 'default'",
      message: 'Set a namespace other than default.',
    },
    {
      name: 'Read-only root filesystem',
      description: 'Containers cannot change their own image.',
      severity: 'MEDIUM',
      kinds: ['Deployment'],
      expression:
        'object.spec.template.spec.containers.all(c, has(c.securityContext) && has(c.securityContext.readOnlyRootFilesystem) && c.securityContext.readOnlyRootFilesystem == true)',
      message: 'Set securityContext.readOnlyRootFilesystem: true.',
    },
    {
      name: 'Liveness probes',
      description: 'A stuck container is restarted.',
      severity: 'LOW',
      kinds: ['Deployment'],
      expression: 'object.spec.template.spec.containers.all(c, has(c.livenessProbe))',
      message: 'Give every container a livenessProbe.',
    },
  ] satisfies Omit<PolicyTemplate, 'enforcement'>[]
).map((policy) => ({ ...policy, enforcement: 'AUDIT' as const }));

/** A two-container Deployment; every 10th has no memory limit, every 25th a privileged sidecar. */
function designContent(n: number): string {
  const container = (name: string, privileged: boolean, memory: boolean) =>
    [
      `        - name: ${name}`,
      `          image: ${DEMO_ALLOWED_REGISTRY}shop/${name}:1.${n % 17}.${n % 7}`,
      `          securityContext: { runAsNonRoot: true, readOnlyRootFilesystem: true${privileged ? ', privileged: true' : ''} }`,
      `          resources: { limits: { cpu: 500m${memory ? ', memory: 256Mi' : ''} } }`,
      '          livenessProbe: { httpGet: { path: /health, port: 8080 } }',
    ].join('\n');
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: { name: app-${n}, namespace: shop, labels: { app: app-${n} } }`,
    'spec:',
    `  replicas: ${2 + (n % 3)}`,
    `  selector: { matchLabels: { app: app-${n} } }`,
    '  template:',
    `    metadata: { labels: { app: app-${n} } }`,
    '    spec:',
    '      containers:',
    container('app', false, n % 10 !== 0),
    container('sidecar', n % 25 === 0, true),
    '',
  ].join('\n');
}

type Tenant = { client: GraphQLClient; organizationId: string };

/** An owner, organization and workspace through the API, `designs` designs in SQL, and the ten policies. */
async function makeTenant(stack: Stack, designs: number): Promise<Tenant> {
  const gateway = stack.anonymous;
  const email = `compliance-${randomUUID().slice(0, 8)}@bench.example`;
  const { signUp } = await gateway.data(
    `mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id } } }`,
    { input: { email, displayName: 'Compliance bench', password: 'bench-password-2026' } },
  );
  const owner = stack.as(signUp.token);
  const { createOrganization } = await owner.data(
    `mutation ($n: String!) { createOrganization(input: { name: $n }) { id } }`,
    { n: `Compliance ${randomUUID().slice(0, 8)}` },
  );
  const organizationId = createOrganization.id as string;
  const { createWorkspace } = await owner.data(
    `mutation ($o: ID!) { createWorkspace(input: { organizationId: $o, name: "designs" }) { id } }`,
    { o: organizationId },
  );
  await insertDesigns({
    workspaceId: createWorkspace.id,
    organizationId,
    authorId: signUp.user.id,
    count: designs,
  });
  for (const policy of [...DEMO_POLICIES, ...MORE_POLICIES]) {
    await owner.data(`mutation ($input: CreatePolicyInput!) { createPolicy(input: $input) { id } }`, {
      input: { organizationId, ...policy, kinds: [...policy.kinds] },
    });
  }
  const principal = await stack.principalOf(signUp.token);
  return { client: stack.asService('workspace', principal), organizationId };
}

async function insertDesigns(options: {
  workspaceId: string;
  organizationId: string;
  authorId: string;
  count: number;
}): Promise<void> {
  const ids = Array.from({ length: options.count }, () => randomUUID());
  const names = ids.map((_, n) => `app-${n}`);
  const contents = ids.map((_, n) => designContent(n));
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO workspace."Design" (id, "workspaceId", "organizationId", name, content, revision, "createdById", "updatedById", "createdAt", "updatedAt")
       SELECT d.id, $2, $3, d.name, d.content, 1, $4, $4, now(), now()
         FROM unnest($1::uuid[], $5::text[], $6::text[]) AS d(id, name, content)`,
      [ids, options.workspaceId, options.organizationId, options.authorId, names, contents],
    );
    await client.query(
      `INSERT INTO workspace."DesignRevision" ("designId", revision, name, content, "authorId", "createdAt")
       SELECT d.id, 1, d.name, d.content, $2, now() FROM unnest($1::uuid[], $3::text[], $4::text[]) AS d(id, name, content)`,
      [ids, options.authorId, names, contents],
    );
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

/** Wall time of one call, and the CPU time this process (client and subgraphs) spent on it. */
type Call = { ms: number; cpuMs: number; evaluated: number; reused: number; answer: any };

async function timedReport(stack: Stack, tenant: Tenant): Promise<Call> {
  const before = stack.complianceStats();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const answer = await tenant.client.data(REPORT, { o: [tenant.organizationId] });
  const ms = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  const after = stack.complianceStats();
  return {
    ms,
    cpuMs: (user + system) / 1000,
    evaluated: after.evaluated - before.evaluated,
    reused: after.reused - before.reused,
    answer,
  };
}

const hitRatio = (call: Call) => call.reused / Math.max(1, call.evaluated + call.reused);
const fixed = (ms: number) => ms.toFixed(1);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function main(): Promise<void> {
  await ensureDatabase();
  const stack = await startStack({ databaseUrl: DATABASE_URL });
  try {
    // Warms the JIT, the compile cache and the prepared statements on a small tenant first.
    const warmUp = await makeTenant(stack, 50);
    for (let i = 0; i < 3; i += 1) await timedReport(stack, warmUp);

    const tenant = await makeTenant(stack, DESIGNS);
    const first = await timedReport(stack, tenant);
    const second = await timedReport(stack, tenant);
    const warm: Call[] = [];
    for (let i = 0; i < WARM_CALLS; i += 1) warm.push(await timedReport(stack, tenant));
    if (JSON.stringify(second.answer) !== JSON.stringify(first.answer))
      throw new Error('the second report differs from the first');

    // What exact invalidation costs: one design edited (one evaluation), one policy edited (all).
    const [design] = (first.answer.complianceReport[0].violations.nodes as { design: { id: string } }[]).map(
      (node) => node.design,
    );
    await tenant.client.data(
      `mutation ($id: ID!, $c: String!) { updateDesign(id: $id, input: { content: $c }, expectedRevision: 1) { revision } }`,
      { id: design?.id, c: designContent(1) },
    );
    const afterDesign = await timedReport(stack, tenant);
    const { policies } = await tenant.client.data(`query ($o: ID!) { policies(organizationId: $o) { id } }`, {
      o: tenant.organizationId,
    });
    await tenant.client.data(
      `mutation ($id: ID!) { updatePolicy(id: $id, input: { severity: HIGH }) { id } }`,
      {
        id: policies[0].id,
      },
    );
    const afterPolicy = await timedReport(stack, tenant);

    const report = first.answer.complianceReport[0];
    console.log(
      `Compliance report, ${report.designsEvaluated} designs x ${report.policies} policies: ` +
        `${report.compliantDesigns} compliant, ${report.violations.totalCount} violations.\n`,
    );
    console.log(
      '| call | time at the workspace subgraph | CPU time of this process | designs evaluated | answered from cache | cache hit ratio |',
    );
    console.log('|---|---|---|---|---|---|');
    const row = (label: string, call: Call) =>
      console.log(
        `| ${label} | ${fixed(call.ms)} ms | ${fixed(call.cpuMs)} ms | ${call.evaluated} | ${call.reused} | ${(hitRatio(call) * 100).toFixed(1)}% |`,
      );
    row('1st (cold cache)', first);
    row('2nd (nothing changed)', second);
    const spread = (values: number[]) =>
      `median ${fixed(median(values))} ms [${fixed(Math.min(...values))}–${fixed(Math.max(...values))}]`;
    const warmHits = warm.reduce((sum, call) => sum + call.reused, 0);
    const warmAll = warm.reduce((sum, call) => sum + call.reused + call.evaluated, 0);
    console.log(
      `| ${WARM_CALLS} more, nothing changed | ${spread(warm.map((call) => call.ms))} | ${spread(warm.map((call) => call.cpuMs))} | ${warmAll - warmHits} | ${warmHits} | ${((warmHits / warmAll) * 100).toFixed(1)}% |`,
    );
    row('after one design edited', afterDesign);
    row('after one policy edited', afterPolicy);
    console.log(
      `\nTarget: the second call under ${TARGET_MS} ms at the subgraph: ${second.ms < TARGET_MS ? 'met' : 'NOT met'} (${fixed(second.ms)} ms).`,
    );
  } finally {
    await stack.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
