import {
  unique,
  type Factories,
  type Stack,
  type TestOrganization,
  type TestUser,
} from '@controlplane/testkit';
import { startGitServer, type GitServer } from '@controlplane/git-server';
import { webDeployment } from '../../packages/deploy/test/fixtures';

/** A small application: a Deployment and its Service, valid against the Kubernetes schemas. */
export const WEB_APP = `${webDeployment('ports:', '  - containerPort: 80')}---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: { app: web }
  ports:
    - port: 80
      targetPort: 80
`;

/** A connection of the environment a test deploys to. */
export type TargetSpec = {
  kind: 'GIT' | 'KUBERNETES' | 'PROMETHEUS';
  url: string;
  credentials?: Record<string, unknown>;
  settings?: Record<string, unknown>;
};

/**
 * A git server for the tests of one file (started in beforeAll, closed in afterAll) whose one
 * account, `deployer`, holds `token`. `target()` makes a fresh bare repository named
 * `<prefix>-<n>.git` and the GIT connection to it.
 */
export function useGitServer(token: string, prefix: string) {
  let server: GitServer | undefined;
  let repositories = 0;
  beforeAll(async () => {
    server = await startGitServer({ accounts: { deployer: token } });
  });
  afterAll(() => server?.close());
  const started = (): GitServer => {
    if (server === undefined) throw new Error('the git server exists only inside tests and hooks');
    return server;
  };
  return {
    get server(): GitServer {
      return started();
    },
    target(settings?: Record<string, unknown>) {
      repositories += 1;
      const name = `${prefix}-${repositories}.git`;
      const url = started().createRepository(name);
      const spec = { kind: 'GIT' as const, url, credentials: { username: 'deployer', token } };
      return { name, spec: settings ? { ...spec, settings } : spec };
    },
  };
}

/** Everything one deployment test needs, made through the API with unique names. */
export type DeploySetup = {
  owner: TestUser;
  organization: TestOrganization;
  workspace: { id: string; name: string };
  environment: { id: string; name: string };
  connectionIds: string[];
  design: { id: string; name: string };
};

/**
 * An organization with a workspace, an environment attached to it holding `targets` as
 * connections, and a design (WEB_APP unless `content` is given) in the workspace.
 */
export async function makeDeploySetup(
  stack: Stack,
  make: Factories,
  targets: readonly TargetSpec[],
  options: { content?: string; owner?: TestUser } = {},
): Promise<DeploySetup> {
  const owner = options.owner ?? (await make.user());
  const organization = await make.organization(owner);
  const workspace = await make.workspace(owner, organization);
  const as = stack.as(owner);
  const environmentName = unique('env');
  const { createEnvironment: environment } = await as.data<{ createEnvironment: { id: string } }>(
    `mutation ($input: CreateEnvironmentInput!) { createEnvironment(input: $input) { id } }`,
    { input: { organizationId: organization.id, name: environmentName } },
  );
  await as.data(
    `mutation ($w: ID!, $e: ID!) { attachEnvironment(workspaceId: $w, environmentId: $e) { id } }`,
    {
      w: workspace.id,
      e: environment.id,
    },
  );
  const connectionIds: string[] = [];
  for (const target of targets) {
    connectionIds.push(await makeConnection(stack, owner, organization, target));
    await as.data(
      `mutation ($e: ID!, $c: ID!) { attachConnection(environmentId: $e, connectionId: $c) { id } }`,
      { e: environment.id, c: connectionIds.at(-1) },
    );
  }
  const designName = unique('design');
  const design = await make.design(owner, workspace, {
    name: designName,
    content: options.content ?? WEB_APP,
  });
  return {
    owner,
    organization,
    workspace,
    environment: { id: environment.id, name: environmentName },
    connectionIds,
    design: { id: design.id, name: designName },
  };
}

/** A connection of `organization`; its id. */
export async function makeConnection(
  stack: Stack,
  owner: TestUser,
  organization: TestOrganization,
  target: TargetSpec,
): Promise<string> {
  const { createConnection } = await stack
    .as(owner)
    .data<{ createConnection: { id: string } }>(
      `mutation ($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`,
      { input: { organizationId: organization.id, name: unique('connection'), ...target } },
    );
  return createConnection.id;
}

export const DEPLOYMENT_FIELDS = `
  id
  status
  action
  dryRun
  designRevision
  design { id name }
  environment { id name }
  createdBy { id }
  startedAt
  finishedAt
  targets { connection { id kind } status message resources commit }
`;

export type DeploymentView = {
  id: string;
  status: string;
  action: string;
  dryRun: boolean;
  designRevision: number;
  design: { id: string; name: string } | null;
  environment: { id: string; name: string };
  createdBy: { id: string } | null;
  startedAt: string | null;
  finishedAt: string | null;
  targets: {
    connection: { id: string; kind: string };
    status: string;
    message: string | null;
    resources: string[];
    commit: string | null;
  }[];
};

/** deployDesign; the deployment as it was recorded (PENDING). */
export async function deploy(
  stack: Stack,
  actor: TestUser,
  input: { designId: string; environmentId: string; revision?: number; dryRun?: boolean },
): Promise<DeploymentView> {
  const { deployDesign } = await stack
    .as(actor)
    .data<{ deployDesign: DeploymentView }>(
      `mutation ($input: DeployDesignInput!) { deployDesign(input: $input) { ${DEPLOYMENT_FIELDS} } }`,
      { input },
    );
  return deployDesign;
}

/** Deploys the setup's design to its environment as its owner, and resolves once the deployment has finished. */
export async function deployAndFinish(
  stack: Stack,
  setup: DeploySetup,
  options: { revision?: number; dryRun?: boolean } = {},
): Promise<DeploymentView> {
  const input = { designId: setup.design.id, environmentId: setup.environment.id, ...options };
  return finished(stack, setup.owner, (await deploy(stack, setup.owner, input)).id);
}

export async function undeploy(
  stack: Stack,
  actor: TestUser,
  setup: Pick<DeploySetup, 'design' | 'environment'>,
): Promise<DeploymentView> {
  const { undeployDesign } = await stack
    .as(actor)
    .data<{ undeployDesign: DeploymentView }>(
      `mutation ($d: ID!, $e: ID!) { undeployDesign(designId: $d, environmentId: $e) { ${DEPLOYMENT_FIELDS} } }`,
      { d: setup.design.id, e: setup.environment.id },
    );
  return undeployDesign;
}

/** deployment(id) as `actor` reads it. */
export async function readDeployment(stack: Stack, actor: TestUser, id: string): Promise<DeploymentView> {
  const { deployment } = await stack
    .as(actor)
    .data<{ deployment: DeploymentView }>(
      `query ($id: ID!) { deployment(id: $id) { ${DEPLOYMENT_FIELDS} } }`,
      {
        id,
      },
    );
  return deployment;
}

/** Lets the workspace's worker finish every runnable job, then reads the deployment. */
export async function finished(stack: Stack, actor: TestUser, id: string): Promise<DeploymentView> {
  await stack.drainDeployments();
  return readDeployment(stack, actor, id);
}

export type AuditView = {
  action: string;
  actor: { type: string; id: string | null };
  targetType: string;
  targetId: string | null;
  metadata: Record<string, unknown> | null;
};

/** The organization's audit events about `targetId`, oldest first, after every outbox was delivered. */
export async function auditOf(
  stack: Stack,
  owner: TestUser,
  organization: TestOrganization,
  targetId: string,
): Promise<AuditView[]> {
  await stack.flushOutboxes();
  const { auditLog } = await stack.as(owner).data<{ auditLog: { nodes: AuditView[] } }>(
    `query ($o: [ID!]!, $t: ID!) {
      auditLog(organizationIds: $o, filter: { targetId: $t }) {
        nodes { action actor { type id } targetType targetId metadata }
      }
    }`,
    { o: [organization.id], t: targetId },
  );
  return [...auditLog.nodes].reverse();
}
