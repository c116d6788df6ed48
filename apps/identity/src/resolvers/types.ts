import { DateTimeScalar, JSONScalar } from '@controlplane/graphql-kit';
import type { IdentityContext } from '../context';
import type { ApiKeyRecord } from '../repositories/api-key-repository';
import type { StoredAuditEvent } from '../repositories/audit-repository';
import type { InvitationRecord } from '../repositories/invitation-repository';
import type { MembershipRecord, OrganizationRecord } from '../repositories/organization-repository';
import type { TeamMembershipRecord, TeamRecord } from '../repositories/team-repository';
import type { UserRecord } from '../repositories/user-repository';
import { invitationStatus } from '../services/invitation-service';
import { callerRole, findVisibleOrganization, findVisibleTeam, markProvenSelf, maySeeEmail } from '../policy';

type Ctx = IdentityContext;

const organizationOf = (record: { organizationId: string }, _: unknown, context: Ctx) =>
  context.loaders.organization.load(record.organizationId);
const userOf = (id: string | null, context: Ctx) => (id === null ? null : context.loaders.user.load(id));

export const typeResolvers = {
  DateTime: DateTimeScalar,
  JSON: JSONScalar,

  AuditEvent: {
    organization: organizationOf,
    actor: (event: StoredAuditEvent) => ({
      type: event.actorType,
      id: event.actorId,
      displayName: event.actorDisplayName,
    }),
  },

  AuthPayload: {
    /** The caller is still anonymous here but has just proven, with the password, to be this user. */
    user: (payload: { user: UserRecord }) => markProvenSelf(payload.user),
  },

  Viewer: {
    user: ({ userId }: { userId: string }, _: unknown, context: Ctx) => context.loaders.user.load(userId),
    organizations: ({ userId }: { userId: string }, _: unknown, context: Ctx) =>
      context.repositories.organizations.findMembershipsOfUser(userId),
    teams: ({ userId }: { userId: string }, _: unknown, context: Ctx) =>
      context.repositories.teams.findMembershipsOfUser(userId),
  },

  User: {
    /** A user's public profile (name) is visible to signed-in callers that reach it through a visible object. */
    __resolveReference: (reference: { id: string }, context: Ctx) => context.loaders.user.load(reference.id),
    email: async (user: UserRecord, _: unknown, context: Ctx) =>
      (await maySeeEmail(context, user)) ? user.email : null,
  },

  Organization: {
    /** Same visibility as Query.organization. */
    __resolveReference: (reference: { id: string }, context: Ctx) =>
      findVisibleOrganization(context, reference.id),
    viewerRole: (organization: OrganizationRecord, _: unknown, context: Ctx) =>
      callerRole(context.viewer, organization.id),
    members: (
      organization: OrganizationRecord,
      args: { first?: number | null; after?: string | null },
      context: Ctx,
    ) => context.services.organizations.listMembers(organization.id, args),
    teams: (organization: OrganizationRecord, _: unknown, context: Ctx) =>
      context.loaders.teamsOfOrganization.load(organization.id),
    invitations: (organization: OrganizationRecord, _: unknown, context: Ctx) =>
      context.repositories.invitations.findByOrganization(organization.id),
    apiKeys: (organization: OrganizationRecord, _: unknown, context: Ctx) =>
      context.repositories.apiKeys.findByOrganization(organization.id),
  },

  OrganizationMembership: {
    organization: organizationOf,
    user: (membership: MembershipRecord, _: unknown, context: Ctx) =>
      context.loaders.user.load(membership.userId),
  },

  Team: {
    /** Same visibility as Query.team: members of the team's organization. */
    __resolveReference: (reference: { id: string }, context: Ctx) => findVisibleTeam(context, reference.id),
    organization: organizationOf,
    members: (team: TeamRecord, _: unknown, context: Ctx) => context.loaders.membersOfTeam.load(team.id),
  },

  TeamMembership: {
    team: (membership: TeamMembershipRecord, _: unknown, context: Ctx) =>
      context.loaders.team.load(membership.teamId),
    user: (membership: TeamMembershipRecord, _: unknown, context: Ctx) =>
      context.loaders.user.load(membership.userId),
  },

  Invitation: {
    organization: organizationOf,
    status: (invitation: InvitationRecord) => invitationStatus(invitation),
    invitedBy: (invitation: InvitationRecord, _: unknown, context: Ctx) =>
      userOf(invitation.invitedById, context),
    teams: async (invitation: InvitationRecord, _: unknown, context: Ctx) => {
      const teams = await context.loaders.team.loadMany(invitation.teamIds);
      return teams.filter((team): team is TeamRecord => team !== null && !(team instanceof Error));
    },
  },

  ApiKey: {
    organization: organizationOf,
    createdBy: (apiKey: ApiKeyRecord, _: unknown, context: Ctx) => userOf(apiKey.createdById, context),
  },
};
