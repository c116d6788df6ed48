import { ORG_ADMINS, type OrgRole, type Viewer } from '@controlplane/auth';
import { badUserInput, conflict, forbidden, notFound, unauthenticated } from '@controlplane/errors';
import type { IdentityRepositories, Transact } from '../repositories';
import type { InvitationRecord } from '../repositories/invitation-repository';
import type { MembershipRecord } from '../repositories/organization-repository';
import { actingRoleOf } from './api-key-service';
import { generateSecret, hashSecret } from '../credentials/secrets';

export type InvitationStatus = 'PENDING' | 'ACCEPTED' | 'REVOKED' | 'EXPIRED';

export function invitationStatus(invitation: InvitationRecord, now = new Date()): InvitationStatus {
  if (invitation.acceptedAt !== null) return 'ACCEPTED';
  if (invitation.revokedAt !== null) return 'REVOKED';
  return invitation.expiresAt <= now ? 'EXPIRED' : 'PENDING';
}

const WHY_NOT_PENDING: Record<Exclude<InvitationStatus, 'PENDING'>, string> = {
  ACCEPTED: 'this invitation was already accepted',
  REVOKED: 'this invitation was revoked',
  EXPIRED: 'this invitation has expired; ask for a new one',
};

export type InviteInput = {
  organizationId: string;
  email: string;
  role: OrgRole;
  teamIds: string[];
  expiresInHours: number;
};

/**
 * Whether the inviter could send this invitation today: a user still OWNER or ADMIN (OWNER for
 * an OWNER invitation), or an API key that still acts as ADMIN. Teams need nothing more: an
 * OWNER or ADMIN may put anyone in any team of the organization.
 */
async function inviterMayStillGrant(
  repos: IdentityRepositories,
  invitation: InvitationRecord,
): Promise<boolean> {
  const granting: readonly OrgRole[] = invitation.role === 'OWNER' ? ['OWNER'] : ORG_ADMINS;
  if (invitation.invitedById !== null) {
    const inviter = await repos.organizations.findMembership(
      invitation.organizationId,
      invitation.invitedById,
    );
    return inviter !== null && granting.includes(inviter.role);
  }
  if (invitation.invitedByApiKeyId !== null) {
    const [key] = await repos.apiKeys.findByIds([invitation.invitedByApiKeyId]);
    const role = key === undefined ? undefined : await actingRoleOf(repos, key);
    return role !== undefined && granting.includes(role);
  }
  return false;
}

export function createInvitationService(deps: { repositories: IdentityRepositories; transact: Transact }) {
  const { repositories, transact } = deps;
  return {
    /** A one-time token (only its hash is kept) for `email` to join with `role` and teams. */
    async invite(
      viewer: Viewer,
      input: InviteInput,
    ): Promise<{ invitation: InvitationRecord; token: string }> {
      if (input.role === 'OWNER' && viewer.roleIn(input.organizationId) !== 'OWNER') {
        throw forbidden('Only an OWNER can invite an OWNER.');
      }
      const teams = await repositories.teams.findLiveByIds(input.teamIds);
      const foreign = input.teamIds.find(
        (id) => !teams.some((team) => team.id === id && team.organizationId === input.organizationId),
      );
      if (foreign !== undefined)
        throw badUserInput('input.teamIds', `team ${foreign} is not a team of this organization`);
      const existingUser = await repositories.users.findCredentialsByEmail(input.email);
      if (
        existingUser !== null &&
        (await repositories.organizations.findMembership(input.organizationId, existingUser.id)) !== null
      ) {
        throw conflict('input.email: is already a member of this organization');
      }
      const token = generateSecret('cpi');
      const invitation = await transact(async (repos) => {
        const created = await repos.invitations.create({
          organizationId: input.organizationId,
          email: input.email,
          role: input.role,
          teamIds: input.teamIds,
          invitedById: viewer.userId ?? null,
          invitedByApiKeyId: viewer.principal.kind === 'apiKey' ? viewer.principal.apiKeyId : null,
          expiresAt: new Date(Date.now() + input.expiresInHours * 3600 * 1000),
          tokenHash: hashSecret(token),
        });
        await repos.audit.record(viewer, {
          organizationId: input.organizationId,
          action: 'invitation.create',
          targetType: 'Invitation',
          targetId: created.id,
          metadata: { email: input.email, role: input.role, teamIds: input.teamIds },
        });
        return created;
      });
      return { invitation, token };
    },

    /** Joins the signed-in user whose email the invitation names, with its role and teams, once. */
    async accept(viewer: Viewer, token: string): Promise<MembershipRecord> {
      const userId = viewer.userId;
      if (userId === undefined) throw unauthenticated();
      const { membership, teamIds } = await transact(async (repos) => {
        const invitation = await repos.invitations.findByTokenHash(hashSecret(token));
        if (invitation === null) throw notFound('Invitation');
        const status = invitationStatus(invitation);
        if (status !== 'PENDING') throw badUserInput('token', WHY_NOT_PENDING[status]);
        const [user] = await repos.users.findManyByIds([userId]);
        if (user === undefined || user.email !== invitation.email) {
          throw forbidden('This invitation is addressed to another email address.');
        }
        if ((await repos.organizations.findLiveByIds([invitation.organizationId])).length === 0)
          throw notFound('Invitation');
        if (!(await inviterMayStillGrant(repos, invitation))) {
          throw forbidden(
            'Whoever invited you can no longer grant this role; ask an OWNER or ADMIN for a new invitation.',
          );
        }
        if ((await repos.organizations.findMembership(invitation.organizationId, userId)) !== null) {
          throw conflict('You are already a member of this organization.');
        }
        if (!(await repos.invitations.markAccepted(invitation.id, userId)))
          throw badUserInput('token', 'this invitation was already used');
        const membership = await repos.organizations.createMembership({
          organizationId: invitation.organizationId,
          userId,
          role: invitation.role,
        });
        const teams = (await repos.teams.findLiveByIds(invitation.teamIds)).filter(
          (team) => team.organizationId === invitation.organizationId,
        );
        await repos.teams.addMembers(
          teams.map((team) => ({ teamId: team.id, userId, role: 'MEMBER' as const })),
        );
        await repos.audit.record(viewer, {
          organizationId: invitation.organizationId,
          action: 'invitation.accept',
          targetType: 'Invitation',
          targetId: invitation.id,
          metadata: { role: invitation.role },
        });
        return { membership, teamIds: teams.map((team) => team.id) };
      });
      viewer.recordMembership(membership.organizationId, membership.role);
      for (const teamId of teamIds) viewer.recordTeamRole(teamId, membership.organizationId, 'MEMBER');
      return membership;
    },

    async revoke(viewer: Viewer, invitation: InvitationRecord): Promise<InvitationRecord> {
      const status = invitationStatus(invitation);
      if (status === 'ACCEPTED') throw badUserInput('id', 'this invitation was already accepted');
      if (status === 'REVOKED') return invitation;
      return transact(async (repos) => {
        const revoked = await repos.invitations.markRevoked(invitation.id);
        await repos.audit.record(viewer, {
          organizationId: invitation.organizationId,
          action: 'invitation.revoke',
          targetType: 'Invitation',
          targetId: invitation.id,
        });
        return revoked;
      });
    },
  };
}

export type InvitationService = ReturnType<typeof createInvitationService>;
