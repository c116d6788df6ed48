import { startDrainLoop } from '@controlplane/runtime';
import type { Logger } from 'pino';

/** A table of messages written in the same transaction as a change, until they are delivered. */
export type OutboxStore<Message extends { id: string }> = {
  /** The oldest undelivered messages, at most `limit`. */
  take(limit: number): Promise<Message[]>;
  /** Forgets delivered messages. */
  remove(ids: string[]): Promise<void>;
};

/** The part of a Prisma outbox model a relay reads: the oldest rows first, then their removal. */
export type OutboxTable<Row> = {
  findMany(args: { orderBy: { createdAt: 'asc' }; take: number }): Promise<Row[]>;
  deleteMany(args: { where: { id: { in: string[] } } }): Promise<unknown>;
};

/** An outbox table seen as a relay's store: each row read as its message by `read`. */
export function createTableStore<Row, Message extends { id: string }>(
  table: OutboxTable<Row>,
  read: (row: Row) => Message,
): OutboxStore<Message> {
  return {
    async take(limit) {
      const rows = await table.findMany({ orderBy: { createdAt: 'asc' }, take: limit });
      return rows.map(read);
    },
    async remove(ids) {
      await table.deleteMany({ where: { id: { in: ids } } });
    },
  };
}

export type OutboxRelay = { kick(): void; flush(): Promise<number>; stop(): Promise<void> };

/**
 * Ships an outbox to where its messages belong (audit events to the audit trail, integration
 * events to the services that react to them): at least once (a message leaves the outbox only
 * after `deliver` succeeded; receivers ignore an id they already have), soon after each change
 * (the service kicks the relay after committing) and again on a timer, so messages written just
 * before a crash go out after the restart.
 */
export function startOutboxRelay<Message extends { id: string }>(options: {
  store: OutboxStore<Message>;
  deliver: (messages: Message[]) => Promise<void>;
  intervalMs: number;
  logger: Logger;
}): OutboxRelay {
  const { store, deliver, logger } = options;

  /** Delivers batches until the outbox is empty. */
  async function deliverAll(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const batch = await store.take(100);
      if (batch.length === 0) return delivered;
      await deliver(batch);
      await store.remove(batch.map((event) => event.id));
      delivered += batch.length;
    }
  }

  // Flushing resolves once the outbox is empty, including events committed while it was draining.
  const loop = startDrainLoop({
    pass: deliverAll,
    intervalMs: options.intervalMs,
    onError: (error) => logger.warn({ err: error }, 'audit relay could not deliver; retrying shortly'),
  });
  return { kick: loop.kick, flush: loop.drain, stop: loop.stop };
}
