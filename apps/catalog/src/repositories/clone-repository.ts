import type { CatalogClone } from '../generated/prisma/client';
import type { CatalogDb } from './prisma';

export type CloneRecord = CatalogClone;

export function createCloneRepository(db: CatalogDb) {
  return {
    create(data: {
      id: string;
      itemId: string;
      versionId: string;
      workspaceId: string;
      designName: string;
      requestedById: string | null;
    }): Promise<CloneRecord> {
      return db.catalogClone.create({ data });
    },

    /** PENDING -> COMPLETED, at most once: true only for the call that made the move. */
    async complete(id: string, designId: string): Promise<boolean> {
      const { count } = await db.catalogClone.updateMany({
        where: { id, status: 'PENDING' },
        data: { status: 'COMPLETED', designId, completedAt: new Date() },
      });
      return count === 1;
    },

    async fail(id: string): Promise<boolean> {
      const { count } = await db.catalogClone.updateMany({
        where: { id, status: 'PENDING' },
        data: { status: 'FAILED', completedAt: new Date() },
      });
      return count === 1;
    },

    findPendingBefore(before: Date, take: number): Promise<CloneRecord[]> {
      return db.catalogClone.findMany({
        where: { status: 'PENDING', createdAt: { lt: before } },
        orderBy: { createdAt: 'asc' },
        take,
      });
    },

    findCompletedByDesigns(designIds: readonly string[]): Promise<CloneRecord[]> {
      return db.catalogClone.findMany({ where: { designId: { in: [...designIds] }, status: 'COMPLETED' } });
    },

    findById(id: string): Promise<CloneRecord | null> {
      return db.catalogClone.findUnique({ where: { id } });
    },
  };
}

export type CloneRepository = ReturnType<typeof createCloneRepository>;
