-- CreateEnum
CREATE TYPE "workspace"."WorkspaceRole" AS ENUM ('VIEWER', 'EDITOR', 'ADMIN');

-- CreateEnum
CREATE TYPE "workspace"."ConnectionKind" AS ENUM ('KUBERNETES', 'PROMETHEUS', 'GRAFANA', 'GIT', 'OTHER');

-- CreateEnum
CREATE TYPE "workspace"."ConnectionStatus" AS ENUM ('REGISTERED', 'CONNECTED', 'DISCONNECTED', 'MAINTENANCE');

-- CreateTable
CREATE TABLE "workspace"."WorkspaceGrant" (
    "workspaceId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "role" "workspace"."WorkspaceRole" NOT NULL,
    "grantedById" UUID,
    "grantedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkspaceGrant_pkey" PRIMARY KEY ("workspaceId","teamId")
);

-- CreateTable
CREATE TABLE "workspace"."Environment" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Environment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workspace"."WorkspaceEnvironment" (
    "workspaceId" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "attachedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkspaceEnvironment_pkey" PRIMARY KEY ("workspaceId","environmentId")
);

-- CreateTable
CREATE TABLE "workspace"."Connection" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "workspace"."ConnectionKind" NOT NULL,
    "url" TEXT NOT NULL,
    "status" "workspace"."ConnectionStatus" NOT NULL DEFAULT 'REGISTERED',
    "encryptedCredentials" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workspace"."EnvironmentConnection" (
    "environmentId" UUID NOT NULL,
    "connectionId" UUID NOT NULL,
    "attachedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EnvironmentConnection_pkey" PRIMARY KEY ("environmentId","connectionId")
);

-- CreateTable
CREATE TABLE "workspace"."Design" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "content" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdById" UUID,
    "updatedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Design_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workspace"."DesignRevision" (
    "designId" UUID NOT NULL,
    "revision" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "content" TEXT NOT NULL,
    "authorId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DesignRevision_pkey" PRIMARY KEY ("designId","revision")
);

-- CreateIndex
CREATE INDEX "WorkspaceGrant_teamId_idx" ON "workspace"."WorkspaceGrant"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "Environment_organizationId_name_key" ON "workspace"."Environment"("organizationId", "name");

-- CreateIndex
CREATE INDEX "WorkspaceEnvironment_environmentId_idx" ON "workspace"."WorkspaceEnvironment"("environmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Connection_organizationId_name_key" ON "workspace"."Connection"("organizationId", "name");

-- CreateIndex
CREATE INDEX "EnvironmentConnection_connectionId_idx" ON "workspace"."EnvironmentConnection"("connectionId");

-- CreateIndex
CREATE INDEX "Design_workspaceId_createdAt_idx" ON "workspace"."Design"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "Design_organizationId_idx" ON "workspace"."Design"("organizationId");

-- AddForeignKey
ALTER TABLE "workspace"."WorkspaceGrant" ADD CONSTRAINT "WorkspaceGrant_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace"."Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workspace"."WorkspaceEnvironment" ADD CONSTRAINT "WorkspaceEnvironment_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace"."Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workspace"."WorkspaceEnvironment" ADD CONSTRAINT "WorkspaceEnvironment_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "workspace"."Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workspace"."EnvironmentConnection" ADD CONSTRAINT "EnvironmentConnection_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "workspace"."Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workspace"."EnvironmentConnection" ADD CONSTRAINT "EnvironmentConnection_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "workspace"."Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workspace"."Design" ADD CONSTRAINT "Design_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace"."Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workspace"."DesignRevision" ADD CONSTRAINT "DesignRevision_designId_fkey" FOREIGN KEY ("designId") REFERENCES "workspace"."Design"("id") ON DELETE CASCADE ON UPDATE CASCADE;
