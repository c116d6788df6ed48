import { changedFields } from '@controlplane/audit';
import type { Viewer } from '@controlplane/auth';
import { conflict, isUniqueViolation } from '@controlplane/errors';
import type { Transact, WorkspaceRepositories } from '../repositories';
import type {
  ConnectionRecord,
  ConnectionSettings,
  EnvironmentRecord,
} from '../repositories/environment-repository';
import type { WorkspaceRecord } from '../repositories/workspace-repository';
import type { CredentialCipher } from '../credentials';

function nameClash(kind: string) {
  return (error: unknown): never => {
    throw isUniqueViolation(error)
      ? conflict(`input.name: ${kind} with this name already exists in the organization`)
      : error;
  };
}

/**
 * Environments and connections: organization resources, linked to workspaces and to each other
 * within one organization. Each change commits together with its audit event, whose metadata
 * names changed fields but never credential values.
 */
export function createEnvironmentService(deps: { transact: Transact; cipher: CredentialCipher }) {
  const { transact, cipher } = deps;

  /**
   * One change of a link between an owner (a workspace, an environment) and another object of its
   * organization, committed with its audit event on the owner.
   */
  function link<Owner extends { id: string; organizationId: string }>(
    action: string,
    targetType: 'Workspace' | 'Environment',
    linkedKey: 'environmentId' | 'connectionId',
    write: (repos: WorkspaceRepositories, owner: Owner, linkedId: string) => Promise<void>,
  ) {
    return (viewer: Viewer, owner: Owner, linked: { id: string }): Promise<Owner> =>
      transact(async (repos) => {
        await write(repos, owner, linked.id);
        await repos.audit.record(viewer, {
          organizationId: owner.organizationId,
          action,
          targetType,
          targetId: owner.id,
          metadata: { [linkedKey]: linked.id },
        });
        return owner;
      });
  }

  return {
    createEnvironment(
      viewer: Viewer,
      input: { organizationId: string; name: string; description: string | null },
    ): Promise<EnvironmentRecord> {
      return transact(async (repos) => {
        const environment = await repos.environments.createEnvironment(input);
        await repos.audit.record(viewer, {
          organizationId: environment.organizationId,
          action: 'environment.create',
          targetType: 'Environment',
          targetId: environment.id,
          metadata: { name: environment.name },
        });
        return environment;
      }).catch(nameClash('an environment'));
    },

    updateEnvironment(
      viewer: Viewer,
      environment: EnvironmentRecord,
      input: { name?: string | undefined; description?: string | null | undefined },
    ): Promise<EnvironmentRecord> {
      return transact(async (repos) => {
        const updated = await repos.environments.updateEnvironment(environment.id, input);
        await repos.audit.record(viewer, {
          organizationId: environment.organizationId,
          action: 'environment.update',
          targetType: 'Environment',
          targetId: environment.id,
          metadata: { changed: changedFields(input) },
        });
        return updated;
      }).catch(nameClash('an environment'));
    },

    deleteEnvironment(viewer: Viewer, environment: EnvironmentRecord): Promise<boolean> {
      return transact(async (repos) => {
        await repos.environments.deleteEnvironment(environment.id);
        await repos.audit.record(viewer, {
          organizationId: environment.organizationId,
          action: 'environment.delete',
          targetType: 'Environment',
          targetId: environment.id,
          metadata: { name: environment.name },
        });
        return true;
      });
    },

    createConnection(
      viewer: Viewer,
      input: {
        organizationId: string;
        name: string;
        kind: ConnectionRecord['kind'];
        url: string;
        credentials?: unknown;
        settings?: ConnectionSettings | undefined;
      },
    ): Promise<ConnectionRecord> {
      const { credentials, settings, ...fields } = input;
      const encryptedCredentials =
        credentials === undefined || credentials === null
          ? null
          : cipher.encrypt(credentials, input.organizationId);
      return transact(async (repos) => {
        const connection = await repos.environments.createConnection({
          ...fields,
          settings,
          encryptedCredentials,
        });
        await repos.audit.record(viewer, {
          organizationId: connection.organizationId,
          action: 'connection.create',
          targetType: 'Connection',
          targetId: connection.id,
          metadata: {
            name: connection.name,
            kind: connection.kind,
            hasCredentials: connection.hasCredentials,
          },
        });
        return connection;
      }).catch(nameClash('a connection'));
    },

    /** `credentials: null` clears them; absent leaves them as they are. */
    updateConnection(
      viewer: Viewer,
      connection: ConnectionRecord,
      input: {
        name?: string | undefined;
        url?: string | undefined;
        status?: ConnectionRecord['status'] | undefined;
        credentials?: unknown;
        settings?: ConnectionSettings | undefined;
      },
    ): Promise<ConnectionRecord> {
      const { credentials, ...fields } = input;
      const encryptedCredentials =
        credentials === undefined
          ? undefined
          : credentials === null
            ? null
            : cipher.encrypt(credentials, connection.organizationId);
      return transact(async (repos) => {
        const updated = await repos.environments.updateConnection(connection.id, {
          ...fields,
          ...(encryptedCredentials === undefined ? {} : { encryptedCredentials }),
        });
        await repos.audit.record(viewer, {
          organizationId: connection.organizationId,
          action: 'connection.update',
          targetType: 'Connection',
          targetId: connection.id,
          metadata: { changed: changedFields(input) },
        });
        return updated;
      }).catch(nameClash('a connection'));
    },

    deleteConnection(viewer: Viewer, connection: ConnectionRecord): Promise<boolean> {
      return transact(async (repos) => {
        await repos.environments.deleteConnection(connection.id);
        await repos.audit.record(viewer, {
          organizationId: connection.organizationId,
          action: 'connection.delete',
          targetType: 'Connection',
          targetId: connection.id,
          metadata: { name: connection.name },
        });
        return true;
      });
    },

    // Links: the policy has checked that both sides belong to one organization.

    attachEnvironment: link<WorkspaceRecord>(
      'workspace.environment.attach',
      'Workspace',
      'environmentId',
      (repos, workspace, id) => repos.environments.attachEnvironment(workspace.id, id),
    ),
    detachEnvironment: link<WorkspaceRecord>(
      'workspace.environment.detach',
      'Workspace',
      'environmentId',
      (repos, workspace, id) => repos.environments.detachEnvironment(workspace.id, id),
    ),
    attachConnection: link<EnvironmentRecord>(
      'environment.connection.attach',
      'Environment',
      'connectionId',
      (repos, environment, id) => repos.environments.attachConnection(environment.id, id),
    ),
    detachConnection: link<EnvironmentRecord>(
      'environment.connection.detach',
      'Environment',
      'connectionId',
      (repos, environment, id) => repos.environments.detachConnection(environment.id, id),
    ),
  };
}

export type EnvironmentService = ReturnType<typeof createEnvironmentService>;
