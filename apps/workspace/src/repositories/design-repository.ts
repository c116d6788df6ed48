import type { WorkspaceDb } from './prisma';

export type DesignRecord = {
  id: string;
  workspaceId: string;
  organizationId: string;
  name: string;
  description: string | null;
  content: string;
  revision: number;
  createdById: string | null;
  updatedById: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type DesignRevisionRecord = {
  designId: string;
  revision: number;
  name: string;
  description: string | null;
  content: string;
  authorId: string | null;
  createdAt: Date;
};

const designColumns = {
  id: true,
  workspaceId: true,
  organizationId: true,
  name: true,
  description: true,
  content: true,
  revision: true,
  createdById: true,
  updatedById: true,
  createdAt: true,
  updatedAt: true,
} as const;
const live = { deletedAt: null };

export function createDesignRepository(db: WorkspaceDb) {
  return {
    /** Creates the design at revision 1 together with that first revision. */
    async create(data: {
      workspaceId: string;
      organizationId: string;
      name: string;
      description?: string | null;
      content: string;
      authorId: string | null;
      cloneKey?: string;
    }): Promise<DesignRecord> {
      const { authorId, ...fields } = data;
      return db.design.create({
        data: {
          ...fields,
          createdById: authorId,
          updatedById: authorId,
          revisions: {
            create: {
              revision: 1,
              name: data.name,
              description: data.description ?? null,
              content: data.content,
              authorId,
            },
          },
        },
        select: designColumns,
      });
    },

    findByCloneKey(cloneKey: string): Promise<DesignRecord | null> {
      return db.design.findUnique({ where: { cloneKey }, select: designColumns });
    },

    /**
     * Applies a change only if the design is still at `expectedRevision` (compare-and-set in one
     * statement that also returns the changed row), and records the new revision. Null when the
     * design moved on or is gone.
     */
    async updateIfAt(
      id: string,
      expectedRevision: number,
      change: { name: string; description: string | null; content: string; authorId: string | null },
    ): Promise<DesignRecord | null> {
      const [updated] = await db.design.updateManyAndReturn({
        where: { id, revision: expectedRevision, ...live },
        data: {
          name: change.name,
          description: change.description,
          content: change.content,
          updatedById: change.authorId,
          revision: { increment: 1 },
        },
        select: designColumns,
      });
      if (updated === undefined) return null;
      await db.designRevision.create({
        data: {
          designId: id,
          revision: updated.revision,
          name: change.name,
          description: change.description,
          content: change.content,
          authorId: change.authorId,
        },
      });
      return updated;
    },

    findByCloneKeys(
      cloneKeys: readonly string[],
    ): Promise<{ id: string; organizationId: string; cloneKey: string | null }[]> {
      return db.design.findMany({
        where: { cloneKey: { in: [...cloneKeys] } },
        select: { id: true, organizationId: true, cloneKey: true },
      });
    },

    async softDelete(id: string): Promise<void> {
      await db.design.update({ where: { id }, data: { deletedAt: new Date() } });
    },

    findLiveByIds(ids: readonly string[]): Promise<DesignRecord[]> {
      return db.design.findMany({
        where: { id: { in: [...ids] }, ...live, workspace: live },
        select: designColumns,
      });
    },

    /**
     * One page of designs for each of many workspaces in a single statement (newest first,
     * keyset on createdAt and id), so listing designs across workspaces costs the same number of
     * queries whatever their count. `take` includes a look-ahead row per workspace.
     */
    async findPagesOfWorkspaces(
      workspaceIds: readonly string[],
      take: number,
      after?: { at: Date; id: string },
    ): Promise<DesignRecord[]> {
      if (workspaceIds.length === 0 || take === 0) return [];
      const afterAt = after?.at ?? null;
      const afterId = after?.id ?? null;
      return db.$queryRaw<DesignRecord[]>`
        SELECT id, "workspaceId", "organizationId", name, description, content, revision,
               "createdById", "updatedById", "createdAt", "updatedAt"
          FROM (
            SELECT d.*, row_number() OVER (PARTITION BY d."workspaceId" ORDER BY d."createdAt" DESC, d.id DESC) AS position
              FROM "workspace"."Design" d
             WHERE d."workspaceId" = ANY(${[...workspaceIds]}::uuid[])
               AND d."deletedAt" IS NULL
               AND (${afterAt}::timestamptz IS NULL OR (d."createdAt", d.id) < (${afterAt}::timestamptz, ${afterId}::uuid))
          ) ranked
         WHERE position <= ${take}
         ORDER BY "workspaceId", "createdAt" DESC, id DESC`;
    },

    async countByWorkspaces(workspaceIds: readonly string[]): Promise<Map<string, number>> {
      const rows = await db.design.groupBy({
        by: ['workspaceId'],
        where: { workspaceId: { in: [...workspaceIds] }, ...live },
        _count: { _all: true },
      });
      return new Map(rows.map((row) => [row.workspaceId, row._count._all]));
    },

    /** The newest `take` revisions of each design, in one statement. */
    findLatestRevisions(designIds: readonly string[], take: number): Promise<DesignRevisionRecord[]> {
      if (designIds.length === 0 || take === 0) return Promise.resolve([]);
      return db.$queryRaw<DesignRevisionRecord[]>`
        SELECT "designId", revision, name, description, content, "authorId", "createdAt"
          FROM (
            SELECT r.*, row_number() OVER (PARTITION BY r."designId" ORDER BY r.revision DESC) AS position
              FROM "workspace"."DesignRevision" r
             WHERE r."designId" = ANY(${[...designIds]}::uuid[])
          ) ranked
         WHERE position <= ${take}
         ORDER BY "designId", revision DESC`;
    },
  };
}

export type DesignRepository = ReturnType<typeof createDesignRepository>;
