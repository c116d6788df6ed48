/** One entry of a GraphQL answer's `errors`, as the gateway sends it. */
export type GraphQLErrorShape = {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
};

/** What an error knows about the answer it came from. */
export type ErrorDetails = {
  /** Every error of the answer (the exception's class and code come from the first). */
  errors?: GraphQLErrorShape[];
  /** Partial data sent beside the errors (a nullable field failed, the rest answered). */
  data?: unknown;
  /** The HTTP status of the answer; undefined when none came. */
  status?: number;
  /** The gateway's request id (`x-request-id`): quote it to the operator. */
  requestId?: string;
  /** Milliseconds the server asked to wait before trying again (`Retry-After`). */
  retryAfterMs?: number;
  cause?: unknown;
};

/**
 * Any failure of a call: the gateway's error code (`errors[].extensions.code`), the message, and
 * what came with them. A code without a class of its own (a newer server's) arrives as this class
 * with that code, so `error.code` is always worth reading.
 */
export class ControlPlaneError extends Error {
  readonly code: string;
  readonly errors: GraphQLErrorShape[];
  readonly data: unknown;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly retryAfterMs: number | undefined;
  /** The first error's `extensions` (for BAD_USER_INPUT: `field`; for policy refusals: `violations`). */
  readonly extensions: Record<string, unknown>;

  constructor(code: string, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = code;
    this.errors = details.errors ?? [];
    this.data = details.data;
    this.status = details.status;
    this.requestId = details.requestId;
    this.retryAfterMs = details.retryAfterMs;
    this.extensions = { ...this.errors[0]?.extensions };
  }
}

/** UNAUTHENTICATED: no credential where one is needed, or a wrong, revoked or expired one. */
export class UnauthenticatedError extends ControlPlaneError {}
/** FORBIDDEN: the caller sees the object but its role does not allow this action. */
export class ForbiddenError extends ControlPlaneError {}
/** NOT_FOUND: the object does not exist or the caller may not see it (the server never says which). */
export class NotFoundError extends ControlPlaneError {}
/** CONFLICT: a uniqueness clash, or a stale `expectedRevision` (read the design again, merge, retry). */
export class ConflictError extends ControlPlaneError {}
/** RATE_LIMITED (HTTP 429): too many requests; `retryAfterMs` says when to come back. */
export class RateLimitedError extends ControlPlaneError {}
/** SERVICE_UNAVAILABLE: a service or database this request needs did not answer; a retry may work. */
export class ServiceUnavailableError extends ControlPlaneError {}
/** RESPONSE_TOO_LARGE: the answer would exceed what the gateway sends; ask for smaller pages. */
export class ResponseTooLargeError extends ControlPlaneError {}
/** INTERNAL_SERVER_ERROR: a fault on the server; details are in its logs under `requestId`. */
export class InternalServerError extends ControlPlaneError {}
/** No answer, or one that is not GraphQL: the connection failed, timed out, or a proxy answered. */
export class NetworkError extends ControlPlaneError {}

/** BAD_USER_INPUT: invalid input; `field` names it and the message gives the reason. */
export class BadUserInputError extends ControlPlaneError {
  /** The input field at fault (`input.name`), when the server named one. */
  get field(): string | undefined {
    return typeof this.extensions.field === 'string' ? this.extensions.field : undefined;
  }
}

/**
 * The request itself was refused before it ran: not valid JSON or too large (BAD_REQUEST), not
 * GraphQL or not valid against the schema or the gateway's limits (GRAPHQL_PARSE_FAILED,
 * GRAPHQL_VALIDATION_FAILED), or a persisted operation the server does not know.
 */
export class InvalidRequestError extends ControlPlaneError {}

/** The code the client gives failures that never reached a GraphQL answer. */
export const NETWORK_ERROR = 'NETWORK_ERROR';

type ErrorClass = new (code: string, message: string, details?: ErrorDetails) => ControlPlaneError;

/** The exception class of every code the gateway sends (the contract's and the gateway's own). */
export const ERROR_CLASSES: Readonly<Record<string, ErrorClass>> = {
  UNAUTHENTICATED: UnauthenticatedError,
  FORBIDDEN: ForbiddenError,
  NOT_FOUND: NotFoundError,
  BAD_USER_INPUT: BadUserInputError,
  CONFLICT: ConflictError,
  RATE_LIMITED: RateLimitedError,
  SERVICE_UNAVAILABLE: ServiceUnavailableError,
  RESPONSE_TOO_LARGE: ResponseTooLargeError,
  INTERNAL_SERVER_ERROR: InternalServerError,
  BAD_REQUEST: InvalidRequestError,
  GRAPHQL_PARSE_FAILED: InvalidRequestError,
  GRAPHQL_VALIDATION_FAILED: InvalidRequestError,
  OPERATION_RESOLUTION_FAILURE: InvalidRequestError,
  PERSISTED_QUERY_NOT_FOUND: InvalidRequestError,
  PERSISTED_QUERY_NOT_SUPPORTED: InvalidRequestError,
  [NETWORK_ERROR]: NetworkError,
};

/** The typed exception for `code` (ControlPlaneError itself for a code it does not know). */
export function createError(code: string, message: string, details: ErrorDetails = {}): ControlPlaneError {
  const ErrorOfCode = Object.hasOwn(ERROR_CLASSES, code) ? ERROR_CLASSES[code] : undefined;
  return new (ErrorOfCode ?? ControlPlaneError)(code, message, details);
}

/** The exception for a GraphQL answer with errors: the first error decides the class. */
export function errorFromAnswer(errors: GraphQLErrorShape[], details: ErrorDetails = {}): ControlPlaneError {
  const first = errors[0];
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : 'UNKNOWN';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return createError(code, `${first?.message ?? 'The request failed.'}${more}`, { ...details, errors });
}
