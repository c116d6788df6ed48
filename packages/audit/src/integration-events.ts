import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createTableStore, type OutboxStore } from './relay';

/**
 * Facts one service tells another through its outbox, at least once and after its own
 * transaction committed: the receiver must act idempotently (the id repeats on redelivery).
 */
export const integrationEventSchema = z.discriminatedUnion('type', [
  /** Identity soft-deleted an organization: the catalog withdraws everything it publishes. */
  z.object({
    id: z.uuid(),
    type: z.literal('organization.deleted'),
    organizationId: z.uuid(),
    occurredAt: z.iso.datetime(),
  }),
]);

export type IntegrationEvent = z.infer<typeof integrationEventSchema>;

export const integrationEventBatchSchema = z.object({
  events: z.array(integrationEventSchema).min(1).max(100),
});

/** A new event with its idempotency key. */
export function newIntegrationEvent<T extends IntegrationEvent['type']>(
  type: T,
  fields: Omit<Extract<IntegrationEvent, { type: T }>, 'id' | 'type' | 'occurredAt'>,
): IntegrationEvent {
  return { id: randomUUID(), type, occurredAt: new Date().toISOString(), ...fields } as IntegrationEvent;
}

/** The part of a Prisma client's `eventOutbox` model the relay needs. */
export type EventOutboxDelegate = {
  create(args: { data: { id: string; type: string; payload: IntegrationEvent } }): Promise<unknown>;
  findMany(args: {
    orderBy: { createdAt: 'asc' };
    take: number;
  }): Promise<{ id: string; payload: unknown }[]>;
  deleteMany(args: { where: { id: { in: string[] } } }): Promise<unknown>;
};

/** Writes events in the caller's transaction. */
export function createEventOutboxRepository(outbox: EventOutboxDelegate) {
  return {
    async publish(event: IntegrationEvent): Promise<void> {
      await outbox.create({ data: { id: event.id, type: event.type, payload: event } });
    },
  };
}

export type EventOutboxRepository = ReturnType<typeof createEventOutboxRepository>;

/** The relay's view of the same table. */
export function createEventOutboxStore(outbox: EventOutboxDelegate): OutboxStore<IntegrationEvent> {
  return createTableStore(outbox, (row) => integrationEventSchema.parse(row.payload));
}
