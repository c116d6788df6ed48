import {
  type ControlPlaneError,
  createError,
  errorFromAnswer,
  type GraphQLErrorShape,
  NETWORK_ERROR,
} from './errors';
import { parseRetryAfter } from './retry';

/** One HTTP POST of one GraphQL operation. */
export type Attempt = {
  url: string;
  body: { query: string; variables: unknown; operationName?: string };
  headers: Record<string, string>;
  fetch: typeof globalThis.fetch;
  /** Aborts this attempt (the caller's signal and the attempt's timeout together). */
  signal: AbortSignal;
  now: () => number;
};

export type AttemptResult = { ok: true; data: unknown } | { ok: false; error: ControlPlaneError };

/** When an answer is not GraphQL (a proxy's page, say), its HTTP status still says what happened. */
const STATUS_CODES: Record<number, string> = {
  401: 'UNAUTHENTICATED',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * Sends one attempt and reads the answer into data or a typed error. Never throws for what the
 * server or the network did; rethrows only when the caller's own signal aborted.
 */
export async function sendAttempt(attempt: Attempt, callerSignal?: AbortSignal): Promise<AttemptResult> {
  let response: Response;
  let text: string;
  try {
    response = await attempt.fetch(attempt.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...attempt.headers },
      body: JSON.stringify(attempt.body),
      signal: attempt.signal,
    });
    text = await response.text();
  } catch (cause) {
    if (callerSignal?.aborted) throw callerSignal.reason;
    const reason = attempt.signal.aborted ? 'the request timed out' : describe(cause);
    return {
      ok: false,
      error: createError(NETWORK_ERROR, `No answer from ${attempt.url}: ${reason}.`, { cause }),
    };
  }
  const details = {
    status: response.status,
    requestId: response.headers.get('x-request-id') ?? undefined,
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), attempt.now()),
  };
  const answer = parseAnswer(text);
  if (answer === undefined) {
    const code = STATUS_CODES[response.status] ?? NETWORK_ERROR;
    return {
      ok: false,
      error: createError(
        code,
        `HTTP ${response.status} from ${attempt.url} without a GraphQL answer.`,
        details,
      ),
    };
  }
  if (answer.errors !== undefined && answer.errors.length > 0) {
    return {
      ok: false,
      error: errorFromAnswer(answer.errors, { ...details, data: answer.data ?? undefined }),
    };
  }
  if (answer.data === undefined || answer.data === null) {
    return {
      ok: false,
      error: createError(NETWORK_ERROR, 'The answer has neither data nor errors.', details),
    };
  }
  return { ok: true, data: answer.data };
}

type Answer = { data?: unknown; errors?: GraphQLErrorShape[] };

function parseAnswer(text: string): Answer | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    if (!('data' in value) && !('errors' in value)) return undefined;
    const { data, errors } = value as { data?: unknown; errors?: unknown };
    if (errors !== undefined && !Array.isArray(errors)) return undefined;
    return { data, errors: errors as GraphQLErrorShape[] | undefined };
  } catch {
    return undefined;
  }
}

function describe(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : '';
  return `${cause.message}${inner}`;
}
