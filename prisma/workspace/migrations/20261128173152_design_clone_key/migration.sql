-- AlterTable
ALTER TABLE "workspace"."Design" ADD COLUMN     "cloneKey" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "Design_cloneKey_key" ON "workspace"."Design"("cloneKey");
