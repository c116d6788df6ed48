import { conflict, isUniqueViolation, notFound } from '@controlplane/errors';
import type { WorkspaceRepositories } from '../repositories';
import type { ConnectionRecord, EnvironmentRecord } from '../repositories/environment-repository';
import type { WorkspaceRecord } from '../repositories/workspace-repository';
import type { CredentialCipher } from './credentials';

type ConnectionKind = 'KUBERNETES' | 'PROMETHEUS' | 'GRAFANA' | 'GIT' | 'OTHER';
type ConnectionStatus = 'REGISTERED' | 'CONNECTED' | 'DISCONNECTED' | 'MAINTENANCE';

function nameClash(kind: string) {
  return (error: unknown): never => {
    throw isUniqueViolation(error) ? conflict(`input.name: ${kind} with this name already exists in the organization`) : error;
  };
}

/** Environments and connections: organization resources, linked to workspaces and to each other. */
export function createEnvironmentService(deps: { repositories: WorkspaceRepositories; cipher: CredentialCipher }) {
  const { repositories, cipher } = deps;
  const { environments } = repositories;
  return {
    createEnvironment(input: { organizationId: string; name: string; description: string | null }): Promise<EnvironmentRecord> {
      return environments.createEnvironment(input).catch(nameClash('an environment'));
    },

    updateEnvironment(id: string, input: { name?: string | undefined; description?: string | null | undefined }): Promise<EnvironmentRecord> {
      return environments.updateEnvironment(id, input).catch(nameClash('an environment'));
    },

    async deleteEnvironment(id: string): Promise<boolean> {
      await environments.deleteEnvironment(id);
      return true;
    },

    createConnection(input: { organizationId: string; name: string; kind: ConnectionKind; url: string; credentials?: unknown }): Promise<ConnectionRecord> {
      const { credentials, ...fields } = input;
      const encryptedCredentials = credentials === undefined || credentials === null ? null : cipher.encrypt(credentials, input.organizationId);
      return environments.createConnection({ ...fields, encryptedCredentials }).catch(nameClash('a connection'));
    },

    /** `credentials: null` clears them; absent leaves them as they are. */
    updateConnection(
      connection: ConnectionRecord,
      input: { name?: string | undefined; url?: string | undefined; status?: ConnectionStatus | undefined; credentials?: unknown },
    ): Promise<ConnectionRecord> {
      const { credentials, ...fields } = input;
      const encryptedCredentials =
        credentials === undefined ? undefined : credentials === null ? null : cipher.encrypt(credentials, connection.organizationId);
      return environments
        .updateConnection(connection.id, { ...fields, ...(encryptedCredentials === undefined ? {} : { encryptedCredentials }) })
        .catch(nameClash('a connection'));
    },

    async deleteConnection(id: string): Promise<boolean> {
      await environments.deleteConnection(id);
      return true;
    },

    /** Links only within one organization: another tenant's environment is simply not found. */
    async attachEnvironment(workspace: WorkspaceRecord, environment: EnvironmentRecord | null, attach: boolean): Promise<WorkspaceRecord> {
      if (environment === null || environment.organizationId !== workspace.organizationId) throw notFound('Environment');
      if (attach) await environments.attachEnvironment(workspace.id, environment.id);
      else await environments.detachEnvironment(workspace.id, environment.id);
      return workspace;
    },

    async attachConnection(environment: EnvironmentRecord, connection: ConnectionRecord | null, attach: boolean): Promise<EnvironmentRecord> {
      if (connection === null || connection.organizationId !== environment.organizationId) throw notFound('Connection');
      if (attach) await environments.attachConnection(environment.id, connection.id);
      else await environments.detachConnection(environment.id, connection.id);
      return environment;
    },
  };
}

export type EnvironmentService = ReturnType<typeof createEnvironmentService>;
