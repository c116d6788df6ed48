-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "catalog";

-- CreateEnum
CREATE TYPE "catalog"."CatalogVisibility" AS ENUM ('ORGANIZATION', 'PUBLIC');

-- CreateEnum
CREATE TYPE "catalog"."CatalogVersionStatus" AS ENUM ('PENDING_REVIEW', 'PUBLISHED', 'REJECTED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "catalog"."CatalogItem" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "summary" TEXT,
    "category" TEXT,
    "tags" TEXT[],
    "publisherOrganizationId" UUID NOT NULL,
    "visibility" "catalog"."CatalogVisibility" NOT NULL,
    "cloneCount" INTEGER NOT NULL DEFAULT 0,
    "derivedFromId" UUID,
    "publishedAt" TIMESTAMPTZ(3),
    "withdrawnAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CatalogItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "catalog"."CatalogItemVersion" (
    "id" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "version" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "changelog" TEXT,
    "status" "catalog"."CatalogVersionStatus" NOT NULL,
    "sourceDesignId" UUID,
    "publishedById" UUID,
    "reviewedById" UUID,
    "reviewComment" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CatalogItemVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CatalogItem_slug_key" ON "catalog"."CatalogItem"("slug");

-- CreateIndex
CREATE INDEX "CatalogItem_publisherOrganizationId_createdAt_idx" ON "catalog"."CatalogItem"("publisherOrganizationId", "createdAt");

-- CreateIndex
CREATE INDEX "CatalogItem_visibility_publishedAt_idx" ON "catalog"."CatalogItem"("visibility", "publishedAt");

-- CreateIndex
CREATE INDEX "CatalogItem_derivedFromId_idx" ON "catalog"."CatalogItem"("derivedFromId");

-- CreateIndex
CREATE INDEX "CatalogItemVersion_itemId_status_idx" ON "catalog"."CatalogItemVersion"("itemId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CatalogItemVersion_itemId_version_key" ON "catalog"."CatalogItemVersion"("itemId", "version");

-- AddForeignKey
ALTER TABLE "catalog"."CatalogItem" ADD CONSTRAINT "CatalogItem_derivedFromId_fkey" FOREIGN KEY ("derivedFromId") REFERENCES "catalog"."CatalogItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "catalog"."CatalogItemVersion" ADD CONSTRAINT "CatalogItemVersion_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "catalog"."CatalogItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;
