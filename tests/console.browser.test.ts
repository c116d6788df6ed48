import { request } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import { TEST_PASSWORD, unique } from '@controlplane/testkit';
import { checkPage, screenshot, signIn, useConsoleStack } from './support/console-browser';
import { makeConnection } from './support/deployments';
import { createPolicy } from './support/policies';

const { stack, make, newContext, origin } = useConsoleStack();

describe('the console at /', () => {
  it('ships under 250 KB of gzipped JavaScript and reaches a usable sign-in form', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const scripts: Array<Promise<number>> = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') {
        scripts.push(response.body().then((body) => gzipSync(body).length));
      }
    });
    const started = Date.now();
    await page.goto(`${origin()}/`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill('someone@example.com');
    const usableMs = Date.now() - started;
    const gzippedBytes = (await Promise.all(scripts)).reduce((sum, size) => sum + size, 0);
    console.log(
      `console first load: ${(gzippedBytes / 1024).toFixed(1)} KB gzipped JS, sign-in form usable after ${usableMs} ms`,
    );

    expect(scripts.length).toBeGreaterThan(0);
    expect(gzippedBytes).toBeLessThan(250 * 1024);
    await checkPage(page, 'sign-in');
    await context.close();
  });

  it('answers a client route with index.html, never cached, and leaves GraphiQL at /graphql', async () => {
    const route = await fetch(`${origin()}/orgs/anything/workspaces`, { headers: { accept: 'text/html' } });
    expect(route.status).toBe(200);
    expect(route.headers.get('cache-control')).toContain('no-store');
    expect(await route.text()).toContain('<div id="root">');
    const graphiql = await fetch(stack.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(await graphiql.text()).toContain('GraphiQL');
  });
});

/** One GET with the given request headers; the status, headers and the raw (not decoded) body. */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      const req = request(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('the console assets', () => {
  it('are sent gzip-compressed to a client that accepts gzip, cached for a year, and index.html is never cached', async () => {
    const index = await rawGet(`${origin()}/`, { accept: 'text/html' });
    expect(index.headers['cache-control']).toContain('no-cache');
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(index.body.toString('utf8'))?.[1];
    expect(script).toBeDefined();

    const gzipped = await rawGet(`${origin()}${script}`, { 'accept-encoding': 'gzip' });
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['content-type']).toContain('javascript');
    expect(gzipped.headers['cache-control']).toContain('immutable');
    expect(gzipped.headers['vary']).toMatch(/accept-encoding/i);
    const plain = await rawGet(`${origin()}${script}`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzipped.body.length).toBeLessThan(plain.body.length / 2);
    expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
  });
});

describe('signing out', () => {
  it('ends the session on the server, so the token the browser held is refused afterwards', async () => {
    const user = await make.user();
    await make.organization(user);
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, origin(), user, TEST_PASSWORD);
    // A string, evaluated in the page: the tests compile without the DOM's types.
    const storedToken = `localStorage.getItem('controlplane.console.token')`;
    const token = await page.evaluate<string | null>(storedToken);
    expect(token).not.toBeNull();
    expect(await stack.as(token as string).codes('{ me { user { id } } }')).toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate<string | null>(storedToken)).toBeNull();
    expect(await stack.as(token as string).codes('{ me { user { id } } }')).toEqual(['UNAUTHENTICATED']);
    await context.close();
  });
});

describe('the main journey, clicked through', () => {
  it('signs up, publishes a PUBLIC design that its admin approves, and another organization clones, edits it through a CONFLICT and publishes the improvement back', async () => {
    // A platform engineer signs up and builds an organization, a workspace and a baseline.
    const engineerEmail = `${unique('engineer')}@example.com`;
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${origin()}/signup`);
    await page.getByLabel('Display name').fill('Platform Engineer');
    await page.getByLabel('Email').fill(engineerEmail);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'New organization' }).waitFor();
    await checkPage(page, 'new-organization');
    await page.getByLabel('Name', { exact: true }).fill(unique('Platform Org'));
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByRole('heading', { name: /^Members/ }).waitFor();
    await checkPage(page, 'organization');

    await page.getByRole('link', { name: 'Workspaces' }).click();
    await page.getByLabel('Workspace name').fill('Security baselines');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('heading', { name: 'Security baselines' }).waitFor();
    await checkPage(page, 'workspace');
    await page.getByLabel('New design name').fill('PCI-DSS baseline');
    await page.getByRole('button', { name: 'Create design' }).click();
    await page.getByRole('heading', { name: 'PCI-DSS baseline' }).waitFor();

    const itemName = unique('PCI-DSS baseline');
    await page.getByLabel('Item name').fill(itemName);
    await page.getByLabel('Tags').fill('pci-dss, baseline');
    await page.getByLabel('Visibility').selectOption('PUBLIC');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('waiting for review').waitFor();
    await checkPage(page, 'design');

    // Its OWNER (the engineer here) approves the submission from the review queue.
    await page.getByRole('link', { name: 'Review queue' }).click();
    await page.getByRole('heading', { name: new RegExp(itemName) }).waitFor();
    await checkPage(page, 'review-queue');
    await page.getByLabel(new RegExp(`Comment on ${itemName}`)).fill('Meets the baseline.');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Nothing waits for review.').waitFor();
    await context.close();

    // A retail-banking member finds it in the catalog and clones it into a workspace.
    const banker = await make.user({ displayName: 'Retail Banker' });
    const bank = await make.organization(banker, { name: unique('Retail Banking') });
    await make.workspace(banker, bank, { name: 'Payments' });
    const bankContext = await newContext();
    const tab = await bankContext.newPage();
    await signIn(tab, origin(), banker, TEST_PASSWORD);
    await tab.getByRole('link', { name: 'Catalog' }).click();
    await tab.getByLabel('Search name, summary or tags').fill(itemName);
    await tab.getByRole('link', { name: itemName }).click();
    await tab.getByRole('heading', { name: itemName }).waitFor();
    await checkPage(tab, 'catalog-item');
    await tab.getByLabel('New design name (optional)').fill('Payments baseline');
    await tab.getByRole('button', { name: 'Clone into workspace' }).click();
    await tab.getByRole('heading', { name: 'Payments baseline' }).waitFor();
    const designUrl = tab.url();

    // A second tab saves first; the first tab's save meets a CONFLICT shown as their version.
    const secondTab = await bankContext.newPage();
    await secondTab.goto(designUrl);
    const secondEditor = secondTab.getByLabel('Design content (YAML or JSON)');
    await secondEditor.fill(`${await secondEditor.inputValue()}\n# changed in the second tab\n`);
    await secondTab.getByRole('button', { name: 'Save' }).click();
    await secondTab.getByText('Saved as revision 2.').waitFor();

    const editor = tab.getByLabel('Design content (YAML or JSON)');
    const mine = `${await editor.inputValue()}\n# my change\n`;
    await editor.fill(mine);
    await tab.getByRole('button', { name: 'Save' }).click();
    await tab.getByText('Someone changed this design').waitFor();
    expect(await tab.getByLabel('Their version').innerText()).toContain('# changed in the second tab');
    await screenshot(tab, 'design-conflict');
    await tab.getByRole('button', { name: 'Keep my text on top of theirs' }).click();
    await tab.getByRole('button', { name: 'Save' }).click();
    await tab.getByText('Saved as revision 3.').waitFor();
    await expect(editor.inputValue()).resolves.toContain('# my change');

    // The revision history diffs revision 2 with 3.
    await tab.getByLabel('Compare revision').selectOption('2');
    await tab.getByLabel('with revision').selectOption('3');
    await tab.getByLabel('Diff of revision 2 and 3').getByText('+ # my change').waitFor();

    // It publishes the improvement back as an item derived from the original.
    const improvedName = unique('PCI-DSS payments');
    await tab.getByLabel('Item name').fill(improvedName);
    await tab.getByRole('button', { name: 'Publish' }).click();
    await tab.getByRole('link', { name: improvedName }).click();
    await tab.getByRole('link', { name: itemName }).waitFor();
    await checkPage(tab, 'catalog-derived');

    // The catalog, the audit log and the compliance report of the bank render for its OWNER.
    for (const [name, heading] of [
      ['catalog', /^Catalog$/],
      ['audit', /^Audit log$/],
      ['compliance', /^Compliance across/],
      ['policies', /^Policies$/],
      ['environments', /^Environments and connections$/],
    ] as const) {
      await tab
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: new RegExp(`^${name}`, 'i') })
        .click();
      await tab.getByRole('heading', { name: heading }).waitFor();
      await checkPage(tab, name);
    }
    await tab.setViewportSize({ width: 390, height: 844 });
    await tab.goto(designUrl);
    await tab.getByRole('heading', { name: 'Payments baseline' }).waitFor();
    await checkPage(tab, 'design-390');
    await bankContext.close();
  }, 300_000);
});

describe('controls by role', () => {
  it('shows a VIEWER no edit controls and an AUDITOR no write controls', async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const workspace = await make.workspace(owner, organization, { name: 'Shared' });
    const design = await make.design(owner, workspace, { name: 'Read me' });
    const team = await make.team(owner, organization);
    const viewer = await make.member(owner, organization, 'MEMBER', { teamIds: [team.id] });
    await make.workspaceGrant(owner, workspace, team, 'VIEWER');
    const auditor = await make.member(owner, organization, 'AUDITOR');
    const as = stack.as(owner);
    const { createEnvironment: environment } = await as.data<{ createEnvironment: { id: string } }>(
      `mutation ($input: CreateEnvironmentInput!) { createEnvironment(input: $input) { id } }`,
      { input: { organizationId: organization.id, name: 'Staging' } },
    );
    const connectionId = await makeConnection(stack, owner, organization, {
      kind: 'PROMETHEUS',
      url: 'https://prometheus.example.com',
    });
    await as.data(
      `mutation ($e: ID!, $c: ID!) { attachConnection(environmentId: $e, connectionId: $c) { id } }`,
      { e: environment.id, c: connectionId },
    );
    await as.data(
      `mutation ($w: ID!, $e: ID!) { attachEnvironment(workspaceId: $w, environmentId: $e) { id } }`,
      { w: workspace.id, e: environment.id },
    );
    await createPolicy(as, organization, { name: 'Any rule', expression: 'true' });
    /** Every control that changes something, but leaving the organization (a member's own choice). */
    const writes = /Remove|Revoke|Create|Invite|Delete|Detach|Attach|Save|Copy|Grant|Add/;

    for (const [who, user] of [
      ['viewer', viewer],
      ['auditor', auditor],
    ] as const) {
      const context = await newContext(who === 'auditor' ? 390 : 1280);
      const page = await context.newPage();
      await signIn(page, origin(), user, TEST_PASSWORD);
      await page.goto(`${origin()}/designs/${design.id}`);
      await page.getByRole('heading', { name: 'Read me' }).waitFor();
      await page.getByText('Read only: editing needs the EDITOR role').waitFor();
      expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Publish' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /Deploy/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Delete design' }).count()).toBe(0);
      expect(await page.getByLabel('Design content (YAML or JSON)').getAttribute('readonly')).not.toBeNull();
      await checkPage(page, `design-as-${who}`);

      await page.goto(`${origin()}/workspaces/${workspace.id}`);
      await page.getByRole('heading', { name: 'Shared' }).waitFor();
      await page.getByText('Staging').waitFor();
      expect(await page.getByRole('button', { name: writes }).count()).toBe(0);
      expect(await page.locator('summary').count()).toBe(0);
      await checkPage(page, `workspace-as-${who}`);

      await page.goto(`${origin()}/orgs/${organization.id}`);
      await page.getByRole('heading', { name: /^Members/ }).waitFor();
      expect(await page.getByRole('button', { name: writes }).count()).toBe(0);
      expect(await page.getByRole('combobox', { name: /^Role of/ }).count()).toBe(0);
      expect(await page.locator('summary').count()).toBe(0);
      await page.getByRole('button', { name: 'Leave organization' }).waitFor();
      await checkPage(page, `organization-as-${who}`);

      await page.goto(`${origin()}/orgs/${organization.id}/workspaces`);
      await page.getByRole('heading', { name: /^Workspaces of/ }).waitFor();
      expect(await page.getByRole('button', { name: 'Create workspace' }).count()).toBe(0);
      await page.goto(`${origin()}/orgs/${organization.id}/policies`);
      await page.getByRole('heading', { name: 'Policies', exact: true }).waitFor();
      await page.getByText('Any rule').waitFor();
      expect(await page.getByRole('button', { name: writes }).count()).toBe(0);
      expect(await page.locator('summary').count()).toBe(0);
      await checkPage(page, `policies-as-${who}`);

      await page.goto(`${origin()}/orgs/${organization.id}/environments`);
      await page.getByRole('heading', { name: 'Environments and connections' }).waitFor();
      await page.getByRole('list', { name: 'Connections of Staging' }).waitFor();
      expect(await page.getByRole('button', { name: writes }).count()).toBe(0);
      expect(await page.locator('summary').count()).toBe(0);
      await checkPage(page, `environments-as-${who}`);
      await context.close();
    }
  }, 300_000);
});
