import { parseEnvironment, port, subgraphEnvironment, z } from '@controlplane/config';

const workspaceEnvironment = z.object({ ...subgraphEnvironment, WORKSPACE_PORT: port(4002) });

export type WorkspaceConfig = z.infer<typeof workspaceEnvironment>;

export function loadWorkspaceConfig(env: Record<string, string | undefined> = process.env): WorkspaceConfig {
  return parseEnvironment(workspaceEnvironment, env);
}
