import type { WorkspaceRole } from '../generated/prisma/client';
import { namedResourceColumns, type NamedResourceRecord } from '@controlplane/db';
import type { WorkspaceDb } from './prisma';

export type WorkspaceRecord = NamedResourceRecord & { updatedAt: Date };

export type GrantRecord = {
  workspaceId: string;
  teamId: string;
  organizationId: string;
  role: WorkspaceRole;
  grantedAt: Date;
};

const workspaceColumns = { ...namedResourceColumns, updatedAt: true } as const;
const grantColumns = {
  workspaceId: true,
  teamId: true,
  organizationId: true,
  role: true,
  grantedAt: true,
} as const;
const live = { deletedAt: null };

export function createWorkspaceRepository(db: WorkspaceDb) {
  return {
    create(data: {
      organizationId: string;
      name: string;
      description: string | null;
      createdById: string | null;
    }): Promise<WorkspaceRecord> {
      return db.workspace.create({ data, select: workspaceColumns });
    },

    update(id: string, data: { name?: string; description?: string | null }): Promise<WorkspaceRecord> {
      return db.workspace.update({ where: { id }, data, select: workspaceColumns });
    },

    async softDelete(id: string): Promise<void> {
      await db.workspace.update({ where: { id }, data: { deletedAt: new Date() } });
    },

    findLiveByIds(ids: readonly string[]): Promise<WorkspaceRecord[]> {
      return db.workspace.findMany({ where: { id: { in: [...ids] }, ...live }, select: workspaceColumns });
    },

    findLiveByOrganizations(organizationIds: readonly string[]): Promise<WorkspaceRecord[]> {
      return db.workspace.findMany({
        where: { organizationId: { in: [...organizationIds] }, ...live },
        select: workspaceColumns,
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      });
    },

    findGrantsOfWorkspaces(workspaceIds: readonly string[]): Promise<GrantRecord[]> {
      return db.workspaceGrant.findMany({
        where: { workspaceId: { in: [...workspaceIds] } },
        select: grantColumns,
        orderBy: { grantedAt: 'asc' },
      });
    },

    findGrantsOfTeams(teamIds: readonly string[]): Promise<GrantRecord[]> {
      return db.workspaceGrant.findMany({
        where: { teamId: { in: [...teamIds] }, workspace: live },
        select: grantColumns,
        orderBy: { grantedAt: 'asc' },
      });
    },

    upsertGrant(data: {
      workspaceId: string;
      teamId: string;
      organizationId: string;
      role: WorkspaceRole;
      grantedById: string | null;
    }): Promise<GrantRecord> {
      return db.workspaceGrant.upsert({
        where: { workspaceId_teamId: { workspaceId: data.workspaceId, teamId: data.teamId } },
        create: data,
        update: { role: data.role, grantedById: data.grantedById },
        select: grantColumns,
      });
    },

    async deleteGrant(workspaceId: string, teamId: string): Promise<boolean> {
      const { count } = await db.workspaceGrant.deleteMany({ where: { workspaceId, teamId } });
      return count > 0;
    },
  };
}

export type WorkspaceRepository = ReturnType<typeof createWorkspaceRepository>;
