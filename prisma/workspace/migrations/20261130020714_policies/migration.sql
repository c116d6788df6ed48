-- CreateEnum
CREATE TYPE "workspace"."PolicySeverity" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "workspace"."PolicyEnforcement" AS ENUM ('AUDIT', 'DENY');

-- CreateTable
CREATE TABLE "workspace"."Policy" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "severity" "workspace"."PolicySeverity" NOT NULL,
    "enforcement" "workspace"."PolicyEnforcement" NOT NULL DEFAULT 'AUDIT',
    "kinds" TEXT[],
    "expression" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Policy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workspace"."PolicySet" (
    "organizationId" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PolicySet_pkey" PRIMARY KEY ("organizationId")
);

-- CreateTable
CREATE TABLE "workspace"."DesignEvaluation" (
    "designId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "revision" INTEGER NOT NULL,
    "policySetVersion" INTEGER NOT NULL,
    "violations" JSONB NOT NULL,
    "evaluatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DesignEvaluation_pkey" PRIMARY KEY ("designId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Policy_organizationId_name_key" ON "workspace"."Policy"("organizationId", "name");

-- CreateIndex
CREATE INDEX "DesignEvaluation_organizationId_idx" ON "workspace"."DesignEvaluation"("organizationId");
