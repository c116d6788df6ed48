import { integrationEventBatchSchema } from '@controlplane/audit';
import type { Viewer } from '@controlplane/auth';
import type { Logger } from '@controlplane/graphql-kit';
import type { Router } from 'express';
import type { CatalogServices } from './context';

/**
 * Service-to-service endpoints (behind the signature check).
 * POST /internal/events {events} -> {handled}: integration events from identity's outbox, each
 * handled idempotently (redelivery is harmless): `organization.deleted` withdraws everything the
 * organization published.
 */
export function mountInternalRoutes(
  router: Router,
  deps: { services: CatalogServices; logger: Logger },
): void {
  router.post('/events', async (req, res) => {
    const parsed = integrationEventBatchSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'events must be a list of integration events' });
      return;
    }
    const requestId = (res.locals.viewer as Viewer).requestId;
    try {
      for (const event of parsed.data.events) {
        if (event.type === 'organization.deleted')
          await deps.services.review.withdrawAllOfPublisher(event.organizationId, requestId);
      }
      res.json({ handled: parsed.data.events.length });
    } catch (error) {
      deps.logger.error({ err: error }, 'integration events could not be handled; the sender retries');
      res.status(500).json({ error: 'internal error' });
    }
  });
}
