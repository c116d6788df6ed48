import { parseEnvironment, port, subgraphEnvironment, z } from '@controlplane/config';

const catalogEnvironment = z.object({ ...subgraphEnvironment, CATALOG_PORT: port(4003) });

export type CatalogConfig = z.infer<typeof catalogEnvironment>;

export function loadCatalogConfig(env: Record<string, string | undefined> = process.env): CatalogConfig {
  return parseEnvironment(catalogEnvironment, env);
}
