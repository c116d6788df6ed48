-- CreateTable
CREATE TABLE "identity"."UsedEnvelope" (
    "jti" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "UsedEnvelope_pkey" PRIMARY KEY ("jti")
);

-- CreateIndex
CREATE INDEX "UsedEnvelope_expiresAt_idx" ON "identity"."UsedEnvelope"("expiresAt");
