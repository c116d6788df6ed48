import { integrationEventBatchSchema } from '@controlplane/audit';
import { z } from 'zod';
import { defineEndpoint } from './endpoint';

/** Endpoints of the catalog service. */
export const catalogApi = {
  /**
   * Integration events from identity's outbox, each handled idempotently (redelivery is
   * harmless): `organization.deleted` withdraws everything the organization published.
   */
  events: defineEndpoint({
    service: 'catalog',
    path: '/internal/events',
    callers: ['identity'],
    request: integrationEventBatchSchema,
    response: z.object({ handled: z.number().int().min(0) }),
    refusals: {},
  }),
};
