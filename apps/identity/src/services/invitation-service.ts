import { auditEventsOn, createAudited } from '@controlplane/audit';
import type { OrgRole, Viewer } from '@controlplane/auth';
import { badUserInput, conflict } from '@controlplane/errors';
import { generateSecret, hashSecret } from '../credentials/secrets';
import { requireInvitationByToken, requireMayAccept, requireUserId } from '../policy';
import type { IdentityRepositories, Transact } from '../repositories';
import type { InvitationRecord } from '../repositories/invitation-repository';
import type { MembershipRecord } from '../repositories/organization-repository';
import type { InvitationStatus } from '../resolvers/schema-types.generated';

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

const invitationEvent = auditEventsOn('Invitation');

export type InviteInput = {
  organizationId: string;
  email: string;
  role: OrgRole;
  teamIds: string[];
  expiresInHours: number;
};

export function createInvitationService(deps: { repositories: IdentityRepositories; transact: Transact }) {
  const { repositories, transact } = deps;
  const audited = createAudited(transact);
  return {
    /**
     * A one-time token (only its hash is kept) for `email` to join with `role` and teams. Who may
     * invite whom is policy.requireMayInvite's to decide.
     */
    async invite(
      viewer: Viewer,
      input: InviteInput,
    ): Promise<{ invitation: InvitationRecord; token: string }> {
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
      const { email, role, teamIds } = input;
      const token = generateSecret('cpi');
      const row = {
        organizationId: input.organizationId,
        email,
        role,
        teamIds,
        invitedById: viewer.userId ?? null,
        invitedByApiKeyId: viewer.principal.kind === 'apiKey' ? viewer.principal.apiKeyId : null,
        expiresAt: new Date(Date.now() + input.expiresInHours * 3600 * 1000),
        tokenHash: hashSecret(token),
      };
      const invitation = await audited(
        viewer,
        (repos) => repos.invitations.create(row),
        (created) => invitationEvent(created, 'invitation.create', { email, role, teamIds }),
      );
      return { invitation, token };
    },

    /** Joins the signed-in user whose email the invitation names, with its role and teams, once. */
    async accept(viewer: Viewer, token: string): Promise<MembershipRecord> {
      const userId = requireUserId(viewer);
      const { membership, teamIds } = await transact(async (repos) => {
        const invitation = await requireInvitationByToken(repos, token);
        const status = invitationStatus(invitation);
        if (status !== 'PENDING') throw badUserInput('token', WHY_NOT_PENDING[status]);
        await requireMayAccept(repos, userId, invitation);
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
        await repos.audit.record(
          viewer,
          invitationEvent(invitation, 'invitation.accept', { role: invitation.role }),
        );
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
      return audited(
        viewer,
        (repos) => repos.invitations.revoke(invitation.id),
        () => invitationEvent(invitation, 'invitation.revoke'),
      );
    },
  };
}

export type InvitationService = ReturnType<typeof createInvitationService>;
