import { callersOf } from '@controlplane/internal-api';
import { parseEnvironment, port, subgraphEnvironmentWith, z } from '@controlplane/config';

const catalogEnvironment = subgraphEnvironmentWith(
  {
    CATALOG_PORT: port(4003),
    /** Identity: keeps the audit trail, and makes a publisher's profile public before its first PUBLIC item shows. */
    IDENTITY_URL: z.url().default('http://localhost:4001/graphql'),
    /** Workspace: owns designs; asked for a design to publish and to create a clone's design. */
    WORKSPACE_URL: z.url().default('http://localhost:4002/graphql'),
    /** How often interrupted clones are driven to completion or failure. */
    CLONE_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
    /** A clone still unfinished after this long is failed (the workspace refuses it by then too). */
    CLONE_DEADLINE_MS: z.coerce.number().int().min(1_000).default(60_000),
  },
  { service: 'catalog', trusts: callersOf('catalog') },
);

export type CatalogConfig = z.infer<typeof catalogEnvironment>;

export function loadCatalogConfig(env: Record<string, string | undefined> = process.env): CatalogConfig {
  return parseEnvironment(catalogEnvironment, env);
}
