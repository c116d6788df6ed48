import type { StoredAuditEvent } from '../repositories/audit-repository';
import type { IdentityDb } from '../repositories/prisma';

/** A delivery claimed by a worker, with what it needs to send it: its webhook and its event. */
export type ClaimedDelivery = {
  id: string;
  webhookId: string;
  organizationId: string;
  url: string;
  secretCiphertext: string;
  attempts: number;
  firstAttemptAt: Date | null;
  event: StoredAuditEvent;
};

/** One attempt's outcome, and what becomes of the delivery after it. */
export type AttemptRecord = {
  attemptedAt: Date;
  durationMs: number;
  responseStatus: number | null;
  error: string | null;
  /** SUCCEEDED, FAILED (for good), or PENDING again after `retryInMs`. */
  status: 'SUCCEEDED' | 'FAILED' | 'PENDING';
  retryInMs: number;
};

/** A claimed row: the event comes as JSON (its time as text). */
type ClaimedRow = Omit<ClaimedDelivery, 'event'> & {
  event: Omit<StoredAuditEvent, 'occurredAt'> & { occurredAt: string };
};

/**
 * The webhook delivery queue (the outbox the AuditEvent trigger fills). A worker claims the head
 * of each webhook's queue (its oldest PENDING delivery) when it is due and not leased, with FOR
 * UPDATE SKIP LOCKED: a webhook's next delivery is never claimed while an earlier one is pending,
 * so each webhook gets its events in order, and two workers never claim one delivery at once. A
 * lease that expired (its worker died) lets another worker take the delivery again. Every write
 * after the claim is conditional on still holding the lease.
 */
export function createWebhookJobs(db: IdentityDb) {
  return {
    /** Claims up to `limit` due heads of distinct active webhooks for `workerId` until now + leaseMs. */
    async claim(workerId: string, leaseMs: number, limit: number): Promise<ClaimedDelivery[]> {
      const rows = await db.$queryRaw<ClaimedRow[]>`
        WITH claimed AS (
          UPDATE "identity"."WebhookDelivery" AS d
             SET "leasedBy" = ${workerId},
                 "leaseExpiresAt" = clock_timestamp() + ${leaseMs} * interval '1 millisecond'
           WHERE d.id IN (
             SELECT c.id FROM "identity"."WebhookDelivery" AS c
               JOIN "identity"."Webhook" AS w ON w.id = c."webhookId"
              WHERE c.status = 'PENDING' AND w.active
                AND c."nextAttemptAt" <= clock_timestamp()
                AND (c."leaseExpiresAt" IS NULL OR c."leaseExpiresAt" < clock_timestamp())
                AND NOT EXISTS (
                  SELECT 1 FROM "identity"."WebhookDelivery" AS earlier
                   WHERE earlier."webhookId" = c."webhookId" AND earlier.status = 'PENDING'
                     AND earlier.seq < c.seq)
              ORDER BY c.seq
              LIMIT ${limit}
              FOR UPDATE OF c SKIP LOCKED)
          RETURNING d.id, d."webhookId", d."eventId", d.attempts, d."firstAttemptAt", d.seq)
        SELECT claimed.id, claimed."webhookId", claimed.attempts, claimed."firstAttemptAt",
               w."organizationId", w.url, w."secretCiphertext", to_jsonb(a) AS event
          FROM claimed
          JOIN "identity"."Webhook" AS w ON w.id = claimed."webhookId"
          JOIN "identity"."AuditEvent" AS a ON a.id = claimed."eventId"
         ORDER BY claimed.seq`;
      return rows.map((row) => ({
        ...row,
        event: { ...row.event, occurredAt: new Date(row.event.occurredAt) },
      }));
    },

    /**
     * Records an attempt and the delivery's new state, releasing the lease; false (nothing
     * written) when this worker no longer holds the delivery.
     */
    async recordAttempt(deliveryId: string, workerId: string, attempt: AttemptRecord): Promise<boolean> {
      const count = await db.$executeRaw`
        UPDATE "identity"."WebhookDelivery"
           SET attempts = attempts + 1,
               "responseStatus" = ${attempt.responseStatus},
               "firstAttemptAt" = COALESCE("firstAttemptAt", ${attempt.attemptedAt}),
               "lastAttemptAt" = ${attempt.attemptedAt},
               status = ${attempt.status}::"identity"."WebhookDeliveryStatus",
               "nextAttemptAt" = clock_timestamp() + ${attempt.retryInMs} * interval '1 millisecond',
               "finishedAt" = CASE WHEN ${attempt.status} = 'PENDING' THEN NULL ELSE clock_timestamp() END,
               "leasedBy" = NULL,
               "leaseExpiresAt" = NULL
         WHERE id = ${deliveryId}::uuid AND "leasedBy" = ${workerId} AND status = 'PENDING'`;
      if (count !== 1) return false;
      await db.webhookAttempt.create({
        data: {
          deliveryId,
          attemptedAt: attempt.attemptedAt,
          responseStatus: attempt.responseStatus,
          error: attempt.error,
          durationMs: attempt.durationMs,
        },
      });
      return true;
    },

    /**
     * Counts a delivery's final outcome against its webhook: a success resets the failures in a
     * row, a final failure adds one. Answers the webhook's failures in a row and whether it is
     * still active (undefined when it was deleted meanwhile).
     */
    async countOutcome(
      webhookId: string,
      succeeded: boolean,
    ): Promise<{ consecutiveFailures: number; active: boolean } | undefined> {
      const rows = await db.$queryRaw<{ consecutiveFailures: number; active: boolean }[]>`
        UPDATE "identity"."Webhook"
           SET "consecutiveFailures" = CASE WHEN ${succeeded} THEN 0 ELSE "consecutiveFailures" + 1 END
         WHERE id = ${webhookId}::uuid
        RETURNING "consecutiveFailures", active`;
      return rows[0];
    },

    /** Disables an active webhook; false when it was not active (or is gone). */
    async disable(webhookId: string): Promise<boolean> {
      const count = await db.$executeRaw`
        UPDATE "identity"."Webhook" SET active = false, "disabledAt" = clock_timestamp()
         WHERE id = ${webhookId}::uuid AND active`;
      return count === 1;
    },

    /**
     * Stores a signing secret sealed again with the current CREDENTIALS_KEY, unless the webhook's
     * secret changed since it was read (then the newer one stands).
     */
    async resealSecret(webhookId: string, read: string, sealed: string): Promise<void> {
      await db.$executeRaw`
        UPDATE "identity"."Webhook" SET "secretCiphertext" = ${sealed}
         WHERE id = ${webhookId}::uuid AND "secretCiphertext" = ${read}`;
    },
  };
}

export type WebhookJobs = ReturnType<typeof createWebhookJobs>;
