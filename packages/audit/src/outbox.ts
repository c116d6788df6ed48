import type { Viewer } from '@controlplane/auth';
import { auditEventSchema, buildAuditEvent, type AuditEventRecord, type AuditInput } from './event';
import { createTableStore, type OutboxStore } from './relay';

/**
 * The part of a Prisma client's `auditOutbox` model a subgraph needs; workspace and catalog each
 * have their own table of this shape in their own schema.
 */
export type OutboxDelegate = {
  create(args: { data: { id: string; event: AuditEventRecord } }): Promise<unknown>;
  findMany(args: { orderBy: { createdAt: 'asc' }; take: number }): Promise<{ id: string; event: unknown }[]>;
  deleteMany(args: { where: { id: { in: string[] } } }): Promise<unknown>;
};

/** Audit events for a subgraph that does not own the trail: written to its outbox, in the caller's transaction. */
export function createOutboxRepository(outbox: OutboxDelegate) {
  return {
    async record(viewer: Viewer, input: AuditInput): Promise<void> {
      const event = buildAuditEvent(viewer, input);
      await outbox.create({ data: { id: event.id, event } });
    },
  };
}

/** The relay's view of the same table. */
export function createOutboxStore(outbox: OutboxDelegate): OutboxStore<AuditEventRecord> {
  return createTableStore(outbox, (row) => auditEventSchema.parse(row.event));
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
