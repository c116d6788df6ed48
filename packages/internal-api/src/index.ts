export { defineEndpoint } from './endpoint';
export type {
  Answer,
  Endpoint,
  ParsedRequestOf,
  ParsedResponseOf,
  RefusalOf,
  Refusals,
  RequestOf,
  ResponseOf,
  SubgraphName,
} from './endpoint';
export { AUDIT_ACTION_PREFIXES, identityApi, MAX_TEAM_IDS } from './identity-api';
export { workspaceApi, MAX_CLONE_KEYS, MAX_DESIGN_SOURCES } from './workspace-api';
export { catalogApi } from './catalog-api';
export { callersOf } from './callers';
export { implement, refuse, Refusal } from './serve';
export type { Handler, IncomingCall, InternalRoute, RouteAnswer } from './serve';
export { createServiceCaller, InternalCallError } from './client';
export type { Fetch, OnBehalfOf, ServiceCaller } from './client';
