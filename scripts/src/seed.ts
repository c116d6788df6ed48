import { randomUUID } from 'node:crypto';
import { DEMO_ALLOWED_REGISTRY, DEMO_POLICIES } from '@controlplane/compliance';
import { callerAs, graphqlRequest } from './graphql-client';

export const DEMO_PASSWORD = 'demo-password-2026';

/** The story the demo tells: a platform team and two business units sharing infrastructure designs. */
export const DEMO_USERS = [
  { email: 'alice@platform.demo', displayName: 'Alice Platform (platform owner)' },
  { email: 'bob@payments.demo', displayName: 'Bob Payments (payments owner)' },
  { email: 'carol@retail.demo', displayName: 'Carol Retail (retail owner)' },
  { email: 'dave@payments.demo', displayName: 'Dave Developer (payments, app-team member)' },
  { email: 'sam@security.demo', displayName: 'Sam Security (AUDITOR in every organization)' },
] as const;

type DemoOrganization = {
  owner: string;
  name: string;
  slug: string;
  description: string;
  teams: string[];
  /** Members invited with a role, and the teams (by name) they join. */
  members: { email: string; role: 'ADMIN' | 'MEMBER' | 'AUDITOR'; teams: string[] }[];
};

const AUDITOR: DemoOrganization['members'][number] = {
  email: 'sam@security.demo',
  role: 'AUDITOR',
  teams: [],
};

const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    owner: 'alice@platform.demo',
    name: 'Platform Engineering',
    slug: 'platform',
    description: 'Runs the shared clusters and publishes the golden-path designs.',
    teams: ['platform-core', 'sre'],
    members: [AUDITOR],
  },
  {
    owner: 'bob@payments.demo',
    name: 'Payments Business Unit',
    slug: 'payments',
    description: 'Card and ledger services; PCI scope.',
    teams: ['payments-app', 'payments-ops'],
    members: [{ email: 'dave@payments.demo', role: 'MEMBER', teams: ['payments-app'] }, AUDITOR],
  },
  {
    owner: 'carol@retail.demo',
    name: 'Retail Business Unit',
    slug: 'retail',
    description: 'Storefront and catalogue services.',
    teams: ['storefront'],
    members: [AUDITOR],
  },
];

const STAGES = ['dev', 'staging', 'prod'] as const;

/** Designs each organization keeps in each of its workspaces. */
const DEMO_DESIGNS: Record<string, { name: string; description: string; content: string }[]> = {
  platform: [
    {
      name: 'compliance-baseline',
      description: 'Namespace, network policy and resource quotas every tenant starts from.',
      content: [
        'apiVersion: v1',
        'kind: Namespace',
        'metadata:',
        '  name: tenant',
        '  labels: { pod-security.kubernetes.io/enforce: restricted }',
        '---',
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata: { name: default-deny, namespace: tenant }',
        'spec: { podSelector: {}, policyTypes: [Ingress, Egress] }',
        '',
      ].join('\n'),
    },
  ],
  payments: [
    {
      name: 'ledger-service',
      description: 'Deployment of the ledger API with its PodDisruptionBudget.',
      // Complies with the payments policy set (seedCompliance): only the demo design below breaks it.
      content: [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: ledger, namespace: payments, labels: { app: ledger } }',
        'spec:',
        '  replicas: 3',
        '  selector: { matchLabels: { app: ledger } }',
        '  template:',
        '    metadata: { labels: { app: ledger } }',
        '    spec:',
        '      securityContext: { runAsNonRoot: true }',
        '      containers:',
        '        - name: ledger',
        `          image: ${DEMO_ALLOWED_REGISTRY}payments/ledger:3.2.0`,
        '          ports: [{ containerPort: 8080 }]',
        '          resources: { requests: { cpu: 250m, memory: 256Mi }, limits: { cpu: "1", memory: 512Mi } }',
        '---',
        'apiVersion: policy/v1',
        'kind: PodDisruptionBudget',
        'metadata: { name: ledger, namespace: payments }',
        'spec: { minAvailable: 2, selector: { matchLabels: { app: ledger } } }',
        '',
      ].join('\n'),
    },
  ],
};

type Auth = { token: string; user: { id: string } };

const ATTACH_ENVIRONMENT = `mutation ($w: ID!, $e: ID!) { attachEnvironment(workspaceId: $w, environmentId: $e) { id } }`;
const ATTACH_CONNECTION = `mutation ($e: ID!, $c: ID!) { attachConnection(environmentId: $e, connectionId: $c) { id } }`;

async function signInOrUp(url: string, user: (typeof DEMO_USERS)[number]): Promise<Auth> {
  const logIn = `mutation ($email: String!, $password: String!) { logIn(email: $email, password: $password) { token user { id } } }`;
  try {
    return (await graphqlRequest<{ logIn: Auth }>(url, logIn, { email: user.email, password: DEMO_PASSWORD }))
      .logIn;
  } catch {
    const signUp = `mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id } } }`;
    const input = { email: user.email, displayName: user.displayName, password: DEMO_PASSWORD };
    return (await graphqlRequest<{ signUp: Auth }>(url, signUp, { input })).signUp;
  }
}

/**
 * Seeds the demo through the public API (so it exercises the real rules), and only once: an
 * organization that already exists is left as it is.
 */
export async function seedDemoData(gatewayUrl: string): Promise<{ created: boolean }> {
  const sessions = new Map<string, Auth>();
  for (const user of DEMO_USERS) sessions.set(user.email, await signInOrUp(gatewayUrl, user));
  let created = false;
  for (const organization of DEMO_ORGANIZATIONS) {
    const session = sessions.get(organization.owner) as Auth;
    const existing = await graphqlRequest<{ organizations: { slug: string }[] }>(
      gatewayUrl,
      '{ organizations { slug } }',
      {},
      session.token,
    );
    if (existing.organizations.some((found) => found.slug === organization.slug)) continue;
    const { call, create } = callerAs(gatewayUrl, session.token);
    const organizationId = await create('Organization', {
      name: organization.name,
      slug: organization.slug,
      description: organization.description,
    });
    const teamIds = new Map<string, string>();
    for (const name of organization.teams) teamIds.set(name, await create('Team', { organizationId, name }));
    for (const member of organization.members) {
      const { inviteMember } = await call<{ inviteMember: { token: string } }>(
        `mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { token } }`,
        {
          input: {
            organizationId,
            email: member.email,
            role: member.role,
            teamIds: member.teams.map((name) => teamIds.get(name)),
          },
        },
      );
      const invitee = sessions.get(member.email) as Auth;
      await graphqlRequest(
        gatewayUrl,
        `mutation ($t: String!) { acceptInvitation(token: $t) { role } }`,
        { t: inviteMember.token },
        invitee.token,
      );
    }
    for (const stage of STAGES) {
      const workspaceId = await create('Workspace', {
        organizationId,
        name: `${organization.slug}-${stage}`,
        description: `${organization.name}: ${stage} workspace`,
      });
      const environmentId = await create('Environment', {
        organizationId,
        name: stage,
        description: `${stage} clusters and tooling`,
      });
      const connectionId = await create('Connection', {
        organizationId,
        name: `${organization.slug}-${stage}-cluster`,
        kind: 'KUBERNETES',
        url: `https://k8s.${stage}.${organization.slug}.demo.internal`,
        credentials: { token: `demo-${randomUUID()}` },
      });
      await call(ATTACH_ENVIRONMENT, { w: workspaceId, e: environmentId });
      await call(ATTACH_CONNECTION, { e: environmentId, c: connectionId });
      const [firstTeam] = organization.teams;
      if (firstTeam !== undefined) {
        await call(
          `mutation ($w: ID!, $t: ID!, $r: WorkspaceRole!) { grantWorkspaceAccess(workspaceId: $w, teamId: $t, role: $r) { role } }`,
          {
            w: workspaceId,
            t: teamIds.get(firstTeam),
            r: stage === 'prod' ? 'VIEWER' : 'EDITOR',
          },
        );
      }
      for (const design of DEMO_DESIGNS[organization.slug] ?? [])
        await create('Design', { workspaceId, ...design });
    }
    created = true;
  }
  if (created) await seedCatalog(gatewayUrl, sessions);
  await seedCompliance(gatewayUrl, sessions);
  return { created };
}

type Workspaces = {
  organization: {
    workspaces: { id: string; name: string; designs: { nodes: { id: string; name: string }[] } }[];
  };
};

/** The platform publishes its compliance baseline publicly; payments clones it into its dev workspace. */
async function seedCatalog(gatewayUrl: string, sessions: Map<string, Auth>): Promise<void> {
  const alice = sessions.get('alice@platform.demo') as Auth;
  const bob = sessions.get('bob@payments.demo') as Auth;
  const workspacesOf = async (slug: string, token: string) =>
    (
      await graphqlRequest<Workspaces>(
        gatewayUrl,
        `query ($s: String!) { organization(slug: $s) { workspaces { id name designs { nodes { id name } } } } }`,
        { s: slug },
        token,
      )
    ).organization.workspaces;
  const platformDev = (await workspacesOf('platform', alice.token)).find((w) => w.name === 'platform-dev');
  const baseline = platformDev?.designs.nodes.find((d) => d.name === 'compliance-baseline');
  if (baseline === undefined) return;
  const { publishDesign } = await graphqlRequest<{ publishDesign: { id: string; item: { id: string } } }>(
    gatewayUrl,
    `mutation ($input: PublishDesignInput!) { publishDesign(input: $input) { id item { id } } }`,
    {
      input: {
        designId: baseline.id,
        name: 'Compliance baseline',
        summary: 'Restricted namespace with default-deny network policy: where every tenant starts.',
        category: 'security',
        tags: ['compliance', 'kubernetes', 'network-policy'],
        visibility: 'PUBLIC',
        changelog: 'First public release.',
      },
    },
    alice.token,
  );
  await graphqlRequest(
    gatewayUrl,
    `mutation ($id: ID!) { reviewCatalogVersion(versionId: $id, decision: APPROVE, comment: "Reviewed by platform security") { status } }`,
    { id: publishDesign.id },
    alice.token,
  );
  const paymentsDev = (await workspacesOf('payments', bob.token)).find((w) => w.name === 'payments-dev');
  if (paymentsDev === undefined) return;
  await graphqlRequest(
    gatewayUrl,
    `mutation ($input: CloneCatalogItemInput!) { cloneCatalogItem(input: $input) { id } }`,
    {
      input: { catalogItemId: publishDesign.item.id, workspaceId: paymentsDev.id, name: 'payments-baseline' },
    },
    bob.token,
  );
}

/** A local Git repository `npm start` serves, for the deployable demo design. */
export type DemoGitRepository = { url: string; username: string; token: string };

/**
 * The deployable demo: a small web application (a Deployment and its Service) that complies with
 * the payments policy set, so its DENY rules let it through.
 */
export const DEMO_DEPLOY = {
  organization: 'payments',
  workspace: 'payments-dev',
  environment: 'gitops',
  connection: 'payments-gitops-repo',
  design: 'shop-web',
} as const;

const SHOP_WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop-web
  labels: { app: shop-web }
spec:
  replicas: 2
  selector:
    matchLabels: { app: shop-web }
  template:
    metadata:
      labels: { app: shop-web }
    spec:
      securityContext: { runAsNonRoot: true, runAsUser: 101 }
      containers:
        - name: web
          image: ${DEMO_ALLOWED_REGISTRY}shop/web:1.4.0
          ports:
            - containerPort: 8080
          resources:
            limits: { cpu: 250m, memory: 128Mi }
---
apiVersion: v1
kind: Service
metadata:
  name: shop-web
spec:
  selector: { app: shop-web }
  ports:
    - port: 80
      targetPort: 8080
`;

type DeployDemoState = {
  organization: {
    id: string;
    environments: { id: string; name: string; connections: { id: string }[] }[];
    connections: { id: string; name: string }[];
    workspaces: {
      id: string;
      name: string;
      environments: { id: string }[];
      designs: { nodes: { id: string; name: string }[] };
    }[];
  } | null;
};

/**
 * The deployable demo, in the payments organization (Bob owns it; Dave, of payments-app, edits
 * payments-dev): environment `gitops`, attached to payments-dev, with a GIT connection on
 * `repository`, and the design `shop-web`. Each piece is made when missing, and the connection
 * is pointed at `repository` again on every run (its address or token may have changed), so it
 * can run at every start. Returns the ids a person needs for deployDesign.
 */
export async function seedDeployDemo(
  gatewayUrl: string,
  repository: DemoGitRepository,
): Promise<{ designId: string; environmentId: string }> {
  const bob = await signInOrUp(gatewayUrl, DEMO_USERS[1]);
  const { call, create } = callerAs(gatewayUrl, bob.token);
  const read = async () =>
    (
      await call<DeployDemoState>(
        `query ($s: String!) {
          organization(slug: $s) {
            id
            environments { id name connections { id } }
            connections { id name }
            workspaces { id name environments { id } designs(first: 100) { nodes { id name } } }
          }
        }`,
        { s: DEMO_DEPLOY.organization },
      )
    ).organization;
  const state = await read();
  const workspace = state?.workspaces.find((found) => found.name === DEMO_DEPLOY.workspace);
  if (state === null || state === undefined || workspace === undefined)
    throw new Error(
      `the demo organization ${DEMO_DEPLOY.organization} has no ${DEMO_DEPLOY.workspace} workspace`,
    );

  let environment = state.environments.find((found) => found.name === DEMO_DEPLOY.environment);
  if (environment === undefined) {
    const id = await create('Environment', {
      organizationId: state.id,
      name: DEMO_DEPLOY.environment,
      description: 'GitOps: deployments become commits in a local repository that Argo CD or Flux would sync',
    });
    environment = { id, name: DEMO_DEPLOY.environment, connections: [] };
  }

  const gitInput = {
    url: repository.url,
    credentials: { username: repository.username, token: repository.token },
    settings: { branch: 'main', path: '{environment}/{design}.yaml' },
  };
  let connectionId = state.connections.find((found) => found.name === DEMO_DEPLOY.connection)?.id;
  if (connectionId === undefined) {
    connectionId = await create('Connection', {
      organizationId: state.id,
      name: DEMO_DEPLOY.connection,
      kind: 'GIT',
      ...gitInput,
    });
  } else {
    await call(
      `mutation ($id: ID!, $input: UpdateConnectionInput!) { updateConnection(id: $id, input: $input) { id } }`,
      { id: connectionId, input: gitInput },
    );
  }
  if (!environment.connections.some((found) => found.id === connectionId))
    await call(ATTACH_CONNECTION, { e: environment.id, c: connectionId });
  if (!workspace.environments.some((found) => found.id === environment.id))
    await call(ATTACH_ENVIRONMENT, { w: workspace.id, e: environment.id });

  let designId = workspace.designs.nodes.find((found) => found.name === DEMO_DEPLOY.design)?.id;
  if (designId === undefined) {
    designId = await create('Design', {
      workspaceId: workspace.id,
      name: DEMO_DEPLOY.design,
      description:
        'A small web application (Deployment + Service), ready to deploy to the gitops environment.',
      content: SHOP_WEB,
    });
  }
  return { designId, environmentId: environment.id };
}

/** Where the compliance demo lives: payments is the PCI-scoped business unit. */
const COMPLIANCE_ORGANIZATION = 'payments';
const COMPLIANCE_WORKSPACE = 'payments-dev';

/**
 * The one demo design that breaks the payments policy set, and only one of its rules: the
 * tokenizer sets a CPU limit but no memory limit ("CPU and memory limits set", AUDIT), so the
 * report shows a violation at once without blocking deploys.
 */
const NONCOMPLIANT_DESIGN = {
  name: 'card-tokenizer',
  description:
    'Tokenizes card numbers before they reach the ledger. Has no memory limit yet: see the compliance report.',
  content: [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: { name: card-tokenizer, namespace: payments, labels: { app: card-tokenizer } }',
    'spec:',
    '  replicas: 2',
    '  selector: { matchLabels: { app: card-tokenizer } }',
    '  template:',
    '    metadata: { labels: { app: card-tokenizer } }',
    '    spec:',
    '      securityContext: { runAsNonRoot: true }',
    '      containers:',
    '        - name: tokenizer',
    `          image: ${DEMO_ALLOWED_REGISTRY}payments/card-tokenizer:2.4.1`,
    '          resources: { limits: { cpu: 500m } }',
    '',
  ].join('\n'),
};

/**
 * Gives the payments organization the PCI-DSS-flavoured policy set (DEMO_POLICIES) and the one
 * design that violates it. Runs on every seed and adds only what is missing (policies by name,
 * the design by name), so an older demo database gets it too.
 */
async function seedCompliance(gatewayUrl: string, sessions: Map<string, Auth>): Promise<void> {
  const bob = sessions.get('bob@payments.demo') as Auth;
  const { call, create } = callerAs(gatewayUrl, bob.token);
  const { organization } = await call<{
    organization: {
      id: string;
      workspaces: { id: string; name: string; designs: { nodes: { name: string }[] } }[];
    } | null;
  }>(
    `query ($s: String!) { organization(slug: $s) { id workspaces { id name designs(first: 100) { nodes { name } } } } }`,
    { s: COMPLIANCE_ORGANIZATION },
  );
  if (organization === null) return;
  const { policies } = await call<{ policies: { name: string }[] }>(
    `query ($o: ID!) { policies(organizationId: $o) { name } }`,
    { o: organization.id },
  );
  const existing = new Set(policies.map((policy) => policy.name));
  for (const template of DEMO_POLICIES) {
    if (existing.has(template.name)) continue;
    await create('Policy', { organizationId: organization.id, ...template, kinds: [...template.kinds] });
  }
  const workspace = organization.workspaces.find((found) => found.name === COMPLIANCE_WORKSPACE);
  if (workspace === undefined) return;
  if (workspace.designs.nodes.some((design) => design.name === NONCOMPLIANT_DESIGN.name)) return;
  await create('Design', { workspaceId: workspace.id, ...NONCOMPLIANT_DESIGN });
}
