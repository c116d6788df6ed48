import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  generateLocalSigningKeys,
  KNOWN_PLACEHOLDER_SECRETS,
  localSigningEnvironment,
} from '@controlplane/config';
import { loadCatalogConfig } from '@controlplane/catalog';
import { loadGatewayConfig } from '@controlplane/gateway';
import { loadIdentityConfig } from '@controlplane/identity';
import { loadWorkspaceConfig } from '@controlplane/workspace';

/**
 * Guards issue 16's production guard rail: with NODE_ENV=production no service starts on a
 * secret published in this repository, nor without its signing key or the public keys of the
 * callers it accepts, and the refusal names the variable.
 */
const ROOT = join(__dirname, '..');
const [SIGNING_PLACEHOLDER, JWT_PLACEHOLDER, KEY_PLACEHOLDER] = KNOWN_PLACEHOLDER_SECRETS as [
  string,
  string,
  string,
];
const good = () => randomBytes(32).toString('base64');
type Service = 'gateway' | 'identity' | 'workspace' | 'catalog';
/** Settings that start `service`, but for the secret a case replaces: its own key pair among others. */
const valid = (service: Service) => ({
  NODE_ENV: 'production',
  ...localSigningEnvironment(generateLocalSigningKeys())[service],
  JWT_SECRET: good(),
  CREDENTIALS_KEY: good(),
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/never-reached',
});

const CASES = [
  ['identity', loadIdentityConfig, 'JWT_SECRET', JWT_PLACEHOLDER],
  ['workspace', loadWorkspaceConfig, 'CREDENTIALS_KEY', KEY_PLACEHOLDER],
] as const;

const LOADERS = {
  gateway: loadGatewayConfig,
  identity: loadIdentityConfig,
  workspace: loadWorkspaceConfig,
  catalog: loadCatalogConfig,
} as const;

describe('placeholder secrets with NODE_ENV=production', () => {
  it.each(CASES)('%s refuses a placeholder %s, naming it', (service, load, variable, placeholder) => {
    expect(() => load({ ...valid(service), [variable]: placeholder })).toThrow(
      new RegExp(`${variable}: is a published placeholder secret`),
    );
    expect(() => load(valid(service))).not.toThrow();
    expect(() => load({ ...valid(service), NODE_ENV: 'development', [variable]: placeholder })).not.toThrow();
  });

  it.each(Object.keys(LOADERS) as Service[])(
    '%s refuses a missing or placeholder SIGNING_KEY, naming it',
    (service) => {
      const load = LOADERS[service];
      expect(() => load({ ...valid(service), SIGNING_KEY: undefined })).toThrow(/SIGNING_KEY: required/);
      expect(() => load({ ...valid(service), SIGNING_KEY: SIGNING_PLACEHOLDER })).toThrow(
        /SIGNING_KEY: is not an Ed25519 private key/,
      );
    },
  );

  it.each([
    ['identity', 'GATEWAY_PUBLIC_KEY'],
    ['identity', 'WORKSPACE_PUBLIC_KEY'],
    ['identity', 'CATALOG_PUBLIC_KEY'],
    ['workspace', 'GATEWAY_PUBLIC_KEY'],
    ['workspace', 'CATALOG_PUBLIC_KEY'],
    ['catalog', 'GATEWAY_PUBLIC_KEY'],
    ['catalog', 'IDENTITY_PUBLIC_KEY'],
  ] as const)('%s refuses to start without %s, the key of a caller it accepts', (service, variable) => {
    expect(() => LOADERS[service]({ ...valid(service), [variable]: '' })).toThrow(
      new RegExp(`${variable}: required`),
    );
  });

  it.each(['gateway', 'identity', 'workspace', 'catalog'])(
    'node apps/%s/dist/index.js exits non-zero, naming the variable',
    async (service) => {
      const run = promisify(execFile)(process.execPath, [join(ROOT, 'apps', service, 'dist', 'index.js')], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          ...valid(service as Service),
          SIGNING_KEY: SIGNING_PLACEHOLDER,
          LOG_LEVEL: 'silent',
        },
        timeout: 120_000,
      });
      const failure = await run.then(
        () => undefined,
        (error: { code?: number; stderr?: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain('SIGNING_KEY: is not an Ed25519 private key');
    },
    40_000,
  );

  it('ships no default secret in docker-compose.yml: each must be set', () => {
    const compose = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
    for (const placeholder of KNOWN_PLACEHOLDER_SECRETS) expect(compose).not.toContain(placeholder);
    const signingKeys = ['GATEWAY', 'IDENTITY', 'WORKSPACE', 'CATALOG'].flatMap((caller) => [
      `${caller}_SIGNING_KEY`,
      `${caller}_PUBLIC_KEY`,
    ]);
    for (const variable of [...signingKeys, 'JWT_SECRET', 'CREDENTIALS_KEY']) {
      // The variable itself, not a longer name (GATEWAY_PUBLIC_KEY_PREVIOUS) that begins with it.
      const uses = [...compose.matchAll(new RegExp(`\\$\\{${variable}(?![A-Z_])([^}]*)\\}`, 'g'))];
      expect(uses.length).toBeGreaterThan(0);
      for (const use of uses) expect(use[1]).toMatch(/^:\?/);
    }
    // The rotation's second key is optional, and empty unless set.
    expect(compose).toContain('${GATEWAY_PUBLIC_KEY_PREVIOUS:-}');
    expect(compose).toContain('${JWT_SECRET_PREVIOUS:-}');
  });
});
