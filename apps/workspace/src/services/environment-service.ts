import { auditEventsOn, auditedLifecycle, createAudited } from '@controlplane/audit';
import type { Viewer } from '@controlplane/auth';
import type { NamedResourceChange, NewNamedResource } from '@controlplane/db';
import { conflictOnUniqueViolation } from '@controlplane/errors';
import type { Transact } from '../repositories';
import type {
  ConnectionRecord,
  ConnectionSettings,
  EnvironmentRecord,
} from '../repositories/environment-repository';
import type { WorkspaceRecord } from '../repositories/workspace-repository';
import type { CredentialCipher } from '@controlplane/config';

/** The repository's writes of the links between workspaces, environments and connections. */
type LinkWrite = 'attachEnvironment' | 'detachEnvironment' | 'attachConnection' | 'detachConnection';

const nameClash = (kind: string) =>
  conflictOnUniqueViolation(`input.name: ${kind} with this name already exists in the organization`);

export type NewEnvironment = NewNamedResource;
export type EnvironmentChange = NamedResourceChange;
export type NewConnection = {
  organizationId: string;
  name: string;
  kind: ConnectionRecord['kind'];
  url: string;
  credentials?: unknown;
  settings?: ConnectionSettings | undefined;
};
export type ConnectionChange = {
  name?: string | undefined;
  url?: string | undefined;
  status?: ConnectionRecord['status'] | undefined;
  credentials?: unknown;
  settings?: ConnectionSettings | undefined;
};

/**
 * Environments and connections: organization resources, linked to workspaces and to each other
 * within one organization. Each change commits together with its audit event, whose metadata
 * names changed fields but never credential values.
 */
export function createEnvironmentService(deps: { transact: Transact; cipher: CredentialCipher }) {
  const { cipher } = deps;
  const audited = createAudited(deps.transact);

  /**
   * Changes of a link between an owner (a workspace, an environment) and another object of its
   * organization (named by `linkedKey`), each committed with its audit event on the owner.
   */
  function linksOf<Owner extends { id: string; organizationId: string }>(
    targetType: 'Workspace' | 'Environment',
    linkedKey: 'environmentId' | 'connectionId',
  ) {
    const ownerEvent = auditEventsOn(targetType);
    return (action: string, write: LinkWrite) =>
      async (viewer: Viewer, owner: Owner, linked: { id: string }): Promise<Owner> => {
        await audited(
          viewer,
          (repos) => repos.environments[write](owner.id, linked.id),
          () => ownerEvent(owner, action, { [linkedKey]: linked.id }),
        );
        return owner;
      };
  }
  const workspaceLink = linksOf<WorkspaceRecord>('Workspace', 'environmentId');
  const environmentLink = linksOf<EnvironmentRecord>('Environment', 'connectionId');

  const environments = auditedLifecycle(deps.transact, {
    audit: { targetType: 'Environment', prefix: 'environment' },
    create: (repos, input: NewEnvironment) => repos.environments.createEnvironment(input),
    update: (repos, environment: EnvironmentRecord, input: EnvironmentChange) =>
      repos.environments.updateEnvironment(environment.id, input),
    delete: (repos, environment) => repos.environments.deleteEnvironment(environment.id),
  });

  /** Connections: credentials are encrypted for their organization, and audited by presence only. */
  const connections = auditedLifecycle(deps.transact, {
    audit: { targetType: 'Connection', prefix: 'connection' },
    create(repos, input: NewConnection) {
      const { credentials, settings, ...fields } = input;
      const encryptedCredentials =
        credentials === undefined || credentials === null
          ? null
          : cipher.encrypt(credentials, input.organizationId);
      return repos.environments.createConnection({ ...fields, settings, encryptedCredentials });
    },
    /** `credentials: null` clears them; absent leaves them as they are. */
    update(repos, connection: ConnectionRecord, input: ConnectionChange) {
      const { credentials, ...fields } = input;
      if (credentials === undefined) return repos.environments.updateConnection(connection.id, fields);
      const encryptedCredentials =
        credentials === null ? null : cipher.encrypt(credentials, connection.organizationId);
      return repos.environments.updateConnection(connection.id, { ...fields, encryptedCredentials });
    },
    delete: (repos, connection) => repos.environments.deleteConnection(connection.id),
    createdDetails: (connection) => ({ kind: connection.kind, hasCredentials: connection.hasCredentials }),
  });

  return {
    createEnvironment: (viewer: Viewer, input: NewEnvironment) =>
      environments.create(viewer, input).catch(nameClash('an environment')),
    updateEnvironment: (viewer: Viewer, environment: EnvironmentRecord, input: EnvironmentChange) =>
      environments.update(viewer, environment, input).catch(nameClash('an environment')),
    deleteEnvironment: environments.delete,
    createConnection: (viewer: Viewer, input: NewConnection) =>
      connections.create(viewer, input).catch(nameClash('a connection')),
    updateConnection: (viewer: Viewer, connection: ConnectionRecord, input: ConnectionChange) =>
      connections.update(viewer, connection, input).catch(nameClash('a connection')),
    deleteConnection: connections.delete,

    // Links: the policy has checked that both sides belong to one organization.

    attachEnvironment: workspaceLink('workspace.environment.attach', 'attachEnvironment'),
    detachEnvironment: workspaceLink('workspace.environment.detach', 'detachEnvironment'),
    attachConnection: environmentLink('environment.connection.attach', 'attachConnection'),
    detachConnection: environmentLink('environment.connection.detach', 'detachConnection'),
  };
}

export type EnvironmentService = ReturnType<typeof createEnvironmentService>;
