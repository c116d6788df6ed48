import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { useStack } from '@controlplane/testkit';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..');
export const CONSOLE_DIST = join(ROOT, 'apps', 'console', 'dist', 'index.html');
export const SCREENSHOTS = join(ROOT, 'apps', 'console', 'test-results');

/** Debian's Chromium with the flags this machine needs (no sandbox as root, no background network). */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CONSOLE_DIST)) {
    throw new Error('The console is not built: run npm run build (npm test does) before the browser tests.');
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** Serious and critical axe violations of the page as it is now, as short strings (empty when none). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
}

/** Writes a screenshot of the page under apps/console/test-results/ (gitignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Screenshot plus an axe check: every page a journey visits passes both. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await page.getByRole('main').waitFor();
  await screenshot(page, name);
  expect({ page: name, violations: await seriousAxeViolations(page) }).toEqual({
    page: name,
    violations: [],
  });
}

/** Signs in through the form, as a person does. */
export async function signIn(
  page: Page,
  origin: string,
  user: { email: string },
  password: string,
): Promise<void> {
  await page.goto(`${origin}/signin`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/**
 * The real stack and a Chromium for one test file (launched before its tests, closed after):
 * `newContext(width)` opens a fresh browser profile, so its own session, at that width.
 */
export function useConsoleStack(options?: Parameters<typeof useStack>[0]) {
  const { stack, make } = useStack(options);
  let browser: Browser | undefined;
  // Two cores shared with other work: Chromium may take a while to start.
  beforeAll(async () => {
    browser = await launchChromium();
  }, 300_000);
  afterAll(() => browser?.close());
  const newContext = (width = 1280): Promise<BrowserContext> => {
    if (browser === undefined) throw new Error('Chromium is not running yet');
    return browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
  };
  return { stack, make, newContext, origin: () => new URL(stack.gatewayUrl).origin };
}
