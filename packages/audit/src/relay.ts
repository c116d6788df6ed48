import { AsyncResource } from 'node:async_hooks';
import type { Logger } from 'pino';

/** A table of messages written in the same transaction as a change, until they are delivered. */
export type OutboxStore<Message extends { id: string }> = {
  /** The oldest undelivered messages, at most `limit`. */
  take(limit: number): Promise<Message[]>;
  /** Forgets delivered messages. */
  remove(ids: string[]): Promise<void>;
};

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
  let running: Promise<number> | undefined;
  let again = false;

  async function drain(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const batch = await store.take(100);
      if (batch.length === 0) return delivered;
      await deliver(batch);
      await store.remove(batch.map((event) => event.id));
      delivered += batch.length;
    }
  }

  /** Resolves once the outbox is empty, including events committed while it was draining. */
  function flush(): Promise<number> {
    if (running !== undefined) {
      again = true;
      return running;
    }
    running = (async () => {
      let delivered = 0;
      do {
        again = false;
        delivered += await drain();
      } while (again);
      return delivered;
    })()
      .catch((error: unknown) => {
        logger.warn({ err: error }, 'audit relay could not deliver; retrying shortly');
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  const timer = setInterval(() => void flush(), options.intervalMs);
  timer.unref();
  return {
    // Bound to the context the relay started in: the drain a request's commit kicks off is
    // background work, not part of that request (its logs, traces and statement counts).
    kick: AsyncResource.bind(() => void flush()),
    flush,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
