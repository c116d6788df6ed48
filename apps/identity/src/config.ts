import { callersOf } from '@controlplane/internal-api';
import {
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
  },
  { service: 'identity', trusts: callersOf('identity'), secrets: ['JWT_SECRET', 'JWT_SECRET_PREVIOUS'] },
);

export type IdentityConfig = z.infer<typeof identityEnvironment>;

export function loadIdentityConfig(env: Record<string, string | undefined> = process.env): IdentityConfig {
  return parseEnvironment(identityEnvironment, env);
}
