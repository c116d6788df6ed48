import type { WorkspacePrisma } from './prisma';

export type WorkspaceRecord = {
  id: string;
  organizationId: string;
  name: string;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
};

const workspaceColumns = {
  id: true,
  organizationId: true,
  name: true,
  description: true,
  createdAt: true,
  updatedAt: true,
} as const;
const live = { deletedAt: null };

export function createWorkspaceRepository(prisma: WorkspacePrisma) {
  return {
    create(data: { organizationId: string; name: string; description: string | null; createdById: string | null }) {
      return prisma.workspace.create({ data, select: workspaceColumns });
    },

    findLiveByIds(ids: readonly string[]): Promise<WorkspaceRecord[]> {
      return prisma.workspace.findMany({ where: { id: { in: [...ids] }, ...live }, select: workspaceColumns });
    },

    findLiveByOrganizations(organizationIds: readonly string[]): Promise<WorkspaceRecord[]> {
      return prisma.workspace.findMany({
        where: { organizationId: { in: [...organizationIds] }, ...live },
        select: workspaceColumns,
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      });
    },
  };
}

export type WorkspaceRepository = ReturnType<typeof createWorkspaceRepository>;
