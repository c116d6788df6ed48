import { buildAuditEvent, type AuditEventRecord, type AuditInput } from '@controlplane/audit';
import type { Viewer } from '@controlplane/auth';
import type { ActorType, Prisma } from '../generated/prisma/client';
import type { IdentityDb } from './prisma';

export type AuditFilter = {
  actions?: string[] | null;
  actorId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  since?: Date | null;
  until?: Date | null;
};

/** An audit event as auditLog reads it back. */
export type StoredAuditEvent = {
  id: string;
  organizationId: string;
  actorType: ActorType;
  actorId: string | null;
  actorDisplayName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  metadata: Prisma.JsonValue | null;
  requestId: string | null;
  occurredAt: Date;
};

const storedColumns = {
  id: true,
  organizationId: true,
  actorType: true,
  actorId: true,
  actorDisplayName: true,
  action: true,
  targetType: true,
  targetId: true,
  metadata: true,
  requestId: true,
  occurredAt: true,
} as const;

function toRow(event: AuditEventRecord): Prisma.AuditEventCreateManyInput {
  return { ...event, metadata: event.metadata ?? undefined, occurredAt: new Date(event.occurredAt) };
}

function whereOf(
  organizationIds: readonly string[],
  filter: AuditFilter | null | undefined,
): Prisma.AuditEventWhereInput {
  return {
    organizationId: { in: [...organizationIds] },
    ...(filter?.actions?.length ? { action: { in: filter.actions } } : {}),
    ...(filter?.actorId ? { actorId: filter.actorId } : {}),
    ...(filter?.targetType ? { targetType: filter.targetType } : {}),
    ...(filter?.targetId ? { targetId: filter.targetId } : {}),
    ...(filter?.since || filter?.until
      ? {
          occurredAt: {
            ...(filter.since ? { gte: filter.since } : {}),
            ...(filter.until ? { lte: filter.until } : {}),
          },
        }
      : {}),
  };
}

export function createAuditRepository(db: IdentityDb) {
  return {
    /** Records an event by the caller; inside a transaction, it commits or rolls back with the change. */
    async record(viewer: Viewer, input: AuditInput): Promise<void> {
      await db.auditEvent.create({ data: toRow(buildAuditEvent(viewer, input)) });
    },

    /** Stores relayed events; an id already stored is skipped, so a redelivery changes nothing. */
    async storeRelayed(events: AuditEventRecord[]): Promise<number> {
      const { count } = await db.auditEvent.createMany({ data: events.map(toRow), skipDuplicates: true });
      return count;
    },

    findPage(
      organizationIds: readonly string[],
      filter: AuditFilter | null | undefined,
      take: number,
      after?: { at: Date; id: string },
    ): Promise<StoredAuditEvent[]> {
      const where = whereOf(organizationIds, filter);
      return db.auditEvent.findMany({
        where:
          after === undefined
            ? where
            : {
                AND: [
                  where,
                  { OR: [{ occurredAt: { lt: after.at } }, { occurredAt: after.at, id: { lt: after.id } }] },
                ],
              },
        orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
        take,
        select: storedColumns,
      });
    },

    count(organizationIds: readonly string[], filter: AuditFilter | null | undefined): Promise<number> {
      return db.auditEvent.count({ where: whereOf(organizationIds, filter) });
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
