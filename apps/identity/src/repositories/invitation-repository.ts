import type { OrgRole } from '../generated/prisma/client';
import type { IdentityDb } from './prisma';

export type InvitationRecord = {
  id: string;
  organizationId: string;
  email: string;
  role: OrgRole;
  teamIds: string[];
  invitedById: string | null;
  invitedByApiKeyId: string | null;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
};

const invitationColumns = {
  id: true,
  organizationId: true,
  email: true,
  role: true,
  teamIds: true,
  invitedById: true,
  invitedByApiKeyId: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  createdAt: true,
} as const;

export function createInvitationRepository(db: IdentityDb) {
  return {
    create(
      data: Omit<InvitationRecord, 'id' | 'acceptedAt' | 'revokedAt' | 'createdAt'> & { tokenHash: string },
    ): Promise<InvitationRecord> {
      return db.invitation.create({ data, select: invitationColumns });
    },

    findByIds(ids: readonly string[]): Promise<InvitationRecord[]> {
      return db.invitation.findMany({ where: { id: { in: [...ids] } }, select: invitationColumns });
    },

    findByTokenHash(tokenHash: string): Promise<InvitationRecord | null> {
      return db.invitation.findUnique({ where: { tokenHash }, select: invitationColumns });
    },

    findByOrganization(organizationId: string): Promise<InvitationRecord[]> {
      return db.invitation.findMany({
        where: { organizationId },
        select: invitationColumns,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      });
    },

    /** Marks it accepted unless it already was or was revoked; false when it lost that race. */
    async markAccepted(id: string, userId: string): Promise<boolean> {
      const { count } = await db.invitation.updateMany({
        where: { id, acceptedAt: null, revokedAt: null },
        data: { acceptedAt: new Date(), acceptedById: userId },
      });
      return count === 1;
    },

    /** Revokes the pending invitations a member made, when that member leaves or is removed. */
    async revokePendingInvitedBy(organizationId: string, userId: string): Promise<void> {
      await db.invitation.updateMany({
        where: { organizationId, invitedById: userId, acceptedAt: null, revokedAt: null },
        data: { revokedAt: new Date() },
      });
    },

    revoke(id: string): Promise<InvitationRecord> {
      return db.invitation.update({
        where: { id },
        data: { revokedAt: new Date() },
        select: invitationColumns,
      });
    },
  };
}

export type InvitationRepository = ReturnType<typeof createInvitationRepository>;
