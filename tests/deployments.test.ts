import { useStack } from '@controlplane/testkit';
import { cloneWithCli } from '../packages/deploy/test/git-cli';
import {
  startFakeKubernetesApi,
  type FakeKubernetesApi,
} from '../packages/deploy/test/kubernetes-api-server';
import {
  deploy,
  deployAndFinish,
  finished,
  makeDeploySetup,
  undeploy,
  useGitServer,
  WEB_APP,
  type DeploySetup,
} from './support/deployments';

/**
 * Deployments through the whole stack (gateway, shield, workspace subgraph, its worker) against
 * real targets on loopback: a git http-backend server and an in-test Kubernetes API server. The
 * stack has a database of its own: every worker of a database may claim any of its jobs.
 */
const { stack, make } = useStack({
  isolatedDatabase: true,
  serviceEnv: { workspace: { DEPLOY_ALLOWED_HOSTS: '127.0.0.1' } },
});

const GIT_TOKEN = 'glpat-e2eDeployToken7Q9x';
const KUBE_TOKEN = 'k8s-e2e-token-5d2c8e';
const git = useGitServer(GIT_TOKEN, 'fleet');

/** A fresh bare repository and the GIT connection that points at it. */
const gitTarget = (settings?: Record<string, unknown>) => git.target(settings);

async function cloneOf(url: string, branch = 'main') {
  return cloneWithCli(url, 'deployer', GIT_TOKEN, branch);
}

const pathOf = (setup: DeploySetup) => `${setup.environment.name}/${setup.design.name}.yaml`;

describe('a GIT target', () => {
  it('gets a commit of the design at {environment}/{design}.yaml on main, recorded on the deployment', async () => {
    const target = gitTarget();
    const setup = await makeDeploySetup(stack, make, [target.spec]);

    const recorded = await deploy(stack, setup.owner, {
      designId: setup.design.id,
      environmentId: setup.environment.id,
    });
    expect(recorded).toMatchObject({
      status: 'PENDING',
      action: 'APPLY',
      dryRun: false,
      designRevision: 1,
      design: setup.design,
      createdBy: { id: setup.owner.id },
      targets: [{ connection: { id: setup.connectionIds[0], kind: 'GIT' }, status: 'PENDING', commit: null }],
    });

    const done = await finished(stack, setup.owner, recorded.id);
    const working = await cloneOf(target.spec.url);
    try {
      expect(working.files).toEqual({ [pathOf(setup)]: WEB_APP });
      expect(done.status).toBe('SUCCEEDED');
      expect(done.startedAt).not.toBeNull();
      expect(done.finishedAt).not.toBeNull();
      expect(done.targets).toEqual([
        {
          connection: { id: setup.connectionIds[0], kind: 'GIT' },
          status: 'SUCCEEDED',
          message: `Committed ${working.head.slice(0, 12)} to main: wrote ${pathOf(setup)}.`,
          resources: ['Deployment//web', 'Service//web'],
          commit: working.head,
        },
      ]);
      expect(await working.log('%an <%ae>%n%B')).toBe(
        [
          'Control Plane <controlplane@localhost>',
          `Deploy design "${setup.design.name}" revision 1 to ${setup.environment.name}`,
          '',
          `Deployment: ${recorded.id}`,
          `Design: ${setup.design.name}`,
          'Revision: 1',
          `Environment: ${setup.environment.name}`,
          `Actor: ${setup.owner.id}`,
        ].join('\n'),
      );
    } finally {
      await working.close();
    }
  });

  it('makes no empty commit when the same revision is deployed again, and says so', async () => {
    const target = gitTarget();
    const setup = await makeDeploySetup(stack, make, [target.spec]);
    const first = await deployAndFinish(stack, setup);
    const second = await deployAndFinish(stack, setup);

    expect(second.status).toBe('SUCCEEDED');
    expect(second.targets[0]).toMatchObject({
      status: 'SUCCEEDED',
      commit: first.targets[0]?.commit,
      message: `No commit: ${pathOf(setup)} on main already has this content.`,
    });
    const working = await cloneOf(target.spec.url);
    try {
      expect(await working.log('%H')).toBe(first.targets[0]?.commit);
    } finally {
      await working.close();
    }
  });

  it('writes to the branch and path of the connection settings', async () => {
    const target = gitTarget({ branch: 'env/prod', path: 'clusters/{environment}/apps/{design}.yaml' });
    const setup = await makeDeploySetup(stack, make, [target.spec]);
    const done = await deployAndFinish(stack, setup);

    const path = `clusters/${setup.environment.name}/apps/${setup.design.name}.yaml`;
    const working = await cloneOf(target.spec.url, 'env/prod');
    try {
      expect(working.files).toEqual({ [path]: WEB_APP });
      expect(done.targets[0]).toMatchObject({
        status: 'SUCCEEDED',
        commit: working.head,
        message: `Committed ${working.head.slice(0, 12)} to env/prod: wrote ${path}.`,
      });
    } finally {
      await working.close();
    }
  });

  it('deploys an older revision when asked, and undeploys with a commit that removes the file (action DELETE)', async () => {
    const target = gitTarget();
    const setup = await makeDeploySetup(stack, make, [target.spec]);
    await stack
      .as(setup.owner)
      .data(
        `mutation ($id: ID!, $input: UpdateDesignInput!) { updateDesign(id: $id, input: $input, expectedRevision: 1) { revision } }`,
        { id: setup.design.id, input: { content: WEB_APP.replace('replicas: 2', 'replicas: 3') } },
      );
    const applied = await deployAndFinish(stack, setup, { revision: 1 });
    expect(applied).toMatchObject({ status: 'SUCCEEDED', designRevision: 1 });
    const before = await cloneOf(target.spec.url);
    expect(before.files).toEqual({ [pathOf(setup)]: WEB_APP });
    await before.close();

    const recorded = await undeploy(stack, setup.owner, setup);
    expect(recorded).toMatchObject({ status: 'PENDING', action: 'DELETE', dryRun: false, designRevision: 1 });
    const removed = await finished(stack, setup.owner, recorded.id);

    const working = await cloneOf(target.spec.url);
    try {
      expect(working.files).toEqual({});
      expect(removed.status).toBe('SUCCEEDED');
      expect(removed.targets[0]).toMatchObject({
        status: 'SUCCEEDED',
        commit: working.head,
        message: `Committed ${working.head.slice(0, 12)} to main: removed ${pathOf(setup)}.`,
      });
      expect((await working.log('%H %P%n%s')).split('\n')).toEqual([
        `${working.head} ${applied.targets[0]?.commit}`,
        `Undeploy design "${setup.design.name}" from ${setup.environment.name}`,
        `${applied.targets[0]?.commit} `,
        `Deploy design "${setup.design.name}" revision 1 to ${setup.environment.name}`,
      ]);
    } finally {
      await working.close();
    }
  });
});

describe('a KUBERNETES target', () => {
  let api: FakeKubernetesApi;
  beforeEach(async () => {
    api = await startFakeKubernetesApi({ token: KUBE_TOKEN });
  });
  afterEach(() => api.close());

  const kubernetesTarget = () => ({
    kind: 'KUBERNETES' as const,
    url: api.url,
    credentials: { token: KUBE_TOKEN },
    settings: { namespace: 'team-a' },
  });

  /** `METHOD /path?query` of every request the API server got, in order. */
  const requestLines = () =>
    api.requests.map(
      (r) => `${r.method} ${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query)}` : ''}`,
    );

  it('gets a server-side apply of every document with field manager controlplane, in settings.namespace', async () => {
    const setup = await makeDeploySetup(stack, make, [kubernetesTarget()]);
    const done = await deployAndFinish(stack, setup);

    expect(requestLines()).toEqual([
      'GET /apis/apps/v1',
      'PATCH /apis/apps/v1/namespaces/team-a/deployments/web?fieldManager=controlplane&force=true',
      'GET /api/v1',
      'PATCH /api/v1/namespaces/team-a/services/web?fieldManager=controlplane&force=true',
    ]);
    for (const request of api.requests) expect(request.authorization).toBe(`Bearer ${KUBE_TOKEN}`);
    for (const request of api.requests.filter((r) => r.method === 'PATCH'))
      expect(request.contentType).toBe('application/apply-patch+yaml');
    expect(api.objects.get('/apis/apps/v1/namespaces/team-a/deployments/web')).toMatchObject({
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'team-a' },
      spec: { replicas: 2 },
    });
    expect(done.status).toBe('SUCCEEDED');
    expect(done.targets).toEqual([
      {
        connection: { id: setup.connectionIds[0], kind: 'KUBERNETES' },
        status: 'SUCCEEDED',
        message: 'Applied 2 resources by server-side apply (field manager controlplane).',
        resources: ['Deployment/team-a/web', 'Service/team-a/web'],
        commit: null,
      },
    ]);
  });

  it('is told to delete what the last apply put there on undeploy', async () => {
    const setup = await makeDeploySetup(stack, make, [kubernetesTarget()]);
    await deployAndFinish(stack, setup);
    const applied = api.requests.length;
    const removed = await finished(stack, setup.owner, (await undeploy(stack, setup.owner, setup)).id);

    expect(requestLines().slice(applied)).toEqual([
      'GET /api/v1',
      'DELETE /api/v1/namespaces/team-a/services/web?propagationPolicy=Background',
      'GET /apis/apps/v1',
      'DELETE /apis/apps/v1/namespaces/team-a/deployments/web?propagationPolicy=Background',
    ]);
    expect([...api.objects.keys()]).toEqual([]);
    expect(removed).toMatchObject({ action: 'DELETE', status: 'SUCCEEDED' });
    expect(removed.targets[0]?.resources).toEqual(['Service/team-a/web', 'Deployment/team-a/web']);
  });
});

describe('a dry run', () => {
  it('changes nothing on any target and is recorded with dryRun true', async () => {
    const api = await startFakeKubernetesApi({ token: KUBE_TOKEN });
    try {
      const target = gitTarget();
      const setup = await makeDeploySetup(stack, make, [
        target.spec,
        {
          kind: 'KUBERNETES',
          url: api.url,
          credentials: { token: KUBE_TOKEN },
          settings: { namespace: 'dry' },
        },
      ]);
      const recorded = await deploy(stack, setup.owner, {
        designId: setup.design.id,
        environmentId: setup.environment.id,
        dryRun: true,
      });
      expect(recorded).toMatchObject({ dryRun: true, status: 'PENDING' });
      const done = await finished(stack, setup.owner, recorded.id);

      expect(done).toMatchObject({ dryRun: true, status: 'SUCCEEDED', action: 'APPLY' });
      const byKind = Object.fromEntries(done.targets.map((t) => [t.connection.kind, t]));
      expect(byKind.GIT).toMatchObject({
        status: 'SUCCEEDED',
        commit: null,
        message: `Dry run: a commit would write ${pathOf(setup)} on main.`,
      });
      expect(byKind.KUBERNETES).toMatchObject({
        status: 'SUCCEEDED',
        commit: null,
        resources: ['Deployment/dry/web', 'Service/dry/web'],
      });
      // The API server was asked for a server-side dry run only, and stores nothing.
      const patches = api.requests.filter((r) => r.method === 'PATCH');
      expect(patches.map((r) => r.query.dryRun)).toEqual(['All', 'All']);
      expect(api.objects.size).toBe(0);
      // No push reached the repository, which still has no branch at all.
      const pushes = git.server.requests.filter(
        (r) => r.path.startsWith(`/${target.name}/`) && r.path.endsWith('git-receive-pack'),
      );
      expect(pushes).toEqual([]);
      await expect(cloneOf(target.spec.url)).rejects.toThrow(/Remote branch main not found/);
    } finally {
      await api.close();
    }
  });
});
