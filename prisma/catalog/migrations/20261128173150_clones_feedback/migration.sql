-- CreateEnum
CREATE TYPE "catalog"."CloneStatus" AS ENUM ('PENDING', 'COMPLETED', 'FAILED');

-- CreateTable
CREATE TABLE "catalog"."CatalogClone" (
    "id" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "designName" TEXT NOT NULL,
    "requestedById" UUID,
    "designId" UUID,
    "status" "catalog"."CloneStatus" NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CatalogClone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "catalog"."CatalogFeedback" (
    "id" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "rating" INTEGER NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CatalogFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CatalogClone_designId_key" ON "catalog"."CatalogClone"("designId");

-- CreateIndex
CREATE INDEX "CatalogClone_status_createdAt_idx" ON "catalog"."CatalogClone"("status", "createdAt");

-- CreateIndex
CREATE INDEX "CatalogFeedback_itemId_createdAt_idx" ON "catalog"."CatalogFeedback"("itemId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CatalogFeedback_itemId_userId_key" ON "catalog"."CatalogFeedback"("itemId", "userId");

-- AddForeignKey
ALTER TABLE "catalog"."CatalogClone" ADD CONSTRAINT "CatalogClone_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "catalog"."CatalogItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "catalog"."CatalogClone" ADD CONSTRAINT "CatalogClone_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "catalog"."CatalogItemVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "catalog"."CatalogFeedback" ADD CONSTRAINT "CatalogFeedback_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "catalog"."CatalogItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;
