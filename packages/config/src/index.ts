import { z } from 'zod';
import { refusePlaceholderSecrets } from './placeholder-secrets';

export {
  CredentialKeyError,
  createCredentialCipher,
  keyIdOf,
  type CredentialCipher,
  type OpenedCredentials,
} from './credential-cipher';
export { createCredentialCipherFor, loadCredentialKeys } from './credential-key';
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
  /** Shared with the gateway: proves that a request came through it. */
  GATEWAY_SIGNING_SECRET: secret,
  /**
   * A second key this service accepts on incoming envelopes, never signs with: set during a
   * rotation (README, Security), then removed.
   */
  GATEWAY_SIGNING_SECRET_PREVIOUS: optionalSecret,
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
 * A subgraph's environment: the settings every subgraph shares, and its own `fields`. With
 * NODE_ENV=production it refuses a placeholder in GATEWAY_SIGNING_SECRET and in each of its own
 * `secrets`.
 */
export function subgraphEnvironmentWith<Fields extends z.ZodRawShape>(
  fields: Fields,
  options: { secrets?: readonly (keyof Fields & string)[] } = {},
) {
  return z
    .intersection(sharedSubgraphEnvironment, z.object(fields))
    .superRefine(
      refusePlaceholderSecrets([
        'GATEWAY_SIGNING_SECRET',
        'GATEWAY_SIGNING_SECRET_PREVIOUS',
        ...(options.secrets ?? []),
      ]),
    );
}

export type SubgraphConfig = z.infer<typeof sharedSubgraphEnvironment>;
