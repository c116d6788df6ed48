import { AsyncResource } from 'node:async_hooks';

/** Background work that drains a queue: see `startDrainLoop`. */
export type DrainLoop = {
  /** Drains now, or joins the drain under way and asks it for one more pass; resolves with its total. */
  drain(): Promise<number>;
  /** Starts a drain without waiting for it. */
  kick(): void;
  /** Ends the timer and waits for the drain under way. */
  stop(): Promise<void>;
};

/**
 * Drains a queue with `pass` (which returns how much it did) soon after each kick and on a timer
 * (which picks up what was left over after a failure or a crash). Drains never overlap: a kick
 * during a drain makes it pass once more, so work that arrived meanwhile is not left for the
 * timer. A failed pass ends the drain; `onError` logs it and the next drain tries again.
 */
export function startDrainLoop(options: {
  pass: () => Promise<number>;
  intervalMs: number;
  onError: (error: unknown) => void;
  /** True once the owner stops: no further pass begins. */
  stopped?: () => boolean;
}): DrainLoop {
  const stopped = options.stopped ?? (() => false);
  let running: Promise<number> | undefined;
  let again = false;

  function drain(): Promise<number> {
    if (running !== undefined) {
      again = true;
      return running;
    }
    running = (async () => {
      let done = 0;
      do {
        again = false;
        done += await options.pass();
      } while (again && !stopped());
      return done;
    })()
      .catch((error: unknown) => {
        options.onError(error);
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  const timer = setInterval(() => void drain(), options.intervalMs);
  timer.unref();
  return {
    drain,
    // Bound to the context the loop started in: the drain a request kicks off is background work,
    // not part of that request (its logs, traces and statement counts).
    kick: AsyncResource.bind(() => void drain()),
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
