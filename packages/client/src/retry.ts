import { type ControlPlaneError, NetworkError, RateLimitedError, ServiceUnavailableError } from './errors';

/**
 * When and how long to wait before trying a failed call again. Only safe cases are retried: no
 * answer at all (a network error or a timeout), HTTP 429 and 503, and answers whose only errors
 * are RATE_LIMITED or SERVICE_UNAVAILABLE. A mutation is retried only when `retryMutations` is
 * true (for this client or for the call): after a network error it may have been applied already.
 */
export type RetryOptions = {
  /** Attempts in all, the first included; 1 turns retries off. Default 4. */
  maxAttempts?: number;
  /** The smallest wait between attempts, in ms. Default 250. */
  baseDelayMs?: number;
  /** The largest wait the backoff chooses, in ms. Default 10,000. */
  maxDelayMs?: number;
  /**
   * The longest `Retry-After` the client waits for, in ms; when the server asks for more, the call
   * fails at once with the error (its `retryAfterMs` says how long). Default 60,000.
   */
  maxRetryAfterMs?: number;
  /** Retry mutations too. Default false. */
  retryMutations?: boolean;
  /** Waits `ms`; rejects when `signal` aborts. Injectable for tests. Default: a timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A number in [0, 1) for jitter. Injectable for tests. Default Math.random. */
  random?: () => number;
  /** The current time in ms, to read a `Retry-After` HTTP date. Default Date.now. */
  now?: () => number;
};

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
  retryMutations: false,
  sleep: sleepFor,
  random: Math.random,
  now: Date.now,
};

/** The codes that say "not now": the request did nothing and may succeed later. */
const TRANSIENT_CODES = new Set(['RATE_LIMITED', 'SERVICE_UNAVAILABLE']);

/** True when `error` is worth another attempt of an operation that is safe to repeat. */
export function isTransient(error: ControlPlaneError): boolean {
  if (error instanceof NetworkError) return error.status === undefined || error.status >= 500;
  if (error instanceof RateLimitedError || error instanceof ServiceUnavailableError) return true;
  if (error.status === 429 || error.status === 503) return true;
  return error.errors.length > 0 && error.errors.every((e) => TRANSIENT_CODES.has(e.extensions?.code ?? ''));
}

/**
 * Decorrelated jitter ("Exponential Backoff and Jitter", AWS Architecture Blog): each wait is
 * random between the base and three times the previous wait, capped. Retries of many clients
 * spread out instead of arriving together.
 */
export function createBackoff(policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>) {
  let previous = policy.baseDelayMs;
  return {
    next(): number {
      const upper = Math.max(policy.baseDelayMs, previous * 3);
      previous = Math.min(
        policy.maxDelayMs,
        policy.baseDelayMs + Math.floor(policy.random() * (upper - policy.baseDelayMs)),
      );
      return previous;
    },
  };
}

/**
 * Milliseconds to wait from a `Retry-After` header: delay-seconds or an HTTP date (RFC 9110
 * §10.2.3). Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
