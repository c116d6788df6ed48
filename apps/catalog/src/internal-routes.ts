import { catalogApi, implement, type InternalRoute } from '@controlplane/internal-api';
import type { CatalogServices } from './context';

/**
 * The service-to-service endpoints the catalog serves (their contracts: internal-api's catalogApi).
 * Integration events are handled idempotently: identity redelivers until this answers.
 */
export function createInternalRoutes(deps: { services: CatalogServices }): InternalRoute[] {
  return [
    implement(catalogApi.events, async ({ events }, { viewer }) => {
      for (const event of events) {
        if (event.type === 'organization.deleted')
          await deps.services.review.withdrawAllOfPublisher(event.organizationId, viewer.requestId);
      }
      return { handled: events.length };
    }),
  ];
}
