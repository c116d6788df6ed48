import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useStack } from '@controlplane/testkit';
import {
  auditOf,
  DEPLOYMENT_FIELDS,
  deployAndFinish,
  finished,
  makeConnection,
  makeDeploySetup,
  useGitServer,
  WEB_APP,
} from './support/deployments';

/**
 * What deployDesign refuses, who sees deployments, what the audit trail says of them, and that a
 * credential never comes back: through the gateway, on a database of this file's own.
 */
const { stack, make } = useStack({
  isolatedDatabase: true,
  serviceEnv: { workspace: { DEPLOY_ALLOWED_HOSTS: '127.0.0.1' } },
});

const git = useGitServer('ghp_rulesToken4Hq8Zt2', 'rules');
const gitTarget = () => git.target().spec;

const DEPLOY = `mutation ($input: DeployDesignInput!) { deployDesign(input: $input) { id } }`;
const DESIGN_DEPLOYMENTS = `query ($id: ID!) { design(id: $id) { deployments { totalCount nodes { id } } } }`;

describe('deployDesign refuses', () => {
  it('a design that is not valid Kubernetes manifests, naming the document, the resource and the field, and records nothing', async () => {
    const invalid = `${WEB_APP}---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings }
data: { replicas: 3 }
`.replace('replicas: 2', 'replicas: two');
    const setup = await makeDeploySetup(stack, make, [gitTarget()], { content: invalid });

    const answer = await stack
      .as(setup.owner)
      .send(DEPLOY, { input: { designId: setup.design.id, environmentId: setup.environment.id } });

    expect(answer.errors).toHaveLength(1);
    expect(answer.errors?.[0]).toMatchObject({
      message:
        'content: not deployable: document 1 (Deployment/web): spec.replicas: must be integer; document 3 (ConfigMap/settings): data.replicas: must be string',
      extensions: { code: 'BAD_USER_INPUT', field: 'content' },
    });
    const design = await stack.as(setup.owner).data(DESIGN_DEPLOYMENTS, { id: setup.design.id });
    expect(design.design.deployments).toEqual({ totalCount: 0, nodes: [] });
  });

  it('an environment without a connection that takes designs', async () => {
    const setup = await makeDeploySetup(stack, make, [
      { kind: 'PROMETHEUS', url: 'https://prometheus.example.test' },
    ]);
    const answer = await stack
      .as(setup.owner)
      .send(DEPLOY, { input: { designId: setup.design.id, environmentId: setup.environment.id } });

    expect(answer.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      [
        'BAD_USER_INPUT',
        'environmentId: the environment has no connection that takes designs (KUBERNETES or GIT)',
      ],
    ]);
    const design = await stack.as(setup.owner).data(DESIGN_DEPLOYMENTS, { id: setup.design.id });
    expect(design.design.deployments.totalCount).toBe(0);
  });

  it("an environment of another organization as NOT_FOUND, and one not attached to the design's workspace as FORBIDDEN", async () => {
    const setup = await makeDeploySetup(stack, make, [gitTarget()]);
    const other = await makeDeploySetup(stack, make, [gitTarget()], { owner: setup.owner });
    const { createEnvironment: detached } = await stack
      .as(setup.owner)
      .data(
        `mutation ($o: ID!) { createEnvironment(input: { organizationId: $o, name: "detached" }) { id } }`,
        {
          o: setup.organization.id,
        },
      );
    const connectionId = await makeConnection(stack, setup.owner, setup.organization, gitTarget());
    await stack
      .as(setup.owner)
      .data(`mutation ($e: ID!, $c: ID!) { attachConnection(environmentId: $e, connectionId: $c) { id } }`, {
        e: detached.id,
        c: connectionId,
      });
    const as = stack.as(setup.owner);

    // The same user owns both organizations: the environment exists and is visible, but not here.
    expect(
      await as.codes(DEPLOY, { input: { designId: setup.design.id, environmentId: other.environment.id } }),
    ).toEqual(['NOT_FOUND']);
    expect(
      await as.codes(DEPLOY, { input: { designId: setup.design.id, environmentId: detached.id } }),
    ).toEqual(['FORBIDDEN']);
    const outsider = await make.user();
    expect(
      await stack
        .as(outsider)
        .codes(DEPLOY, { input: { designId: setup.design.id, environmentId: setup.environment.id } }),
    ).toEqual(['NOT_FOUND']);
    const design = await as.data(DESIGN_DEPLOYMENTS, { id: setup.design.id });
    expect(design.design.deployments.totalCount).toBe(0);
  });
});

describe('the audit trail of a deployment', () => {
  it('has deployment.create by the caller, then deployment.succeed by SYSTEM, with neither credentials nor manifests', async () => {
    const setup = await makeDeploySetup(stack, make, [gitTarget()]);
    const done = await deployAndFinish(stack, setup);
    expect(done.status).toBe('SUCCEEDED');

    const events = await auditOf(stack, setup.owner, setup.organization, done.id);
    const metadata = {
      designId: setup.design.id,
      designRevision: 1,
      environmentId: setup.environment.id,
      action: 'APPLY',
      dryRun: false,
      targets: 1,
    };
    expect(events).toEqual([
      {
        action: 'deployment.create',
        actor: { type: 'USER', id: setup.owner.id },
        targetType: 'Deployment',
        targetId: done.id,
        metadata,
      },
      {
        action: 'deployment.succeed',
        actor: { type: 'SYSTEM', id: null },
        targetType: 'Deployment',
        targetId: done.id,
        metadata: { ...metadata, failedTargets: 0 },
      },
    ]);
  });

  it('has deployment.fail by SYSTEM when a target fails', async () => {
    const setup = await makeDeploySetup(stack, make, [
      { ...gitTarget(), credentials: { username: 'deployer', token: 'not-the-token' } },
    ]);
    const done = await deployAndFinish(stack, setup);

    expect(done.status).toBe('FAILED');
    expect(done.targets[0]).toMatchObject({
      status: 'FAILED',
      commit: null,
      message: "the Git server refused the credentials (HTTP 401); check the connection's username and token",
    });
    const events = await auditOf(stack, setup.owner, setup.organization, done.id);
    expect(events.map((e) => [e.action, e.actor.type, e.targetId, e.metadata?.failedTargets])).toEqual([
      ['deployment.create', 'USER', done.id, undefined],
      ['deployment.fail', 'SYSTEM', done.id, 1],
    ]);
    expect(JSON.stringify(events)).not.toContain('not-the-token');
  });
});

describe('credentials', () => {
  /** A server that answers every request with the credentials it got, as a careless proxy might. */
  let echo: Server;
  let echoUrl: string;
  beforeAll(async () => {
    echo = createServer((request, response) => {
      const authorization = request.headers.authorization ?? '';
      const decoded = Buffer.from(authorization.replace(/^Basic /, ''), 'base64').toString('utf8');
      response
        .writeHead(200, { 'content-type': 'text/plain' })
        .end(`Welcome ${decoded}! You sent "${authorization}" to ${request.url}`);
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/fleet.git`;
  });
  afterAll(async () => {
    echo.closeAllConnections();
    await new Promise<void>((resolve) => echo.close(() => resolve()));
  });

  it('never appear in a deployment, its target message, the audit trail or an error, even when a target echoes them', async () => {
    const token = 'ghp_echoedSecret8Kd3Lm0';
    const setup = await makeDeploySetup(stack, make, [
      { kind: 'GIT', url: echoUrl, credentials: { username: 'deployer', token } },
    ]);
    const answer = await stack
      .as(setup.owner)
      .send(
        `mutation ($input: DeployDesignInput!) { deployDesign(input: $input) { ${DEPLOYMENT_FIELDS} } }`,
        {
          input: { designId: setup.design.id, environmentId: setup.environment.id },
        },
      );
    const id = (answer.data as { deployDesign: { id: string } }).deployDesign.id;
    const done = await finished(stack, setup.owner, id);
    const read = await stack.as(setup.owner).send(
      `query ($id: ID!, $e: ID!, $c: ID!) {
        deployment(id: $id) { ${DEPLOYMENT_FIELDS} targets { connection { settings hasCredentials url } } }
        environment(id: $e) { deployments { nodes { ${DEPLOYMENT_FIELDS} } } }
        connection(id: $c) { id url settings hasCredentials }
      }`,
      { id, e: setup.environment.id, c: setup.connectionIds[0] },
    );
    const events = await auditOf(stack, setup.owner, setup.organization, id);

    // The target did fail, on what the server answered: the echo reached the engine.
    expect(done.status).toBe('FAILED');
    expect(done.targets[0]?.message).toContain(
      'Remote did not reply using the "smart" HTTP protocol. Expected "001e# service=git-upload-pack" but received: Welcome deployer:[REDACTED]! You sent "Basic [REDACTED]',
    );
    expect(read.errors).toBeUndefined();
    expect(read.data.connection).toMatchObject({ hasCredentials: true });
    const basic = Buffer.from(`deployer:${token}`).toString('base64');
    for (const text of [JSON.stringify(answer), JSON.stringify(read), JSON.stringify(events)]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(basic);
    }
  });
});

describe('a deleted design', () => {
  it('leaves its deployments readable through the environment, with design null', async () => {
    const setup = await makeDeploySetup(stack, make, [gitTarget()]);
    const done = await deployAndFinish(stack, setup);
    await stack
      .as(setup.owner)
      .data(`mutation ($id: ID!) { deleteDesign(id: $id) }`, { id: setup.design.id });

    const { environment } = await stack
      .as(setup.owner)
      .data(
        `query ($e: ID!) { environment(id: $e) { deployments { totalCount nodes { ${DEPLOYMENT_FIELDS} } } } }`,
        {
          e: setup.environment.id,
        },
      );
    expect(environment.deployments.totalCount).toBe(1);
    expect(environment.deployments.nodes).toEqual([{ ...done, design: null }]);
    // And by id, for whoever sees the environment.
    const { deployment } = await stack
      .as(setup.owner)
      .data(`query ($id: ID!) { deployment(id: $id) { id design { id } status } }`, { id: done.id });
    expect(deployment).toEqual({ id: done.id, design: null, status: 'SUCCEEDED' });
  });
});
