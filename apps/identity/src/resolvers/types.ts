import { DateTimeScalar } from '@controlplane/graphql-kit';
import type { IdentityContext } from '../context';
import type { OrganizationRecord } from '../repositories/organization-repository';
import type { TeamMembershipRecord, TeamRecord } from '../repositories/team-repository';
import type { UserRecord } from '../repositories/user-repository';

/**
 * signUp and logIn answer a caller that is still anonymous on this request but has just proven
 * to be this user (with the password), so the payload's user shows what the user may see.
 */
type SelfMarker = { provenSelf?: true };

type Membership = { organizationId: string; userId: string; role: string; joinedAt: Date };

export const typeResolvers = {
  DateTime: DateTimeScalar,

  AuthPayload: {
    user: (payload: { user: UserRecord }): UserRecord & SelfMarker => ({ ...payload.user, provenSelf: true }),
  },

  Viewer: {
    user: ({ userId }: { userId: string }, _: unknown, context: IdentityContext) => context.loaders.user.load(userId),
    organizations: ({ userId }: { userId: string }, _: unknown, context: IdentityContext) =>
      context.repositories.organizations.findMembershipsOfUser(userId),
    teams: ({ userId }: { userId: string }, _: unknown, context: IdentityContext) =>
      context.repositories.teams.findMembershipsOfUser(userId),
  },

  User: {
    __resolveReference: (reference: { id: string }, context: IdentityContext) => context.loaders.user.load(reference.id),
    /** Only the user sees its own email here; organization admins get it in issue 3's rules. */
    email: (user: UserRecord & SelfMarker, _: unknown, context: IdentityContext) =>
      user.provenSelf === true || context.viewer.userId === user.id ? user.email : null,
  },

  Organization: {
    /** Same visibility as Query.organization: members only. */
    __resolveReference: async (reference: { id: string }, context: IdentityContext) => {
      if (!context.viewer.isMemberOf(reference.id)) return null;
      return context.loaders.organization.load(reference.id);
    },
    viewerRole: (organization: OrganizationRecord, _: unknown, context: IdentityContext) =>
      context.viewer.roleIn(organization.id) ?? null,
    teams: (organization: OrganizationRecord, _: unknown, context: IdentityContext) =>
      context.loaders.teamsOfOrganization.load(organization.id),
  },

  OrganizationMembership: {
    organization: (membership: Membership, _: unknown, context: IdentityContext) =>
      context.loaders.organization.load(membership.organizationId),
    user: (membership: Membership, _: unknown, context: IdentityContext) => context.loaders.user.load(membership.userId),
  },

  Team: {
    __resolveReference: async (reference: { id: string }, context: IdentityContext) => {
      const team = await context.loaders.team.load(reference.id);
      return team !== null && context.viewer.isMemberOf(team.organizationId) ? team : null;
    },
    organization: (team: TeamRecord, _: unknown, context: IdentityContext) => context.loaders.organization.load(team.organizationId),
    members: (team: TeamRecord, _: unknown, context: IdentityContext) => context.loaders.membersOfTeam.load(team.id),
  },

  TeamMembership: {
    team: (membership: TeamMembershipRecord, _: unknown, context: IdentityContext) => context.loaders.team.load(membership.teamId),
    user: (membership: TeamMembershipRecord, _: unknown, context: IdentityContext) => context.loaders.user.load(membership.userId),
  },
};
