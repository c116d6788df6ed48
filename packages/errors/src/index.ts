import { GraphQLError } from 'graphql';

/** The error codes of the public contract (`errors[].extensions.code`). */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
  /** Added to the contract's codes: a service this request needs did not answer; retrying may work. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** Added to the contract's codes: the answer would be larger than the gateway sends; ask for less. */
  RESPONSE_TOO_LARGE: 'RESPONSE_TOO_LARGE',
  /** Added to the contract's codes: the caller spent a rate budget (HTTP 429, Retry-After); retry later. */
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * An error meant for the client: its message and code are safe to show. Any other error is
 * replaced by a generic INTERNAL_SERVER_ERROR before it leaves a service.
 */
export class ContractError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export function unauthenticated(message = 'Sign in to do this.'): ContractError {
  return new ContractError(ErrorCode.UNAUTHENTICATED, message);
}

/** The same message for "does not exist" and "you may not see it", so neither can be told apart. */
export function notFound(typeName: string): ContractError {
  return new ContractError(ErrorCode.NOT_FOUND, `${typeName} not found.`);
}

export function forbidden(message = 'You do not have the role needed for this action.'): ContractError {
  return new ContractError(ErrorCode.FORBIDDEN, message);
}

export function badUserInput(field: string, reason: string): ContractError {
  return new ContractError(ErrorCode.BAD_USER_INPUT, `${field}: ${reason}`, { field });
}

export function serviceUnavailable(message: string, extensions: Record<string, unknown> = {}): ContractError {
  return new ContractError(ErrorCode.SERVICE_UNAVAILABLE, message, extensions);
}

export function conflict(message: string, extensions: Record<string, unknown> = {}): ContractError {
  return new ContractError(ErrorCode.CONFLICT, message, extensions);
}

type PrismaKnownError = { code: string; meta?: { target?: unknown; modelName?: string } };

function isPrismaKnownError(error: unknown): error is PrismaKnownError {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof (error as { code: unknown }).code === 'string' &&
    /^P\d{4}$/.test((error as { code: string }).code)
  );
}

/** True for a unique-constraint violation (Prisma P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return isPrismaKnownError(error) && error.code === 'P2002';
}

/**
 * A rejection handler that turns a unique-constraint violation into CONFLICT with `message` and
 * rethrows anything else: `transact(...).catch(conflictOnUniqueViolation('input.name: ...'))`.
 */
export function conflictOnUniqueViolation(message: string): (error: unknown) => never {
  return (error) => {
    throw isUniqueViolation(error) ? conflict(message) : error;
  };
}

/**
 * Prisma's codes for a database that is there but cannot serve this request now: no connection
 * within the wait (P2024), a transaction that could not start or outlived its timeout (P2028), an
 * unreachable server (P1001) or a timed-out operation (P1008). A retry may well succeed.
 */
const TRANSIENT_DATABASE_CODES = new Set(['P1001', 'P1008', 'P2024', 'P2028']);

/** True when `error` (or its cause) is a database failure a client may simply retry. */
export function isTransientDatabaseError(error: unknown): boolean {
  for (let current = error, depth = 0; current !== undefined && depth < 5; depth++) {
    if (isPrismaKnownError(current) && TRANSIENT_DATABASE_CODES.has(current.code)) return true;
    current =
      typeof current === 'object' && current !== null && 'originalError' in current
        ? (current as { originalError: unknown }).originalError
        : typeof current === 'object' && current !== null && 'cause' in current
          ? (current as { cause: unknown }).cause
          : undefined;
  }
  return false;
}
