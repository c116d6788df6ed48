import { startGitServer, type GitServer } from '@controlplane/git-server';
import { TEST_PASSWORD, unique, type TestOrganization, type TestUser } from '@controlplane/testkit';
import { checkPage, signIn, useConsoleStack } from './support/console-browser';
import { makeDeploySetup } from './support/deployments';
import { createPolicy, deploymentManifest } from './support/policies';

/**
 * The journey's last steps, clicked through in Chromium: a member deploys a design once it no
 * longer violates a DENY policy, and a security architect audits three organizations.
 */
const { stack, make, newContext, origin } = useConsoleStack({
  // The local Git server listens on plain http on loopback.
  serviceEnv: { workspace: { DEPLOY_ALLOWED_HOSTS: '127.0.0.1' } },
});
const GIT_TOKEN = 'console-deploy-git-token';
let git: GitServer;

beforeAll(async () => {
  git = await startGitServer({ accounts: { deployer: GIT_TOKEN } });
}, 300_000);
afterAll(() => git?.close());

const NON_ROOT =
  'object.spec.template.spec.containers.all(c, has(c.securityContext) && c.securityContext.runAsNonRoot == true)';

/** `user` joins `organization` as an AUDITOR through a real invitation. */
async function joinAsAuditor(owner: TestUser, organization: TestOrganization, user: TestUser): Promise<void> {
  const token = await make.invitation(owner, organization, user.email, 'AUDITOR');
  await stack.as(user).data(`mutation ($t: String!) { acceptInvitation(token: $t) { role } }`, { t: token });
}

describe('deploying from the console', () => {
  it('refuses a deploy while a DENY policy is violated, and deploys once the member fixes the YAML', async () => {
    const setup = await makeDeploySetup(
      stack,
      make,
      [
        {
          kind: 'GIT',
          url: git.createRepository(`${unique('console')}.git`),
          credentials: { username: 'deployer', token: GIT_TOKEN },
        },
      ],
      { content: deploymentManifest('web', { runAsNonRoot: false }) },
    );
    const policyName = 'Containers run as non-root';
    await createPolicy(stack.as(setup.owner), setup.organization, {
      name: policyName,
      severity: 'HIGH',
      enforcement: 'DENY',
      kinds: ['Deployment'],
      expression: NON_ROOT,
      message: 'Set securityContext.runAsNonRoot: true.',
    });
    const team = await make.team(setup.owner, setup.organization);
    const member = await make.member(setup.owner, setup.organization, 'MEMBER', { teamIds: [team.id] });
    await make.workspaceGrant(setup.owner, setup.workspace, team, 'EDITOR');

    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, origin(), member, TEST_PASSWORD);
    await page.goto(`${origin()}/workspaces/${setup.workspace.id}`);
    await page.getByRole('link', { name: setup.design.name }).click();
    await page.getByRole('heading', { name: setup.design.name }).waitFor();

    // The violation is shown beside the editor, and a deploy is refused naming the policy.
    const violations = page.getByRole('list', { name: 'Violations' });
    await violations.getByText(policyName).waitFor();
    await violations.getByText('DENY: blocks deploys').waitFor();
    await page.getByText('violation(s) of DENY policies').waitFor();
    await checkPage(page, 'design-deny-violation');
    await page.getByRole('button', { name: 'Deploy revision 1' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'refused by DENY policies' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain(`${policyName} (Deployment/shop/web)`);

    // The member fixes the YAML, saves, and the violation is gone.
    await page
      .getByLabel('Design content (YAML or JSON)')
      .fill(deploymentManifest('web', { runAsNonRoot: true }));
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved as revision 2.').waitFor();
    await page.getByRole('heading', { name: 'Policy violations (0)' }).waitFor();
    await page.getByText('The current revision violates no policy of the organization.').waitFor();

    // Deploying revision 2 opens the deployment, whose target reports the commit once the worker ran.
    await page.getByRole('button', { name: 'Deploy revision 2' }).click();
    await page.getByRole('heading', { name: `Deployment to ${setup.environment.name}` }).waitFor();
    await stack.drainDeployments();
    const target = page.getByRole('row').filter({ hasText: 'GIT' });
    await target.getByText('SUCCEEDED').waitFor();
    await target.getByText(/^Committed [0-9a-f]{12} to main/).waitFor();
    expect(await target.innerText()).toContain('Deployment/shop/web');
    await page.getByText('Status: SUCCEEDED').waitFor();
    await checkPage(page, 'deployment');

    // The design's history lists the deploy.
    await page.getByRole('link', { name: setup.design.name }).click();
    const history = page.getByRole('region', { name: 'Deployment history' });
    await history.getByText('SUCCEEDED').waitFor();
    expect(await history.innerText()).toContain(setup.environment.name);
    await context.close();
  }, 300_000);
});

describe('deleting a design', () => {
  it('asks once more, then deletes it and the workspace no longer lists it', async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const workspace = await make.workspace(owner, organization, { name: unique('Sandbox') });
    const keepName = unique('keep');
    await make.design(owner, workspace, { name: keepName });
    const doomedName = unique('doomed');
    const doomed = await make.design(owner, workspace, { name: doomedName });

    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, origin(), owner, TEST_PASSWORD);
    await page.goto(`${origin()}/designs/${doomed.id}`);
    await page.getByRole('heading', { name: doomedName }).waitFor();
    await page.getByRole('button', { name: 'Delete design' }).click();
    await page.getByText(`Delete ${doomedName} and its revision history?`).waitFor();
    await page.getByRole('button', { name: 'Keep it' }).click();
    await page.getByRole('button', { name: 'Delete design' }).click();
    await page.getByRole('button', { name: `Yes, delete ${doomedName}` }).click();

    await page.getByRole('heading', { name: workspace.name }).waitFor();
    await page.getByRole('link', { name: keepName }).waitFor();
    expect(await page.getByRole('link', { name: doomedName }).count()).toBe(0);
    expect(
      await stack.as(owner).codes(`query ($id: ID!) { design(id: $id) { id } }`, { id: doomed.id }),
    ).toEqual(['NOT_FOUND']);
    await context.close();
  }, 300_000);
});

describe('the security architect', () => {
  it('reads one compliance table across three organizations, grouped by severity, and their audit trail', async () => {
    const architect = await make.user({ displayName: 'Security Architect' });
    const organizations: TestOrganization[] = [];
    const severities = ['CRITICAL', 'HIGH', 'LOW'] as const;
    for (const severity of severities) {
      const owner = await make.user();
      const organization = await make.organization(owner, { name: unique(`Bank ${severity}`) });
      const workspace = await make.workspace(owner, organization);
      await make.design(owner, workspace, {
        name: `root-${severity.toLowerCase()}`,
        content: deploymentManifest('api', { runAsNonRoot: false }),
      });
      await createPolicy(stack.as(owner), organization, {
        name: `Non-root (${severity})`,
        severity,
        kinds: ['Deployment'],
        expression: NON_ROOT,
        message: 'Run as non-root.',
      });
      await joinAsAuditor(owner, organization, architect);
      organizations.push(organization);
    }
    await stack.flushOutboxes();

    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, origin(), architect, TEST_PASSWORD);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Compliance' }).click();
    await page.getByRole('heading', { name: 'Compliance across 3 organization(s)' }).waitFor();
    const summary = page.getByRole('region', { name: 'Compliance summary' });
    for (const organization of organizations) await summary.getByText(organization.name).waitFor();
    const order = await page
      .getByRole('heading', { name: /^(CRITICAL|HIGH|MEDIUM|LOW) \(\d+\)$/ })
      .allInnerTexts();
    expect(order).toEqual(['CRITICAL (1)', 'HIGH (1)', 'LOW (1)']);
    for (const [index, severity] of severities.entries()) {
      const group = page.getByRole('region', { name: `${severity} violations` });
      await group.getByText(organizations[index]!.name).waitFor();
      expect(await group.innerText()).toContain(`root-${severity.toLowerCase()}`);
    }
    await checkPage(page, 'compliance-three-organizations');

    // The audit log holds the events of all three; the organization filter narrows it to one.
    await nav.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.getByLabel('Action', { exact: true }).fill('policy.create');
    const events = page.getByRole('region', { name: 'Audit events' });
    await page.getByRole('heading', { name: '3 event(s)' }).waitFor();
    for (const organization of organizations) await events.getByText(organization.name).waitFor();
    await page
      .getByRole('region', { name: 'Filters' })
      .getByLabel('Organization')
      .selectOption({ label: organizations[1]!.name });
    await page.getByRole('heading', { name: '1 event(s)' }).waitFor();
    expect(await events.getByRole('row').count()).toBe(2); // the header and one event
    expect(await events.innerText()).toContain(organizations[1]!.name);
    expect(await events.innerText()).not.toContain(organizations[0]!.name);
    await checkPage(page, 'audit-one-organization');
    await context.close();
  }, 300_000);
});
