-- CreateEnum
CREATE TYPE "workspace"."DeploymentAction" AS ENUM ('APPLY', 'DELETE');

-- CreateEnum
CREATE TYPE "workspace"."DeploymentStatus" AS ENUM ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- AlterTable
ALTER TABLE "workspace"."Connection" ADD COLUMN     "settings" JSONB;

-- CreateTable
CREATE TABLE "workspace"."Deployment" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "designId" UUID NOT NULL,
    "designRevision" INTEGER NOT NULL,
    "environmentId" UUID NOT NULL,
    "action" "workspace"."DeploymentAction" NOT NULL,
    "dryRun" BOOLEAN NOT NULL DEFAULT false,
    "status" "workspace"."DeploymentStatus" NOT NULL DEFAULT 'PENDING',
    "createdById" UUID,
    "requestId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leasedBy" TEXT,
    "leaseExpiresAt" TIMESTAMPTZ(3),

    CONSTRAINT "Deployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workspace"."DeploymentTarget" (
    "deploymentId" UUID NOT NULL,
    "connectionId" UUID NOT NULL,
    "status" "workspace"."DeploymentStatus" NOT NULL DEFAULT 'PENDING',
    "message" TEXT,
    "resources" TEXT[],
    "commit" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DeploymentTarget_pkey" PRIMARY KEY ("deploymentId","connectionId")
);

-- CreateIndex
CREATE INDEX "Deployment_designId_createdAt_id_idx" ON "workspace"."Deployment"("designId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Deployment_environmentId_createdAt_id_idx" ON "workspace"."Deployment"("environmentId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Deployment_designId_environmentId_action_status_idx" ON "workspace"."Deployment"("designId", "environmentId", "action", "status");

-- CreateIndex
CREATE INDEX "Deployment_status_leaseExpiresAt_idx" ON "workspace"."Deployment"("status", "leaseExpiresAt");

-- CreateIndex
CREATE INDEX "DeploymentTarget_connectionId_idx" ON "workspace"."DeploymentTarget"("connectionId");

-- AddForeignKey
ALTER TABLE "workspace"."Deployment" ADD CONSTRAINT "Deployment_designId_fkey" FOREIGN KEY ("designId") REFERENCES "workspace"."Design"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workspace"."DeploymentTarget" ADD CONSTRAINT "DeploymentTarget_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "workspace"."Deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workspace"."DeploymentTarget" ADD CONSTRAINT "DeploymentTarget_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "workspace"."Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
