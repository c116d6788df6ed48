import { callersOf } from '@controlplane/internal-api';
import { parseAllowedHosts } from '@controlplane/outbound';
import {
  credentialKeyEnvironment,
  optionalSecret,
  parseEnvironment,
  port,
  secret,
  subgraphEnvironmentWith,
  z,
} from '@controlplane/config';

const identityEnvironment = subgraphEnvironmentWith(
  {
    IDENTITY_PORT: port(4001),
    /** Signs the bearer tokens that logIn and signUp return. Known to the identity service only. */
    JWT_SECRET: secret,
    /** A second key accepted on bearer tokens, never used to sign, while JWT_SECRET rotates. */
    JWT_SECRET_PREVIOUS: optionalSecret,
    JWT_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
    /** Where integration events go (an organization deleted: the catalog withdraws its items). */
    CATALOG_URL: z.url().default('http://localhost:4003/graphql'),
    /** Encrypts webhook signing secrets at rest: the same key as the workspace's (packages/config). */
    ...credentialKeyEnvironment,
    /** Hosts webhooks may reach although they are loopback, private or link-local (as deployments). */
    DEPLOY_ALLOWED_HOSTS: z.string().default('').transform(parseAllowedHosts),
    /** Webhooks this process delivers to at once; 0 delivers none here (an API-only replica). */
    WEBHOOK_WORKER_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(8),
    /** How long a claimed delivery is a worker's before another may take it (a dead worker's). */
    WEBHOOK_LEASE_MS: z.coerce.number().int().min(200).default(60_000),
    /** How often a worker looks for due deliveries without being woken. */
    WEBHOOK_POLL_INTERVAL_MS: z.coerce.number().int().min(20).default(1_000),
    /** How long one attempt waits for an answer (at most half the lease). */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(50).default(10_000),
    /** Backoff after the first failed attempt, doubled after each further one, up to the cap. */
    WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).default(5_000),
    WEBHOOK_RETRY_CAP_MS: z.coerce.number().int().min(1).default(3_600_000),
    /** How long after its first attempt a delivery is retried before it is marked failed. */
    WEBHOOK_RETRY_BUDGET_MS: z.coerce
      .number()
      .int()
      .min(1)
      .default(24 * 3_600_000),
    /** Deliveries finally failed in a row after which a webhook is disabled (webhook.disable). */
    WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).default(5),
  },
  {
    service: 'identity',
    trusts: callersOf('identity'),
    secrets: ['JWT_SECRET', 'JWT_SECRET_PREVIOUS', 'CREDENTIALS_KEY', 'CREDENTIALS_KEY_PREVIOUS'],
  },
);

export type IdentityConfig = z.infer<typeof identityEnvironment>;

export function loadIdentityConfig(env: Record<string, string | undefined> = process.env): IdentityConfig {
  return parseEnvironment(identityEnvironment, env);
}
