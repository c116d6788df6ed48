import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KNOWN_PLACEHOLDER_SECRETS } from '@controlplane/config';
import { loadCatalogConfig } from '@controlplane/catalog';
import { loadGatewayConfig } from '@controlplane/gateway';
import { loadIdentityConfig } from '@controlplane/identity';
import { loadWorkspaceConfig } from '@controlplane/workspace';

/**
 * Guards issue 16's production guard rail: with NODE_ENV=production no service starts on a
 * secret published in this repository, and the refusal names the variable.
 */
const ROOT = join(__dirname, '..');
const [SIGNING_PLACEHOLDER, JWT_PLACEHOLDER, KEY_PLACEHOLDER] = KNOWN_PLACEHOLDER_SECRETS as [
  string,
  string,
  string,
];
const good = () => randomBytes(32).toString('base64');
/** Settings that start every service, but for the secret a case replaces. */
const valid = () => ({
  NODE_ENV: 'production',
  GATEWAY_SIGNING_SECRET: good(),
  JWT_SECRET: good(),
  CREDENTIALS_KEY: good(),
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/never-reached',
});

const CASES = [
  ['gateway', loadGatewayConfig, 'GATEWAY_SIGNING_SECRET', SIGNING_PLACEHOLDER],
  ['identity', loadIdentityConfig, 'GATEWAY_SIGNING_SECRET', SIGNING_PLACEHOLDER],
  ['identity', loadIdentityConfig, 'JWT_SECRET', JWT_PLACEHOLDER],
  ['workspace', loadWorkspaceConfig, 'GATEWAY_SIGNING_SECRET', SIGNING_PLACEHOLDER],
  ['workspace', loadWorkspaceConfig, 'CREDENTIALS_KEY', KEY_PLACEHOLDER],
  ['catalog', loadCatalogConfig, 'GATEWAY_SIGNING_SECRET', SIGNING_PLACEHOLDER],
] as const;

describe('placeholder secrets with NODE_ENV=production', () => {
  it.each(CASES)('%s refuses a placeholder %s, naming it', (_service, load, variable, placeholder) => {
    expect(() => load({ ...valid(), [variable]: placeholder })).toThrow(
      new RegExp(`${variable}: is a published placeholder secret`),
    );
    expect(() => load(valid())).not.toThrow();
    expect(() => load({ ...valid(), NODE_ENV: 'development', [variable]: placeholder })).not.toThrow();
  });

  it.each(['gateway', 'identity', 'workspace', 'catalog'])(
    'node apps/%s/dist/index.js exits non-zero, naming the variable',
    async (service) => {
      const run = promisify(execFile)(process.execPath, [join(ROOT, 'apps', service, 'dist', 'index.js')], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          ...valid(),
          GATEWAY_SIGNING_SECRET: SIGNING_PLACEHOLDER,
          LOG_LEVEL: 'silent',
        },
        timeout: 120_000,
      });
      const failure = await run.then(
        () => undefined,
        (error: { code?: number; stderr?: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain('GATEWAY_SIGNING_SECRET: is a published placeholder secret');
    },
    40_000,
  );

  it('ships no default secret in docker-compose.yml: each must be set', () => {
    const compose = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
    for (const placeholder of KNOWN_PLACEHOLDER_SECRETS) expect(compose).not.toContain(placeholder);
    for (const variable of ['GATEWAY_SIGNING_SECRET', 'JWT_SECRET', 'CREDENTIALS_KEY']) {
      // The variable itself, not a longer name (GATEWAY_SIGNING_SECRET_PREVIOUS) that begins with it.
      const uses = [...compose.matchAll(new RegExp(`\\$\\{${variable}(?![A-Z_])([^}]*)\\}`, 'g'))];
      expect(uses.length).toBeGreaterThan(0);
      for (const use of uses) expect(use[1]).toMatch(/^:\?/);
    }
    // The rotation's second key is optional, and empty unless set.
    expect(compose).toContain('${GATEWAY_SIGNING_SECRET_PREVIOUS:-}');
    expect(compose).toContain('${JWT_SECRET_PREVIOUS:-}');
  });
});
