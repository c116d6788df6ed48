import { randomBytes } from 'node:crypto';
import {
  generateSigningKeyPair,
  isPlaceholderSecret,
  KNOWN_PLACEHOLDER_SECRETS,
  parseEnvironment,
  secret,
  subgraphEnvironmentWith,
} from '../src';

const schema = subgraphEnvironmentWith({});
const pairs = {
  own: generateSigningKeyPair(),
  gateway: generateSigningKeyPair(),
  next: generateSigningKeyPair(),
};
const base = { SIGNING_KEY: pairs.own.signingKey };

describe('subgraph configuration', () => {
  it('refuses the benchmark-only shield switch outside NODE_ENV=benchmark', () => {
    for (const NODE_ENV of ['production', 'development', 'test', undefined]) {
      expect(() => parseEnvironment(schema, { ...base, NODE_ENV, BENCHMARK_SHIELD_OFF: 'true' })).toThrow(
        /only allowed with NODE_ENV=benchmark/,
      );
    }
    expect(
      parseEnvironment(schema, { ...base, NODE_ENV: 'benchmark', BENCHMARK_SHIELD_OFF: 'true' })
        .BENCHMARK_SHIELD_OFF,
    ).toBe(true);
  });

  it('lists every problem with a short secret', () => {
    const withSecret = subgraphEnvironmentWith({ JWT_SECRET: secret });
    expect(() => parseEnvironment(withSecret, { ...base, JWT_SECRET: 'short' })).toThrow(
      /JWT_SECRET: must be at least 32 characters/,
    );
  });
});

describe('signing keys', () => {
  const trusting = subgraphEnvironmentWith({}, { service: 'workspace', trusts: ['gateway', 'catalog'] });

  it("requires this service's SIGNING_KEY and the public key of every caller it trusts, naming each", () => {
    expect(() => parseEnvironment(trusting, {})).toThrow(/SIGNING_KEY: required/);
    const missing = (() => {
      try {
        parseEnvironment(trusting, base);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(missing).toMatch(/GATEWAY_PUBLIC_KEY: required/);
    expect(missing).toMatch(/CATALOG_PUBLIC_KEY: required/);
    expect(missing).not.toMatch(/IDENTITY_PUBLIC_KEY/);
  });

  it('accepts PEM or base64 DER, and refuses anything that is not an Ed25519 key, naming the variable', () => {
    const env = {
      ...base,
      GATEWAY_PUBLIC_KEY: pairs.gateway.publicKey,
      CATALOG_PUBLIC_KEY: pairs.next.publicKey,
    };
    expect(parseEnvironment(trusting, env).SIGNING_KEY.asymmetricKeyType).toBe('ed25519');
    const pem = `-----BEGIN PUBLIC KEY-----\n${pairs.gateway.publicKey}\n-----END PUBLIC KEY-----\n`;
    expect(parseEnvironment(trusting, { ...env, GATEWAY_PUBLIC_KEY: pem }).GATEWAY_PUBLIC_KEY?.type).toBe(
      'public',
    );
    for (const placeholder of ['change-me', KNOWN_PLACEHOLDER_SECRETS[0] as string, 'x'.repeat(64)]) {
      expect(() => parseEnvironment(trusting, { ...env, SIGNING_KEY: placeholder })).toThrow(
        /SIGNING_KEY: is not an Ed25519 private key/,
      );
      expect(() => parseEnvironment(trusting, { ...env, GATEWAY_PUBLIC_KEY_PREVIOUS: placeholder })).toThrow(
        /GATEWAY_PUBLIC_KEY_PREVIOUS: is not an Ed25519 public key/,
      );
    }
    // A public key where the private one belongs (and the reverse) is refused too.
    expect(() => parseEnvironment(trusting, { ...env, SIGNING_KEY: pairs.own.publicKey })).toThrow(
      /SIGNING_KEY: is not an Ed25519 private key/,
    );
  });

  it('takes an empty previous key as absent', () => {
    const env = {
      ...base,
      GATEWAY_PUBLIC_KEY: pairs.gateway.publicKey,
      CATALOG_PUBLIC_KEY: pairs.next.publicKey,
    };
    expect(
      parseEnvironment(trusting, { ...env, GATEWAY_PUBLIC_KEY_PREVIOUS: '' }).GATEWAY_PUBLIC_KEY_PREVIOUS,
    ).toBeUndefined();
  });

  it("refuses a SIGNING_KEY that is another caller's key: each service needs its own", () => {
    expect(() =>
      parseEnvironment(trusting, {
        ...base,
        GATEWAY_PUBLIC_KEY: pairs.own.publicKey,
        CATALOG_PUBLIC_KEY: pairs.next.publicKey,
      }),
    ).toThrow(/SIGNING_KEY: is the gateway's key \(GATEWAY_PUBLIC_KEY\)/);
    expect(() =>
      parseEnvironment(trusting, {
        ...base,
        GATEWAY_PUBLIC_KEY: pairs.gateway.publicKey,
        CATALOG_PUBLIC_KEY: pairs.next.publicKey,
        CATALOG_PUBLIC_KEY_PREVIOUS: pairs.own.publicKey,
      }),
    ).toThrow(/SIGNING_KEY: is the catalog's key/);
  });
});

describe('placeholder secrets', () => {
  it.each([
    'local-compose-signing-secret-change-me-0001',
    'local-compose-jwt-secret-change-me-000000001',
    'bG9jYWwtY29tcG9zZS1rZXktY2hhbmdlLW1lLTAwMDA=',
    'our-production-secret-CHANGEME-0000000000',
    Buffer.from('please change_me, it is only a local key').toString('base64'),
  ])('recognises %s as a placeholder', (value) => {
    expect(isPlaceholderSecret(value)).toBe(true);
  });

  it('takes a random secret for what it is', () => {
    expect(isPlaceholderSecret(randomBytes(48).toString('base64'))).toBe(false);
    expect(isPlaceholderSecret('x'.repeat(32))).toBe(false);
  });

  it('refuses a placeholder among its own secrets with NODE_ENV=production, naming it', () => {
    const withSecret = subgraphEnvironmentWith({ JWT_SECRET: secret }, { secrets: ['JWT_SECRET'] });
    const placeholder = KNOWN_PLACEHOLDER_SECRETS[0] as string;
    expect(() =>
      parseEnvironment(withSecret, { ...base, NODE_ENV: 'production', JWT_SECRET: placeholder }),
    ).toThrow(/JWT_SECRET: is a published placeholder secret/);
    for (const NODE_ENV of ['development', 'test', undefined]) {
      expect(parseEnvironment(withSecret, { ...base, NODE_ENV, JWT_SECRET: placeholder }).JWT_SECRET).toBe(
        placeholder,
      );
    }
  });
});
