import { Prisma } from '../generated/prisma/client';
import { ConnectionKind, ConnectionStatus } from '../generated/prisma/enums';
import { namedResourceColumns, type NamedResourceRecord } from '@controlplane/db';
import type { WorkspaceDb } from './prisma';

/** The kinds and statuses a connection may have, as the database defines them. */
export { ConnectionKind, ConnectionStatus };

export type EnvironmentRecord = NamedResourceRecord;

/** Credentials stay inside the repository and services: this record never carries them. */
export type ConnectionRecord = {
  id: string;
  organizationId: string;
  name: string;
  kind: ConnectionKind;
  url: string;
  status: ConnectionStatus;
  hasCredentials: boolean;
  /** Non-secret settings by kind (namespace; branch and path). */
  settings: unknown;
  createdAt: Date;
};

const environmentColumns = namedResourceColumns;
const connectionColumns = {
  id: true,
  organizationId: true,
  name: true,
  kind: true,
  url: true,
  status: true,
  settings: true,
  createdAt: true,
  encryptedCredentials: true,
} as const;

/** Settings as given: an object, null to clear, undefined to leave as they are. */
export type ConnectionSettings = Record<string, unknown> | null;

function settingsColumn(
  settings: ConnectionSettings | undefined,
): Prisma.InputJsonValue | typeof Prisma.DbNull | undefined {
  if (settings === undefined) return undefined;
  return settings === null ? Prisma.DbNull : (settings as Prisma.InputJsonValue);
}

function toConnection(
  row: Omit<ConnectionRecord, 'hasCredentials'> & { encryptedCredentials: string | null },
): ConnectionRecord {
  const { encryptedCredentials, ...rest } = row;
  return { ...rest, hasCredentials: encryptedCredentials !== null };
}

/** Environments and connections, and the links between them and workspaces. */
export function createEnvironmentRepository(db: WorkspaceDb) {
  return {
    createEnvironment(data: {
      organizationId: string;
      name: string;
      description: string | null;
    }): Promise<EnvironmentRecord> {
      return db.environment.create({ data, select: environmentColumns });
    },

    updateEnvironment(
      id: string,
      data: { name?: string; description?: string | null },
    ): Promise<EnvironmentRecord> {
      return db.environment.update({ where: { id }, data, select: environmentColumns });
    },

    async deleteEnvironment(id: string): Promise<void> {
      await db.environment.delete({ where: { id } });
    },

    findEnvironmentsByIds(ids: readonly string[]): Promise<EnvironmentRecord[]> {
      return db.environment.findMany({ where: { id: { in: [...ids] } }, select: environmentColumns });
    },

    findEnvironmentsByOrganizations(organizationIds: readonly string[]): Promise<EnvironmentRecord[]> {
      return db.environment.findMany({
        where: { organizationId: { in: [...organizationIds] } },
        select: environmentColumns,
        orderBy: [{ name: 'asc' }],
      });
    },

    async createConnection(data: {
      organizationId: string;
      name: string;
      kind: ConnectionKind;
      url: string;
      settings: ConnectionSettings | undefined;
      encryptedCredentials: string | null;
    }): Promise<ConnectionRecord> {
      const { settings, ...fields } = data;
      return toConnection(
        await db.connection.create({
          data: { ...fields, settings: settingsColumn(settings) },
          select: connectionColumns,
        }),
      );
    },

    async updateConnection(
      id: string,
      data: {
        name?: string;
        url?: string;
        status?: ConnectionStatus;
        encryptedCredentials?: string | null;
        settings?: ConnectionSettings | undefined;
      },
    ): Promise<ConnectionRecord> {
      const { settings, ...fields } = data;
      return toConnection(
        await db.connection.update({
          where: { id },
          data: { ...fields, ...(settings === undefined ? {} : { settings: settingsColumn(settings) }) },
          select: connectionColumns,
        }),
      );
    },

    async deleteConnection(id: string): Promise<void> {
      await db.connection.delete({ where: { id } });
    },

    async findConnectionsByIds(ids: readonly string[]): Promise<ConnectionRecord[]> {
      return (
        await db.connection.findMany({ where: { id: { in: [...ids] } }, select: connectionColumns })
      ).map(toConnection);
    },

    async findConnectionsByOrganizations(organizationIds: readonly string[]): Promise<ConnectionRecord[]> {
      return (
        await db.connection.findMany({
          where: { organizationId: { in: [...organizationIds] } },
          select: connectionColumns,
          orderBy: [{ name: 'asc' }],
        })
      ).map(toConnection);
    },

    async attachEnvironment(workspaceId: string, environmentId: string): Promise<void> {
      await db.workspaceEnvironment.createMany({
        data: [{ workspaceId, environmentId }],
        skipDuplicates: true,
      });
    },

    async detachEnvironment(workspaceId: string, environmentId: string): Promise<void> {
      await db.workspaceEnvironment.deleteMany({ where: { workspaceId, environmentId } });
    },

    async attachConnection(environmentId: string, connectionId: string): Promise<void> {
      await db.environmentConnection.createMany({
        data: [{ environmentId, connectionId }],
        skipDuplicates: true,
      });
    },

    async detachConnection(environmentId: string, connectionId: string): Promise<void> {
      await db.environmentConnection.deleteMany({ where: { environmentId, connectionId } });
    },

    findWorkspaceEnvironmentLinks(where: {
      workspaceIds?: readonly string[];
      environmentIds?: readonly string[];
    }) {
      return db.workspaceEnvironment.findMany({
        where: {
          ...(where.workspaceIds ? { workspaceId: { in: [...where.workspaceIds] } } : {}),
          ...(where.environmentIds ? { environmentId: { in: [...where.environmentIds] } } : {}),
          workspace: { deletedAt: null },
        },
        select: { workspaceId: true, environmentId: true },
        orderBy: { attachedAt: 'asc' },
      });
    },

    findEnvironmentConnectionLinks(where: {
      environmentIds?: readonly string[];
      connectionIds?: readonly string[];
    }) {
      return db.environmentConnection.findMany({
        where: {
          ...(where.environmentIds ? { environmentId: { in: [...where.environmentIds] } } : {}),
          ...(where.connectionIds ? { connectionId: { in: [...where.connectionIds] } } : {}),
        },
        select: { environmentId: true, connectionId: true },
        orderBy: { attachedAt: 'asc' },
      });
    },
  };
}

export type EnvironmentRepository = ReturnType<typeof createEnvironmentRepository>;
