import { optionalText, parseEnvironment, port, subgraphEnvironment, z } from '@controlplane/config';

const workspaceEnvironment = z.object({
  ...subgraphEnvironment,
  WORKSPACE_PORT: port(4002),
  /** The identity service, asked which organization a team belongs to. */
  IDENTITY_URL: z.url().default('http://localhost:4001/graphql'),
  /**
   * 32 random bytes, base64: encrypts connection credentials (AES-256-GCM). Required with
   * DATABASE_URL; the embedded database makes one and keeps it in its data folder.
   */
  CREDENTIALS_KEY: optionalText,
});

export type WorkspaceConfig = z.infer<typeof workspaceEnvironment>;

export function loadWorkspaceConfig(env: Record<string, string | undefined> = process.env): WorkspaceConfig {
  return parseEnvironment(workspaceEnvironment, env);
}
