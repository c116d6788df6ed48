/**
 * `@controlplane/client`: a typed client of the control plane's GraphQL API for partner
 * integrations. See README.md for the common calls.
 */
export { createControlPlaneClient } from './control-plane-client';
export type { AuditEvent, CatalogItemSummary, ControlPlaneClient, Design } from './control-plane-client';
export { createRequester } from './client';
export type { TypedDocumentNode } from '@graphql-typed-document-node/core';
export type { ClientOptions, Document, RequestArgs, RequestOptions, Requester } from './client';
export { paginate } from './pagination';
export type { Connection } from './pagination';
export { createBackoff, DEFAULT_RETRY, isTransient, parseRetryAfter } from './retry';
export type { RetryOptions, RetryPolicy } from './retry';
export {
  BadUserInputError,
  ConflictError,
  ControlPlaneError,
  createError,
  ERROR_CLASSES,
  ForbiddenError,
  InternalServerError,
  InvalidRequestError,
  NETWORK_ERROR,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ResponseTooLargeError,
  ServiceUnavailableError,
  UnauthenticatedError,
} from './errors';
export type { ErrorDetails, GraphQLErrorShape } from './errors';
/** The typed documents of the common calls and every type of the API schema they use. */
export * from './generated/graphql';
