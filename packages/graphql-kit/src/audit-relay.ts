import {
  createOutboxStore,
  startOutboxRelay,
  type OutboxDelegate,
  type OutboxRelay,
} from '@controlplane/audit';
import { ANONYMOUS, Viewer } from '@controlplane/auth';
import type { Logger } from 'pino';
import type { ServiceClient } from './service-client';

/** Relays a subgraph's audit outbox to the audit trail that identity keeps. */
export function startAuditRelay(options: {
  outbox: OutboxDelegate;
  identity: ServiceClient;
  intervalMs: number;
  logger: Logger;
}): OutboxRelay {
  return startOutboxRelay({
    store: createOutboxStore(options.outbox),
    deliver: async (events) => {
      await options.identity.post('/internal/audit-events', { events }, new Viewer(ANONYMOUS, 'audit-relay'));
    },
    intervalMs: options.intervalMs,
    logger: options.logger,
  });
}
