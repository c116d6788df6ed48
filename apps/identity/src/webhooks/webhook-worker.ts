import { randomUUID } from 'node:crypto';
import { startOutboxRelay } from '@controlplane/audit';
import { ANONYMOUS, Viewer } from '@controlplane/auth';
import type { CredentialCipher, OpenedCredentials } from '@controlplane/config';
import { createOutboundClient } from '@controlplane/outbound';
import type { Logger } from 'pino';
import type { Transact } from '../repositories';
import type { AttemptRecord, ClaimedDelivery, WebhookJobs } from './webhook-jobs';
import { sendDelivery, type AttemptResult } from './webhook-sender';

/** How deliveries are worked (config.ts: the WEBHOOK_* variables and DEPLOY_ALLOWED_HOSTS). */
export type WebhookWorkerSettings = {
  /** Deliveries (of distinct webhooks) sent at once by this process; 0: none. */
  concurrency: number;
  leaseMs: number;
  intervalMs: number;
  timeoutMs: number;
  retryBaseMs: number;
  retryCapMs: number;
  retryBudgetMs: number;
  disableAfterFailures: number;
  allowedHosts: readonly string[];
};

export type WebhookWorker = { kick(): void; stop(): Promise<void> };

/**
 * What becomes of a delivery after an attempt: done when it succeeded; otherwise retried after
 * `retryBaseMs` doubled per earlier attempt (at most `retryCapMs`), unless that retry would come
 * later than `retryBudgetMs` after the first attempt: then it has failed for good.
 */
export function planAfterAttempt(
  result: AttemptResult,
  delivery: Pick<ClaimedDelivery, 'attempts' | 'firstAttemptAt'>,
  settings: Pick<WebhookWorkerSettings, 'retryBaseMs' | 'retryCapMs' | 'retryBudgetMs'>,
): AttemptRecord {
  const attempt = {
    attemptedAt: result.attemptedAt,
    durationMs: result.durationMs,
    responseStatus: result.responseStatus,
    error: result.error,
  };
  if (result.succeeded) return { ...attempt, status: 'SUCCEEDED', retryInMs: 0 };
  const retryInMs = Math.min(
    settings.retryCapMs,
    settings.retryBaseMs * 2 ** Math.min(delivery.attempts, 40),
  );
  const firstAt = (delivery.firstAttemptAt ?? result.attemptedAt).getTime();
  const retryAt = result.attemptedAt.getTime() + retryInMs;
  return retryAt - firstAt > settings.retryBudgetMs
    ? { ...attempt, status: 'FAILED', retryInMs: 0 }
    : { ...attempt, status: 'PENDING', retryInMs };
}

/**
 * Delivers the webhook outbox: claims due deliveries (webhook-jobs.ts), signs and sends them
 * through the SSRF-guarded client, records each attempt, and disables a webhook whose deliveries
 * failed for good `disableAfterFailures` times in a row, with a `webhook.disable` event (actor
 * SYSTEM). Woken after each commit and on a timer (which also takes deliveries of dead workers
 * once their lease expired), and when a retry falls due.
 */
export function startWebhookWorker(options: {
  jobs: WebhookJobs;
  transact: Transact;
  cipher: CredentialCipher;
  settings: WebhookWorkerSettings;
  logger: Logger;
}): WebhookWorker {
  const { jobs, settings, logger } = options;
  if (settings.concurrency === 0) return { kick: () => undefined, stop: async () => undefined };
  const workerId = `webhooks-${randomUUID()}`;
  const client = createOutboundClient({ allowedHosts: settings.allowedHosts });
  const timeoutMs = Math.min(settings.timeoutMs, Math.floor(settings.leaseMs / 2));
  const retryTimers = new Set<NodeJS.Timeout>();
  let stopped = false;

  async function finish(delivery: ClaimedDelivery, attempt: AttemptRecord): Promise<void> {
    await options.transact(async (repos) => {
      if (!(await repos.webhookJobs.recordAttempt(delivery.id, workerId, attempt))) return;
      if (attempt.status === 'PENDING') return;
      const outcome = await repos.webhookJobs.countOutcome(
        delivery.webhookId,
        attempt.status === 'SUCCEEDED',
      );
      if (outcome === undefined || outcome.consecutiveFailures < settings.disableAfterFailures) return;
      if (!(await repos.webhookJobs.disable(delivery.webhookId))) return;
      await repos.audit.record(new Viewer(ANONYMOUS, 'none'), {
        organizationId: delivery.organizationId,
        action: 'webhook.disable',
        targetType: 'Webhook',
        targetId: delivery.webhookId,
        metadata: { consecutiveFailures: outcome.consecutiveFailures },
      });
    });
  }

  async function attempt(delivery: ClaimedDelivery): Promise<void> {
    let opened: OpenedCredentials;
    try {
      opened = options.cipher.open(delivery.secretCiphertext, delivery.organizationId);
    } catch (error) {
      // Another key (a misconfigured replica): leave the lease to run out for a worker that has the right one.
      logger.error({ err: error, deliveryId: delivery.id }, 'cannot decrypt the webhook signing key');
      return;
    }
    const secret = String(opened.credentials);
    // Sealed with CREDENTIALS_KEY_PREVIOUS: seal it with the current key, so the old one can go.
    // A failure here only postpones that to the next delivery; it never holds this one back.
    if (opened.stale)
      await jobs
        .resealSecret(
          delivery.webhookId,
          delivery.secretCiphertext,
          options.cipher.encrypt(secret, delivery.organizationId),
        )
        .catch((error: unknown) =>
          logger.warn({ err: error, webhookId: delivery.webhookId }, 'could not re-seal a webhook secret'),
        );
    const key = Buffer.from(secret, 'base64');
    const result = await sendDelivery(client, delivery, { key, timeoutMs });
    const plan = planAfterAttempt(result, delivery, settings);
    await finish(delivery, plan);
    if (plan.status === 'PENDING' && plan.retryInMs < settings.intervalMs) {
      const timer = setTimeout(() => {
        retryTimers.delete(timer);
        relay.kick();
      }, plan.retryInMs);
      timer.unref();
      retryTimers.add(timer);
    }
  }

  const relay = startOutboxRelay<ClaimedDelivery>({
    store: {
      take: (limit) => jobs.claim(workerId, settings.leaseMs, Math.min(limit, settings.concurrency)),
      // Each attempt is recorded as it ends (finish); nothing is left to remove.
      remove: async () => undefined,
    },
    deliver: async (deliveries) => {
      await Promise.all(
        deliveries.map((delivery) =>
          attempt(delivery).catch((error: unknown) =>
            logger.error(
              { err: error, deliveryId: delivery.id },
              'webhook attempt failed; retried after its lease',
            ),
          ),
        ),
      );
    },
    intervalMs: settings.intervalMs,
    logger,
  });

  return {
    // A commit may still kick after stop (a request finishing during shutdown): nothing starts then.
    kick: () => {
      if (!stopped) relay.kick();
    },
    async stop() {
      stopped = true;
      for (const timer of retryTimers) clearTimeout(timer);
      await relay.stop();
      await client.close();
    },
  };
}
