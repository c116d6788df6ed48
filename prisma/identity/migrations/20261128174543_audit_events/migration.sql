-- CreateEnum
CREATE TYPE "identity"."ActorType" AS ENUM ('USER', 'API_KEY', 'SYSTEM');

-- CreateTable
CREATE TABLE "identity"."AuditEvent" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "actorType" "identity"."ActorType" NOT NULL,
    "actorId" TEXT,
    "actorDisplayName" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "metadata" JSONB,
    "requestId" TEXT,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditEvent_organizationId_occurredAt_id_idx" ON "identity"."AuditEvent"("organizationId", "occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_organizationId_action_idx" ON "identity"."AuditEvent"("organizationId", "action");

-- CreateIndex
CREATE INDEX "AuditEvent_organizationId_actorId_idx" ON "identity"."AuditEvent"("organizationId", "actorId");

-- CreateIndex
CREATE INDEX "AuditEvent_organizationId_targetType_targetId_idx" ON "identity"."AuditEvent"("organizationId", "targetType", "targetId");

-- Audit events are immutable: no role the services use may change or remove them.
CREATE FUNCTION "identity"."refuse_audit_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are immutable (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "AuditEvent_immutable_rows" BEFORE UPDATE OR DELETE ON "identity"."AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "identity"."refuse_audit_change"();

CREATE TRIGGER "AuditEvent_immutable_table" BEFORE TRUNCATE ON "identity"."AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "identity"."refuse_audit_change"();
