import { createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { refusePlaceholderSecrets } from './placeholder-secrets';
import {
  optionalPublicKey,
  publicKeyVariable,
  signingKey,
  SIGNING_CALLERS,
  type SigningCaller,
} from './signing-keys';

export {
  CredentialKeyError,
  createCredentialCipher,
  keyIdOf,
  type CredentialCipher,
  type OpenedCredentials,
} from './credential-cipher';
export { createCredentialCipherFor } from './credential-key';
export {
  generateLocalSigningKeys,
  generateSigningKeyPair,
  localSigningEnvironment,
  optionalPublicKey,
  publicKeyVariable,
  signingKey,
  SIGNING_CALLERS,
} from './signing-keys';
export type { KeyPairText, SigningCaller } from './signing-keys';
export {
  isPlaceholderSecret,
  KNOWN_PLACEHOLDER_SECRETS,
  refusePlaceholderSecrets,
} from './placeholder-secrets';

/**
 * Parses the environment with a zod schema and fails at start-up with every problem listed.
 * Each service owns one such schema (its `config.ts`); nothing else reads `process.env`.
 */
export function parseEnvironment<T extends z.ZodType>(
  schema: T,
  env: Record<string, string | undefined> = process.env,
): z.infer<T> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return result.data;
}

/** A TCP port, given as text in the environment. */
export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** Shared secrets must be long enough to resist guessing. */
export const secret = z.string().min(32, 'must be at least 32 characters');

export const nodeEnv = z.enum(['development', 'test', 'production']).default('development');

export const logLevel = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  .default('info');

/** Optional text: an empty string counts as absent, as shells and compose files often pass one. */
export const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value));

/** An optional secret (a second key accepted during a rotation): absent or empty, else as `secret`. */
/** A comma-separated list (`a, b,c`), trimmed, empty entries dropped; `fallback` when unset. */
export const commaList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    );

export const optionalSecret = optionalText.pipe(secret.optional());

/** Database settings common to every subgraph. */
export const databaseEnvironment = {
  /** PostgreSQL URL; unset means the embedded PGlite database under DATA_DIR. */
  DATABASE_URL: optionalText,
  DATA_DIR: z.string().default('.data'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  DATABASE_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).default(30000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15000),
};

/** The key of secrets at rest (connection credentials, webhook signing secrets), and its predecessor. */
export const credentialKeyEnvironment = {
  /**
   * 32 random bytes, base64 (AES-256-GCM). Required with DATABASE_URL; the embedded database
   * makes one per service and keeps it in its data folder.
   */
  CREDENTIALS_KEY: optionalText,
  /**
   * The key before CREDENTIALS_KEY, during a rotation: it only decrypts, and what it decrypts is
   * encrypted again with CREDENTIALS_KEY (on read, or by npm run credentials:reencrypt).
   */
  CREDENTIALS_KEY_PREVIOUS: optionalText,
};

export { z };

/**
 * Benchmark-only: serve without graphql-shield, to measure what authorization costs. Accepted
 * only with NODE_ENV=benchmark (see subgraphEnvironmentWith), so no production or development
 * deployment can switch it on.
 */
const benchmarkShieldOff = z
  .enum(['true', 'false'])
  .default('false')
  .transform((value) => value === 'true');

/** Settings every subgraph shares; each adds its own port (and secrets) to these. */
const subgraphEnvironment = {
  NODE_ENV: z.enum(['development', 'test', 'production', 'benchmark']).default('development'),
  BENCHMARK_SHIELD_OFF: benchmarkShieldOff,
  LOG_LEVEL: logLevel,
  HOST: z.string().default('0.0.0.0'),
  /** This service's own Ed25519 private key: signs the envelopes of the calls it makes. */
  SIGNING_KEY: signingKey,
  /**
   * The public keys of the callers (`GATEWAY_PUBLIC_KEY`…), each with a second one accepted during
   * a rotation (`…_PREVIOUS`). A service uses those of the callers it trusts; those are required.
   */
  GATEWAY_PUBLIC_KEY: optionalPublicKey,
  GATEWAY_PUBLIC_KEY_PREVIOUS: optionalPublicKey,
  IDENTITY_PUBLIC_KEY: optionalPublicKey,
  IDENTITY_PUBLIC_KEY_PREVIOUS: optionalPublicKey,
  WORKSPACE_PUBLIC_KEY: optionalPublicKey,
  WORKSPACE_PUBLIC_KEY_PREVIOUS: optionalPublicKey,
  CATALOG_PUBLIC_KEY: optionalPublicKey,
  CATALOG_PUBLIC_KEY_PREVIOUS: optionalPublicKey,
  /** How often a service relays its outboxes (audit events, integration events) without a change to wake it. */
  OUTBOX_RELAY_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  ...databaseEnvironment,
};

/** The shared settings, with the benchmark switch refused outside NODE_ENV=benchmark. */
const sharedSubgraphEnvironment = z.object(subgraphEnvironment).superRefine((environment, context) => {
  if (environment.BENCHMARK_SHIELD_OFF && environment.NODE_ENV !== 'benchmark') {
    context.addIssue({
      code: 'custom',
      path: ['BENCHMARK_SHIELD_OFF'],
      message: 'only allowed with NODE_ENV=benchmark',
    });
  }
});

/**
 * A subgraph's environment: the settings every subgraph shares, and its own `fields`. The public
 * key of every caller in `trusts` is required, and none may be the public half of this service's
 * own SIGNING_KEY (each caller needs a key of its own). With NODE_ENV=production it refuses a
 * placeholder in each of its own `secrets`.
 */
export function subgraphEnvironmentWith<Fields extends z.ZodRawShape>(
  fields: Fields,
  options: {
    service?: SigningCaller;
    trusts?: readonly SigningCaller[];
    secrets?: readonly (keyof Fields & string)[];
  } = {},
) {
  return z
    .intersection(sharedSubgraphEnvironment, z.object(fields))
    .superRefine(refusePlaceholderSecrets(options.secrets ?? []))
    .superRefine((environment, context) => {
      const own = environment.SIGNING_KEY;
      for (const caller of options.trusts ?? []) {
        const variable = publicKeyVariable(caller);
        if (environment[variable] === undefined) {
          context.addIssue({
            code: 'custom',
            path: [variable],
            message: `required: the ${caller} calls this service, its envelopes are checked with this key`,
          });
        }
      }
      for (const [caller, keys] of Object.entries(callerKeysOf(environment))) {
        if (caller === options.service) continue;
        if (keys.some((key) => key.equals(publicHalfOf(own)))) {
          context.addIssue({
            code: 'custom',
            path: ['SIGNING_KEY'],
            message: `is the ${caller}'s key (${publicKeyVariable(caller as SigningCaller)}): every service needs a key of its own`,
          });
        }
      }
    });
}

export type SubgraphConfig = z.infer<typeof sharedSubgraphEnvironment>;

/** The public half of a private key. */
const publicHalfOf = (privateKey: KeyObject) => createPublicKey(privateKey);

/** The public keys configured for each caller: the current one first, then the previous one. */
export function callerKeysOf(
  config: Pick<SubgraphConfig, `${Uppercase<SigningCaller>}_PUBLIC_KEY${'' | '_PREVIOUS'}`>,
): Partial<Record<SigningCaller, KeyObject[]>> {
  const keys: Partial<Record<SigningCaller, KeyObject[]>> = {};
  for (const caller of SIGNING_CALLERS) {
    const variable = publicKeyVariable(caller);
    const configured = [config[variable], config[`${variable}_PREVIOUS`]].filter(
      (key): key is KeyObject => key !== undefined,
    );
    if (configured.length > 0) keys[caller] = configured;
  }
  return keys;
}
