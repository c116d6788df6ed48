import { callersOf } from '@controlplane/internal-api';
import {
  commaList,
  credentialKeyEnvironment,
  databaseEnvironment,
  nodeEnv,
  parseEnvironment,
  port,
  refusePlaceholderSecrets,
  subgraphEnvironmentWith,
  z,
} from '@controlplane/config';

const workspaceEnvironment = subgraphEnvironmentWith(
  {
    WORKSPACE_PORT: port(4002),
    /** The identity service, asked which organization a team belongs to. */
    IDENTITY_URL: z.url().default('http://localhost:4001/graphql'),
    ...credentialKeyEnvironment,
    /**
     * Hosts (names or IPs, comma-separated) that deployments may reach although they are loopback,
     * private or link-local: everything else such is refused after DNS resolution (no SSRF).
     */
    DEPLOY_ALLOWED_HOSTS: commaList(''),
    /** Wall-clock budget of one target of one deployment, retries included. */
    DEPLOY_TARGET_TIME_BUDGET_MS: z.coerce.number().int().min(1000).default(120_000),
    /**
     * Deployments this process runs at once; 0 runs none here (a replica that only serves the API
     * while other processes work the queue).
     */
    DEPLOY_WORKER_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(4),
    /** Targets of one deployment worked on at once. */
    DEPLOY_TARGET_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    /** How long a claimed job is a worker's before another may take it (renewed while it runs). */
    DEPLOY_LEASE_MS: z.coerce.number().int().min(1000).default(30_000),
    /** How often a worker looks for jobs without being woken (picks up jobs of dead workers). */
    DEPLOY_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(2_000),
  },
  {
    service: 'workspace',
    trusts: callersOf('workspace'),
    secrets: ['CREDENTIALS_KEY', 'CREDENTIALS_KEY_PREVIOUS'],
  },
);

export type WorkspaceConfig = z.infer<typeof workspaceEnvironment>;

export function loadWorkspaceConfig(env: Record<string, string | undefined> = process.env): WorkspaceConfig {
  return parseEnvironment(workspaceEnvironment, env);
}

/** `npm run credentials:reencrypt`: the workspace database and the credential keys, nothing else. */
const credentialsCommandEnvironment = z
  .object({ NODE_ENV: nodeEnv, ...databaseEnvironment, ...credentialKeyEnvironment })
  .superRefine(refusePlaceholderSecrets(['CREDENTIALS_KEY', 'CREDENTIALS_KEY_PREVIOUS']));

export type CredentialsCommandConfig = z.infer<typeof credentialsCommandEnvironment>;

export function loadCredentialsCommandConfig(
  env: Record<string, string | undefined> = process.env,
): CredentialsCommandConfig {
  return parseEnvironment(credentialsCommandEnvironment, env);
}
