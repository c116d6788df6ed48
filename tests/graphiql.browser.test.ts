import { chromium, type Browser } from 'playwright-core';
import { useStack } from '@controlplane/testkit';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const { stack, make } = useStack();
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}, 300_000);
afterAll(() => browser?.close());

describe('GraphiQL at GET /graphql', () => {
  it('loads from local assets only, runs a query with a pasted token and shows the result', async () => {
    const user = await make.user({ displayName: 'Browser Tester' });
    const page = await browser.newPage();
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(new URL(stack.gatewayUrl).origin)) external.push(request.url());
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(`${stack.gatewayUrl}?query=${encodeURIComponent('{ me { user { displayName } } }')}`);
    await page.locator('#token').fill(user.token);
    await page.locator('.graphiql-execute-button').click();
    await page.locator('.result-window').getByText('Browser Tester').waitFor({ timeout: 60_000 });

    expect(await page.locator('.result-window').innerText()).toContain('"displayName": "Browser Tester"');
    expect(external).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('opens on the introduction to this API, with a tab per step of the journey, and runs its query', async () => {
    const user = await make.user({ displayName: 'Intro Reader' });
    const page = await browser.newPage();
    await page.goto(stack.gatewayUrl);
    const editor = page.locator('.graphiql-query-editor');
    await editor.getByText('# Control plane API').waitFor({ timeout: 60_000 });
    await editor.getByText('Bearer token').first().waitFor();
    await editor.getByText('An API key secret (createApiKey)').waitFor();
    for (const title of [
      'LogIn',
      'CreateOrganization',
      'PublishDesign',
      'DeployDesign',
      'Deployment',
      'AuditLog',
    ]) {
      await page.locator('.graphiql-tab').getByText(title, { exact: true }).waitFor();
    }

    await page.locator('#token').fill(user.token);
    await page.locator('.graphiql-execute-button').click();
    await page.locator('.result-window').getByText('Intro Reader').waitFor({ timeout: 60_000 });
    await page.close();
  });

  it('answers a query without a token as an anonymous caller', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.gatewayUrl}?query=${encodeURIComponent('{ me { user { id } } }')}`);
    await page.locator('.graphiql-execute-button').click();
    await page.locator('.result-window').getByText('"me": null').waitFor({ timeout: 60_000 });
    await page.close();
  });
});
