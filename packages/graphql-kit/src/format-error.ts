import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, isTransientDatabaseError } from '@controlplane/errors';
import type { Logger } from 'pino';

const CLIENT_CODES = new Set<string>([
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.NOT_FOUND,
  ErrorCode.FORBIDDEN,
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.CONFLICT,
  ErrorCode.SERVICE_UNAVAILABLE,
  ErrorCode.RATE_LIMITED,
  // Apollo's own request-level codes: safe, they describe the request, not the server.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Lets contract errors through and replaces everything else with a generic message, logged with
 * its stack: a client never sees internals, SQL, or another tenant's data in an error.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    // graphql-js input coercion errors (unknown enum value, wrong type) arrive without our code.
    if (isInputCoercionError(formatted)) {
      return {
        message: formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.BAD_USER_INPUT },
      };
    }
    // A busy or restarting database is the server's state, not a bug: say so, so clients retry.
    if (isTransientDatabaseError(error)) {
      logger.warn({ err: error, path: formatted.path }, 'database unavailable for this request');
      return {
        message: 'The database is busy or unavailable; try again shortly.',
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }
    logger.error({ err: error, path: formatted.path }, 'unexpected error');
    return {
      message: 'Internal server error',
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

function isInputCoercionError(formatted: GraphQLFormattedError): boolean {
  return /^Variable "\$[^"]+" got invalid value|^Expected value of type|^Int cannot represent|^Float cannot represent|^String cannot represent|^ID cannot represent|^Boolean cannot represent|^Enum "[^"]+" cannot represent/.test(
    formatted.message,
  );
}
