import type { CombinedError } from 'urql';

/** What a person should read for each error code of the contract (and the gateway's additions). */
const MESSAGES: Record<string, string> = {
  UNAUTHENTICATED: 'Your session has ended or your credentials are wrong. Sign in again.',
  NOT_FOUND: 'This does not exist, or you do not have access to it.',
  FORBIDDEN: 'Your role does not allow this action.',
  BAD_USER_INPUT: 'Some input needs fixing.',
  CONFLICT: 'This clashes with something that already exists or has just changed.',
  SERVICE_UNAVAILABLE: 'Part of the service is unavailable right now. Try again in a moment.',
  RESPONSE_TOO_LARGE: 'The answer is too large to send. Narrow the filter or ask for fewer items.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on the server. Try again; if it persists, tell the operator.',
  BAD_REQUEST: 'The API refused the request as malformed or too large.',
  GRAPHQL_VALIDATION_FAILED: 'The API refused this request (it does not match the schema or is too complex).',
  GRAPHQL_PARSE_FAILED: 'The API could not read this request.',
  PERSISTED_QUERY_NOT_FOUND: 'The API could not read this request.',
  PERSISTED_QUERY_NOT_IN_LIST:
    'This gateway only runs the operations of this console release. Reload the page.',
  PERSISTED_QUERY_REQUIRED: 'This gateway only runs the operations of this console release. Reload the page.',
  RATE_LIMITED: 'Too many requests in a short time. Wait a moment, then try again.',
};

export type ErrorView = { code: string; title: string; detail: string | null; field: string | null };

/** Turns an urql error into the messages the console shows; the server's own message is kept as detail. */
export function describeError(error: CombinedError): ErrorView[] {
  if (error.networkError && error.graphQLErrors.length === 0) {
    return [
      {
        code: 'NETWORK',
        title: 'The API cannot be reached. Check your connection and that the gateway is running.',
        detail: null,
        field: null,
      },
    ];
  }
  return error.graphQLErrors.map((graphQLError) => {
    const code = typeof graphQLError.extensions.code === 'string' ? graphQLError.extensions.code : 'UNKNOWN';
    const field = typeof graphQLError.extensions.field === 'string' ? graphQLError.extensions.field : null;
    return {
      code,
      title: MESSAGES[code] ?? 'The request failed.',
      detail: graphQLError.message,
      field,
    };
  });
}

export function errorCodes(error: CombinedError | undefined): string[] {
  return error ? describeError(error).map((view) => view.code) : [];
}

/** What the API said about one input field (BAD_USER_INPUT with `extensions.field`), with its position when it has one. */
export type FieldProblem = { reason: string; line: number | null; column: number | null };

/**
 * The BAD_USER_INPUT problem of `field` (the input's name, e.g. `expression`, matched against the
 * API's `input.expression`), or null: forms show it next to the field it names.
 */
export function fieldProblem(error: CombinedError | undefined, field: string): FieldProblem | null {
  const found = error?.graphQLErrors.find((graphQLError) => {
    const named = graphQLError.extensions.field;
    return (
      graphQLError.extensions.code === 'BAD_USER_INPUT' &&
      typeof named === 'string' &&
      (named === field || named.endsWith(`.${field}`))
    );
  });
  if (!found) return null;
  const { reason, line, column } = found.extensions;
  return {
    reason: typeof reason === 'string' ? reason : found.message.replace(/^[\w.[\]]+:\s*/, ''),
    line: typeof line === 'number' ? line : null,
    column: typeof column === 'number' ? column : null,
  };
}
