import {
  createEventOutboxStore,
  startOutboxRelay,
  type EventOutboxDelegate,
  type IntegrationEvent,
  type OutboxRelay,
} from '@controlplane/audit';
import { catalogApi, type ServiceCaller } from '@controlplane/internal-api';
import type { Logger } from '@controlplane/runtime';
import type { IdentityRepositories } from './repositories';

/**
 * Relays identity's integration events to the catalog, at least once. Once the catalog has
 * acknowledged that a deleted organization's items are withdrawn, that organization's public
 * profile ends too: in this order, no visible item ever names a publisher that cannot be shown.
 */
export function startEventRelay(options: {
  outbox: EventOutboxDelegate;
  internalApi: ServiceCaller;
  repositories: IdentityRepositories;
  intervalMs: number;
  logger: Logger;
}): OutboxRelay {
  const deliver = async (events: IntegrationEvent[]) => {
    await options.internalApi.call(catalogApi.events, { events }, { requestId: 'event-relay' });
    for (const event of events) {
      if (event.type === 'organization.deleted')
        await options.repositories.organizations.endPublicProfileOfDeleted(event.organizationId);
    }
  };
  return startOutboxRelay({
    store: createEventOutboxStore(options.outbox),
    deliver,
    intervalMs: options.intervalMs,
    logger: options.logger,
  });
}
