import { TEST_PASSWORD, unique } from '@controlplane/testkit';
import type { Page } from 'playwright-core';
import { checkPage, signIn, useConsoleStack } from './support/console-browser';
import { makeDeploySetup } from './support/deployments';
import { createPolicy } from './support/policies';

/**
 * The console's administration controls, clicked through in Chromium against the real stack: an
 * OWNER renames the organization, detaches a connection, edits a policy through a compile error,
 * copies policies in from another organization and deletes a workspace; each page passes axe at
 * 1280 and 390 px.
 */
const { stack, make, newContext, origin } = useConsoleStack();

const NON_ROOT =
  'object.spec.template.spec.containers.all(c, has(c.securityContext) && c.securityContext.runAsNonRoot == true)';

/** Opens a confirm button's question and answers yes. */
async function confirm(page: Page, label: string, yes: string): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).click();
  await page.getByRole('button', { name: yes, exact: true }).click();
}

describe('administration in the console', () => {
  it('renames the organization, detaches a connection, edits and copies policies, deletes a workspace and then the organization', async () => {
    const setup = await makeDeploySetup(stack, make, [
      { kind: 'PROMETHEUS', url: 'https://prometheus.example.com' },
    ]);
    const { owner, organization, workspace, environment } = setup;
    const as = stack.as(owner);
    const { organization: read } = await as.data<{
      organization: { connections: Array<{ id: string; name: string }> };
    }>(`query ($id: ID!) { organization(id: $id) { connections { id name } } }`, { id: organization.id });
    const connection = read.connections[0]!;
    await createPolicy(as, organization, { name: 'Non-root', expression: NON_ROOT, kinds: ['Deployment'] });
    const source = await make.organization(owner, { name: unique('Blueprints') });
    await createPolicy(as, source, { name: 'Copied rule', expression: 'true', severity: 'MEDIUM' });

    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, origin(), owner, TEST_PASSWORD);

    // Rename the organization.
    const renamed = unique('Renamed Org');
    await page.goto(`${origin()}/orgs/${organization.id}`);
    await page.getByRole('heading', { name: organization.name, exact: true }).waitFor();
    await page.getByText(`Edit ${organization.name}`, { exact: true }).click();
    await page.getByLabel(`Name of ${organization.name}`).fill(renamed);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: renamed, exact: true }).waitFor();
    await checkPage(page, 'organization-admin');
    const named = await as.data<{ organization: { name: string } }>(
      `query ($id: ID!) { organization(id: $id) { name } }`,
      { id: organization.id },
    );
    expect(named.organization.name).toBe(renamed);

    // Detach the connection from the environment.
    await page.goto(`${origin()}/orgs/${organization.id}/environments`);
    const chips = page.getByRole('list', { name: `Connections of ${environment.name}` });
    await chips.getByText(connection.name).waitFor();
    await confirm(
      page,
      `Detach ${connection.name} from ${environment.name}`,
      `Yes, detach ${connection.name}`,
    );
    await chips.getByText('No connection.').waitFor();
    await checkPage(page, 'environments-admin');
    const attached = await as.data<{ environment: { connections: unknown[] } }>(
      `query ($id: ID!) { environment(id: $id) { connections { id } } }`,
      { id: environment.id },
    );
    expect(attached.environment.connections).toEqual([]);

    // Edit a policy: a compile error is shown at its line and column, then the fix is saved.
    await page.goto(`${origin()}/orgs/${organization.id}/policies`);
    await page.getByText('Edit Non-root', { exact: true }).click();
    const expression = page.getByLabel('CEL expression of Non-root');
    await expression.fill('object.spec.replicas >');
    await page.getByRole('button', { name: 'Save policy' }).click();
    const caret = page.getByLabel('Where the expression fails');
    await caret.waitFor();
    expect(await caret.innerText()).toMatch(/^object\.spec\.replicas >\n\s*\^ /);
    await page.getByText(/^Line 1, column \d+: /).waitFor();
    await checkPage(page, 'policy-compile-error');
    await expression.fill('object.spec.replicas >= 2');
    await page.getByLabel('Severity of Non-root').selectOption('CRITICAL');
    await page.getByRole('button', { name: 'Save policy' }).click();
    const policies = page.getByRole('region', { name: 'Policies', exact: true });
    await policies.getByText('object.spec.replicas >= 2').waitFor();
    await policies.getByRole('cell', { name: 'CRITICAL', exact: true }).waitFor();

    // Copy the policies of the other organization in.
    await page.getByLabel('Copy from').selectOption({ label: source.name });
    await page.getByRole('button', { name: 'Copy policies' }).click();
    await page.getByText('Copied 1 policies.').waitFor();
    await policies.getByRole('cell', { name: 'Copied rule', exact: true }).waitFor();
    await checkPage(page, 'policies-admin');
    const copied = await as.data<{ policies: Array<{ name: string }> }>(
      `query ($id: ID!) { policies(organizationId: $id) { name } }`,
      { id: organization.id },
    );
    expect(copied.policies.map((policy) => policy.name).sort()).toEqual(['Copied rule', 'Non-root']);

    // The same pages at 390 px.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, name] of [
      [`/orgs/${organization.id}`, 'organization-admin-390'],
      [`/orgs/${organization.id}/environments`, 'environments-admin-390'],
      [`/orgs/${organization.id}/policies`, 'policies-admin-390'],
      [`/workspaces/${workspace.id}`, 'workspace-admin-390'],
    ] as const) {
      await page.goto(`${origin()}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await checkPage(page, name);
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    // Delete the workspace: the organization's list no longer shows it, and the API hides it.
    await page.getByRole('heading', { name: workspace.name }).waitFor();
    await checkPage(page, 'workspace-admin');
    await confirm(page, 'Delete workspace', `Yes, delete ${workspace.name}`);
    await page.getByRole('heading', { name: `Workspaces of ${renamed}` }).waitFor();
    expect(await page.getByRole('link', { name: workspace.name }).count()).toBe(0);
    expect(await as.codes(`query ($id: ID!) { workspace(id: $id) { id } }`, { id: workspace.id })).toEqual([
      'NOT_FOUND',
    ]);

    // Delete the organization: the console opens the owner's other one, and the switcher drops it.
    await page.goto(`${origin()}/orgs/${organization.id}`);
    await confirm(page, 'Delete organization', `Yes, delete ${renamed}`);
    await page.getByRole('heading', { name: `Workspaces of ${source.name}` }).waitFor();
    await page.getByRole('option', { name: new RegExp(renamed) }).waitFor({ state: 'detached' });
    expect(
      await as.codes(`query ($id: ID!) { organization(id: $id) { id } }`, { id: organization.id }),
    ).toEqual(['NOT_FOUND']);
    await context.close();
  }, 300_000);
});
