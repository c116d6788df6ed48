-- AlterTable
ALTER TABLE "identity"."Invitation" ADD COLUMN     "invitedByApiKeyId" UUID;

-- CreateIndex
CREATE INDEX "Invitation_organizationId_invitedById_idx" ON "identity"."Invitation"("organizationId", "invitedById");
