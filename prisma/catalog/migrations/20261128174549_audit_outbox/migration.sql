-- CreateTable
CREATE TABLE "catalog"."AuditOutbox" (
    "id" UUID NOT NULL,
    "event" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditOutbox_createdAt_idx" ON "catalog"."AuditOutbox"("createdAt");
