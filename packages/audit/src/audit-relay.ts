import type { Logger } from 'pino';
import type { AuditEventRecord } from './event';
import { createOutboxStore, type OutboxDelegate } from './outbox';
import { startOutboxRelay, type OutboxRelay } from './relay';

/**
 * Relays a subgraph's audit outbox to the audit trail that identity keeps. `send` delivers one
 * batch (the caller knows how to reach identity); it must fail unless identity stored the batch.
 */
export function startAuditRelay(options: {
  outbox: OutboxDelegate;
  send: (events: AuditEventRecord[]) => Promise<void>;
  intervalMs: number;
  logger: Logger;
}): OutboxRelay {
  return startOutboxRelay({
    store: createOutboxStore(options.outbox),
    deliver: options.send,
    intervalMs: options.intervalMs,
    logger: options.logger,
  });
}
