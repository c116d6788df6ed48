import type { Logger } from '@controlplane/runtime';
import type { CloneService } from './services/clone-service';

/** Settles interrupted clones on a timer; a failed round is logged and tried again on the next. */
export function scheduleCloneReconciliation(options: {
  clones: CloneService;
  intervalMs: number;
  logger: Logger;
}): { stop(): void } {
  const reconcile = async () => {
    try {
      await options.clones.reconcile();
    } catch (error) {
      options.logger.warn({ err: error }, 'clone reconciliation failed; it runs again shortly');
    }
  };
  const timer = setInterval(() => void reconcile(), options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
