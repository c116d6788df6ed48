-- CreateEnum
CREATE TYPE "identity"."WebhookDeliveryStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "identity"."Webhook" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT[],
    "secretCiphertext" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMPTZ(3),

    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity"."WebhookDelivery" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "seq" BIGSERIAL NOT NULL,
    "webhookId" UUID NOT NULL,
    "eventId" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "status" "identity"."WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "responseStatus" INTEGER,
    "firstAttemptAt" TIMESTAMPTZ(3),
    "lastAttemptAt" TIMESTAMPTZ(3),
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leasedBy" TEXT,
    "leaseExpiresAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity"."WebhookAttempt" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "deliveryId" UUID NOT NULL,
    "attemptedAt" TIMESTAMPTZ(3) NOT NULL,
    "responseStatus" INTEGER,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "WebhookAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Webhook_organizationId_idx" ON "identity"."Webhook"("organizationId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_webhookId_seq_idx" ON "identity"."WebhookDelivery"("webhookId", "seq");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "identity"."WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_webhookId_eventId_key" ON "identity"."WebhookDelivery"("webhookId", "eventId");

-- CreateIndex
CREATE INDEX "WebhookAttempt_deliveryId_attemptedAt_idx" ON "identity"."WebhookAttempt"("deliveryId", "attemptedAt");

-- AddForeignKey
ALTER TABLE "identity"."Webhook" ADD CONSTRAINT "Webhook_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "identity"."Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "identity"."Webhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."WebhookAttempt" ADD CONSTRAINT "WebhookAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "identity"."WebhookDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The webhook outbox: storing an audit event enqueues one delivery per active webhook of its
-- organization whose filter matches its action (no filter: every action; "catalog.*": every action
-- that starts with "catalog."), in the same transaction, whichever path stored the event (a
-- mutation of identity, or the ingest of relayed events: a duplicate skipped by ON CONFLICT fires
-- nothing). So no stored event misses a webhook and no delivery exists without its event.
CREATE FUNCTION "identity"."enqueue_webhook_deliveries"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "identity"."WebhookDelivery" ("webhookId", "eventId", "action")
  SELECT w."id", NEW."id", NEW."action"
    FROM "identity"."Webhook" AS w
   WHERE w."organizationId" = NEW."organizationId"
     AND w."active"
     AND (coalesce(cardinality(w."events"), 0) = 0 OR EXISTS (
           SELECT 1 FROM unnest(w."events") AS pattern
            WHERE pattern = NEW."action"
               OR (right(pattern, 2) = '.*'
                   AND left(NEW."action", length(pattern) - 1) = left(pattern, length(pattern) - 1))))
   ORDER BY w."id";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "AuditEvent_enqueue_webhook_deliveries" AFTER INSERT ON "identity"."AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "identity"."enqueue_webhook_deliveries"();
