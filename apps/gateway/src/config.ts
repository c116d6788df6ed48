import { commaList, logLevel, nodeEnv, parseEnvironment, port, signingKey, z } from '@controlplane/config';
import { trafficEnvironment } from './traffic-config';

const gatewayEnvironment = z
  .object({
    NODE_ENV: nodeEnv,
    LOG_LEVEL: logLevel,
    GATEWAY_PORT: port(4000),
    HOST: z.string().default('0.0.0.0'),
    /** The gateway's own Ed25519 private key: signs the identity it forwards to subgraphs (they hold its public key). */
    SIGNING_KEY: signingKey,
    IDENTITY_URL: z.url().default('http://localhost:4001/graphql'),
    WORKSPACE_URL: z.url().default('http://localhost:4002/graphql'),
    CATALOG_URL: z.url().default('http://localhost:4003/graphql'),
    /** Comma-separated browser origins allowed to call the API; empty allows none. */
    CORS_ORIGINS: commaList('http://localhost:3000,http://localhost:5173'),
    /** Room for a 1 MiB design even when JSON escaping doubles it. */
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(2_500_000),
    /** Largest response sent (8 MiB): a few design documents even with JSON escaping; larger answers become RESPONSE_TOO_LARGE. */
    MAX_RESPONSE_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(8 * 1024 * 1024),
    /** The committed, pre-composed supergraph; override only to serve another composition. */
    SUPERGRAPH_PATH: z.string().optional(),
    /** How long an idle keep-alive socket to a subgraph is kept; below the subgraphs' own timeout. */
    SUBGRAPH_KEEP_ALIVE_MS: z.coerce.number().int().min(1000).default(30_000),
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
    /** GraphiQL at GET /graphql: on by default except with NODE_ENV=production, where an operator must ask for it. */
    GRAPHIQL_ENABLED: z.enum(['true', 'false']).optional(),
    /** The built console served at `/`; apps/console/dist when absent. Not served when it holds no index.html. */
    CONSOLE_DIR: z.string().optional(),
    ...trafficEnvironment,
  })
  .transform(({ GRAPHIQL_ENABLED, ...environment }) => ({
    ...environment,
    GRAPHIQL_ENABLED:
      GRAPHIQL_ENABLED === undefined ? environment.NODE_ENV !== 'production' : GRAPHIQL_ENABLED === 'true',
  }));

export type GatewayConfig = z.infer<typeof gatewayEnvironment>;

export function loadGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  return parseEnvironment(gatewayEnvironment, env);
}
