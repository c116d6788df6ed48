import type { ServiceName } from '@controlplane/auth';
import { catalogApi } from './catalog-api';
import type { Endpoint, SubgraphName } from './endpoint';
import { identityApi } from './identity-api';
import { workspaceApi } from './workspace-api';

const ENDPOINTS: readonly Endpoint[] = [
  ...Object.values(identityApi),
  ...Object.values(workspaceApi),
  ...Object.values(catalogApi),
];

/**
 * The callers whose keys `service` must know: the gateway (its GraphQL is the gateway's) and every
 * service one of its endpoints names. Its configuration requires exactly their public keys.
 */
export function callersOf(service: SubgraphName): ServiceName[] {
  const callers = new Set<ServiceName>(['gateway']);
  for (const endpoint of ENDPOINTS) {
    if (endpoint.service === service) for (const caller of endpoint.callers) callers.add(caller);
  }
  return [...callers];
}
