import { randomBytes } from 'node:crypto';
import {
  isPlaceholderSecret,
  KNOWN_PLACEHOLDER_SECRETS,
  parseEnvironment,
  secret,
  subgraphEnvironmentWith,
} from '../src';

const schema = subgraphEnvironmentWith({});
const base = { GATEWAY_SIGNING_SECRET: 'x'.repeat(32) };

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
    expect(() => parseEnvironment(schema, { GATEWAY_SIGNING_SECRET: 'short' })).toThrow(
      /GATEWAY_SIGNING_SECRET: must be at least 32 characters/,
    );
  });
});

describe('the previous signing secret', () => {
  it('is optional, empty counting as absent, and held to the rules of a secret when set', () => {
    expect(parseEnvironment(schema, base).GATEWAY_SIGNING_SECRET_PREVIOUS).toBeUndefined();
    expect(
      parseEnvironment(schema, { ...base, GATEWAY_SIGNING_SECRET_PREVIOUS: '' })
        .GATEWAY_SIGNING_SECRET_PREVIOUS,
    ).toBeUndefined();
    expect(() => parseEnvironment(schema, { ...base, GATEWAY_SIGNING_SECRET_PREVIOUS: 'short' })).toThrow(
      /GATEWAY_SIGNING_SECRET_PREVIOUS: must be at least 32 characters/,
    );
    expect(() =>
      parseEnvironment(schema, {
        ...base,
        NODE_ENV: 'production',
        GATEWAY_SIGNING_SECRET_PREVIOUS: KNOWN_PLACEHOLDER_SECRETS[0] as string,
      }),
    ).toThrow(/GATEWAY_SIGNING_SECRET_PREVIOUS: is a published placeholder secret/);
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

  it('refuses a placeholder GATEWAY_SIGNING_SECRET or own secret with NODE_ENV=production, naming it', () => {
    const withSecret = subgraphEnvironmentWith({ JWT_SECRET: secret }, { secrets: ['JWT_SECRET'] });
    const placeholder = KNOWN_PLACEHOLDER_SECRETS[0] as string;
    const good = randomBytes(32).toString('hex');
    expect(() =>
      parseEnvironment(withSecret, {
        NODE_ENV: 'production',
        GATEWAY_SIGNING_SECRET: placeholder,
        JWT_SECRET: good,
      }),
    ).toThrow(/GATEWAY_SIGNING_SECRET: is a published placeholder secret/);
    expect(() =>
      parseEnvironment(withSecret, {
        NODE_ENV: 'production',
        GATEWAY_SIGNING_SECRET: good,
        JWT_SECRET: placeholder,
      }),
    ).toThrow(/JWT_SECRET: is a published placeholder secret/);
    for (const NODE_ENV of ['development', 'test', undefined]) {
      expect(
        parseEnvironment(withSecret, {
          NODE_ENV,
          GATEWAY_SIGNING_SECRET: placeholder,
          JWT_SECRET: placeholder,
        }).JWT_SECRET,
      ).toBe(placeholder);
    }
  });
});
