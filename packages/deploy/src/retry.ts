/** How often and how patiently a transient failure is retried. */
export type RetryPolicy = {
  /** Tries in all, the first included. */
  attempts: number;
  /** Delay before the second try; it doubles for each further one. */
  baseDelayMs: number;
  /** Upper bound of any single delay, a server's Retry-After included. */
  maxDelayMs: number;
};

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 5_000 };

export type Attempt = { number: number; last: boolean };

type RetryOptions = {
  policy: RetryPolicy;
  /** Aborts the waiting between tries: the call's time budget. */
  signal: AbortSignal;
  isTransient(error: unknown): boolean;
  /** A delay the failure asks for (Retry-After), in milliseconds. */
  requestedDelayMs?(error: unknown): number | undefined;
};

/**
 * Runs `work` until it succeeds, fails with a non-transient error or the tries run out, waiting
 * with exponential backoff (and jitter, so many deployments failing together do not retry in
 * step) between tries. `work` learns whether it is the last try, to return a final answer
 * instead of throwing a transient one.
 */
export async function withRetry<T>(
  work: (attempt: Attempt) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  for (let number = 1; ; number += 1) {
    const last = number >= options.policy.attempts;
    try {
      return await work({ number, last });
    } catch (error) {
      if (last || !options.isTransient(error) || options.signal.aborted) throw error;
      await sleep(
        delayBeforeRetry(number, options.policy, options.requestedDelayMs?.(error)),
        options.signal,
      );
    }
  }
}

function delayBeforeRetry(failedAttempt: number, policy: RetryPolicy, requested: number | undefined): number {
  const exponential = policy.baseDelayMs * 2 ** (failedAttempt - 1);
  const jittered = exponential / 2 + Math.random() * (exponential / 2);
  return Math.min(policy.maxDelayMs, Math.max(requested ?? 0, jittered));
}

/** Waits, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Reads a Retry-After header given in seconds (the form API servers use); dates are ignored. */
export function parseRetryAfter(value: string | null | undefined): number | undefined {
  if (!value || !/^\d+$/.test(value.trim())) return undefined;
  return Number.parseInt(value, 10) * 1_000;
}
