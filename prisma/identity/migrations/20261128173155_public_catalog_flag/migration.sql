-- AlterTable
ALTER TABLE "identity"."Organization" ADD COLUMN     "publicCatalog" BOOLEAN NOT NULL DEFAULT false;
