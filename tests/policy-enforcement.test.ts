import { errorCodes, unique, useStack, type TestOrganization, type TestUser } from '@controlplane/testkit';
import { createPolicy, deploymentManifest, documents, configMapManifest } from './support/policies';

// A database of its own: any stack's deployment worker on a shared one may claim this one's jobs
// (and, holding another credentials key, fail them differently from what the dry run asserts).
const { stack, make } = useStack({ isolatedDatabase: true });

const DEPLOY = `mutation ($d: ID!, $e: ID!, $dry: Boolean) {
  deployDesign(input: { designId: $d, environmentId: $e, dryRun: $dry }) { id status dryRun designRevision }
}`;
const DEPLOYMENTS = `query ($e: ID!) { environment(id: $e) { deployments(first: 50) { totalCount nodes { id } } } }`;
const UPDATE_DESIGN = `mutation ($id: ID!, $c: String!, $rev: Int!) {
  updateDesign(id: $id, input: { content: $c }, expectedRevision: $rev) { revision }
}`;

const NON_ROOT =
  'object.spec.template.spec.containers.all(c, has(c.securityContext) && c.securityContext.runAsNonRoot == true)';
const NO_PRIVILEGED =
  'object.spec.template.spec.containers.all(c, !has(c.securityContext) || !has(c.securityContext.privileged) || c.securityContext.privileged == false)';

/**
 * An organization with a workspace, an environment attached to it with a KUBERNETES connection
 * (deployments get recorded; none of these tests waits for a real deployment to run), a DENY
 * policy (non-root) and an AUDIT one (labels).
 */
async function deployableWorkspace(): Promise<{
  owner: TestUser;
  organization: TestOrganization;
  workspace: { id: string };
  environmentId: string;
}> {
  const owner = await make.user();
  const organization = await make.organization(owner);
  const workspace = await make.workspace(owner, organization);
  const asOwner = stack.as(owner);
  const { createEnvironment } = await asOwner.data(
    `mutation ($o: ID!, $n: String!) { createEnvironment(input: { organizationId: $o, name: $n }) { id } }`,
    { o: organization.id, n: unique('env') },
  );
  const { createConnection } = await asOwner.data(
    `mutation ($o: ID!, $n: String!) { createConnection(input: { organizationId: $o, name: $n, kind: KUBERNETES, url: "https://k8s.example.test", credentials: { token: "s3cret" } }) { id } }`,
    { o: organization.id, n: unique('cluster') },
  );
  await asOwner.data(
    `mutation ($w: ID!, $e: ID!) { attachEnvironment(workspaceId: $w, environmentId: $e) { id } }`,
    {
      w: workspace.id,
      e: createEnvironment.id,
    },
  );
  await asOwner.data(
    `mutation ($e: ID!, $c: ID!) { attachConnection(environmentId: $e, connectionId: $c) { id } }`,
    {
      e: createEnvironment.id,
      c: createConnection.id,
    },
  );
  await createPolicy(asOwner, organization, {
    name: 'Containers run as non-root',
    severity: 'HIGH',
    enforcement: 'DENY',
    kinds: ['Deployment'],
    expression: NON_ROOT,
    message: 'Set securityContext.runAsNonRoot: true.',
  });
  await createPolicy(asOwner, organization, {
    name: 'Objects are labelled',
    severity: 'LOW',
    enforcement: 'AUDIT',
    expression: 'has(object.metadata.labels)',
    message: 'Label every object.',
  });
  return { owner, organization, workspace, environmentId: createEnvironment.id };
}

async function deploymentCount(owner: TestUser, environmentId: string): Promise<number> {
  return (await stack.as(owner).data(DEPLOYMENTS, { e: environmentId })).environment.deployments.totalCount;
}

async function auditActions(owner: TestUser, organizationId: string): Promise<string[]> {
  await stack.flushOutboxes();
  const { auditLog } = await stack
    .as(owner)
    .data(`query ($o: [ID!]!) { auditLog(organizationIds: $o, first: 100) { nodes { action } } }`, {
      o: [organizationId],
    });
  return auditLog.nodes.map((node: { action: string }) => node.action);
}

describe('DENY policies at deployDesign', () => {
  it('refuses a revision that violates a DENY policy with BAD_USER_INPUT listing each violation, and records nothing', async () => {
    const { owner, organization, workspace, environmentId } = await deployableWorkspace();
    const design = await make.design(owner, workspace, {
      content: documents(
        deploymentManifest('web', { runAsNonRoot: false }),
        deploymentManifest('worker'),
        deploymentManifest('api', { runAsNonRoot: true }),
      ),
    });
    const response = await stack.as(owner).send(DEPLOY, { d: design.id, e: environmentId });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.data).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({
      field: 'input.revision',
      violations: [
        {
          policy: 'Containers run as non-root',
          resource: 'Deployment/shop/web',
          message: 'Set securityContext.runAsNonRoot: true.',
        },
        {
          policy: 'Containers run as non-root',
          resource: 'Deployment/shop/worker',
          message: 'Set securityContext.runAsNonRoot: true.',
        },
      ],
    });
    expect(response.errors?.[0]?.message).toBe(
      'input.revision: refused by DENY policies: Containers run as non-root (Deployment/shop/web); Containers run as non-root (Deployment/shop/worker)',
    );
    expect(await deploymentCount(owner, environmentId)).toBe(0);
    expect(await auditActions(owner, organization.id)).not.toContain('deployment.create');
  });

  it('never lets an AUDIT policy block: a design that violates only AUDIT policies is deployed', async () => {
    const { owner, workspace, environmentId } = await deployableWorkspace();
    const design = await make.design(owner, workspace, {
      content: documents(
        deploymentManifest('web', { runAsNonRoot: true, labels: false }),
        configMapManifest('settings', { labels: false }),
      ),
    });
    expect(
      (
        await stack
          .as(owner)
          .data(`query ($id: ID!) { design(id: $id) { violations { policy { enforcement } } } }`, {
            id: design.id,
          })
      ).design.violations,
    ).toEqual([{ policy: { enforcement: 'AUDIT' } }, { policy: { enforcement: 'AUDIT' } }]);
    const { deployDesign } = await stack.as(owner).data(DEPLOY, { d: design.id, e: environmentId });
    expect(deployDesign).toMatchObject({ status: 'PENDING', dryRun: false, designRevision: 1 });
    expect(await deploymentCount(owner, environmentId)).toBe(1);
  });

  it('is unblocked by fixing the design in a new revision, and still refuses the old revision', async () => {
    const { owner, workspace, environmentId } = await deployableWorkspace();
    const design = await make.design(owner, workspace, { content: deploymentManifest('web') });
    expect(await stack.as(owner).codes(DEPLOY, { d: design.id, e: environmentId })).toEqual([
      'BAD_USER_INPUT',
    ]);
    await stack.as(owner).data(UPDATE_DESIGN, {
      id: design.id,
      rev: 1,
      c: deploymentManifest('web', { runAsNonRoot: true }),
    });
    const { deployDesign } = await stack.as(owner).data(DEPLOY, { d: design.id, e: environmentId });
    expect(deployDesign).toMatchObject({ status: 'PENDING', dryRun: false, designRevision: 2 });
    const old = await stack
      .as(owner)
      .send(
        `mutation ($d: ID!, $e: ID!) { deployDesign(input: { designId: $d, environmentId: $e, revision: 1 }) { id } }`,
        { d: design.id, e: environmentId },
      );
    expect(errorCodes(old)).toEqual(['BAD_USER_INPUT']);
    expect(await deploymentCount(owner, environmentId)).toBe(1);
  });

  it('blocks as soon as a policy becomes DENY, and no longer once it is deleted', async () => {
    const { owner, organization, workspace, environmentId } = await deployableWorkspace();
    const asOwner = stack.as(owner);
    const privileged = await createPolicy(asOwner, organization, {
      name: 'No privileged containers',
      enforcement: 'AUDIT',
      kinds: ['Deployment'],
      expression: NO_PRIVILEGED,
      message: 'Do not run privileged.',
    });
    const design = await make.design(owner, workspace, {
      content: deploymentManifest('web', { runAsNonRoot: true, privileged: true }),
    });
    const dry = { d: design.id, e: environmentId };
    expect((await asOwner.data(DEPLOY, dry)).deployDesign.status).toBe('PENDING');
    await asOwner.data(`mutation ($id: ID!) { updatePolicy(id: $id, input: { enforcement: DENY }) { id } }`, {
      id: privileged.id,
    });
    const refused = await asOwner.send(DEPLOY, dry);
    expect(refused.errors?.[0]?.extensions?.violations).toEqual([
      {
        policy: 'No privileged containers',
        resource: 'Deployment/shop/web',
        message: 'Do not run privileged.',
      },
    ]);
    await asOwner.data(`mutation ($id: ID!) { deletePolicy(id: $id) }`, { id: privileged.id });
    expect((await asOwner.data(DEPLOY, dry)).deployDesign.status).toBe('PENDING');
    expect(await deploymentCount(owner, environmentId)).toBe(2);
  });

  it('lets a dry run of a violating revision through, and reports the DENY violations in its plan', async () => {
    const { owner, workspace, environmentId } = await deployableWorkspace();
    const design = await make.design(owner, workspace, { content: deploymentManifest('web') });
    const { deployDesign } = await stack
      .as(owner)
      .data(DEPLOY, { d: design.id, e: environmentId, dry: true });
    expect(deployDesign).toMatchObject({ status: 'PENDING', dryRun: true });
    await stack.drainDeployments();
    const { deployment } = await stack
      .as(owner)
      .data(`query ($id: ID!) { deployment(id: $id) { status targets { status message resources } } }`, {
        id: deployDesign.id,
      });
    expect(deployment).toEqual({
      status: 'FAILED',
      targets: [
        {
          status: 'FAILED',
          message:
            'Would be refused by DENY policies: Containers run as non-root (Deployment/shop/web): Set securityContext.runAsNonRoot: true.',
          resources: [],
        },
      ],
    });
  });
});
