import type { IdentityContext } from '../context';
import { callerRole, findVisibleOrganization, findVisibleTeam, markProvenSelf, maySeeEmail } from '../policy';
import type { OrganizationRecord } from '../repositories/organization-repository';
import type { TeamRecord } from '../repositories/team-repository';
import type { UserRecord } from '../repositories/user-repository';
import { invitationStatus } from '../services/invitation-service';
import type {
  ApiKeyResolvers,
  AuditEventResolvers,
  AuthPayloadResolvers,
  InvitationResolvers,
  OrganizationMembershipResolvers,
  OrganizationResolvers,
  TeamMembershipResolvers,
  TeamResolvers,
  UserResolvers,
  ViewerResolvers,
} from './schema-types.generated';

/**
 * A record a non-null field points to by foreign key. A missing one is a fault of the server, and
 * answers as a null in a non-null field would: an internal error.
 */
function existing<T>(record: T | null, what: string): T {
  if (record === null) throw new Error(`${what} is missing`);
  return record;
}

const organizationOf = async (
  record: { organizationId: string },
  _: unknown,
  context: IdentityContext,
): Promise<OrganizationRecord> =>
  existing(await context.loaders.organization.load(record.organizationId), 'organization');

const userOf = async (id: string, context: IdentityContext): Promise<UserRecord> =>
  existing(await context.loaders.user.load(id), 'user');

const optionalUserOf = (id: string | null, context: IdentityContext) =>
  id === null ? null : context.loaders.user.load(id);

const Viewer = {
  user: ({ userId }, _, context) => userOf(userId, context),
  organizations: ({ userId }, _, context) => context.repositories.organizations.findMembershipsOfUser(userId),
  teams: ({ userId }, _, context) => context.repositories.teams.findMembershipsOfUser(userId),
} satisfies ViewerResolvers;

const AuditEvent = {
  organization: organizationOf,
  actor: (event) => ({ type: event.actorType, id: event.actorId, displayName: event.actorDisplayName }),
} satisfies AuditEventResolvers;

const AuthPayload = {
  /** The caller is still anonymous here but has just proven, with the password, to be this user. */
  user: (payload) => markProvenSelf(payload.user),
} satisfies AuthPayloadResolvers;

const User = {
  /** A user's public profile (name) is visible to signed-in callers that reach it through a visible object. */
  __resolveReference: (reference, context) => context.loaders.user.load(reference.id),
  email: async (user, _, context) => ((await maySeeEmail(context, user)) ? user.email : null),
} satisfies UserResolvers;

const Organization = {
  /** Same visibility as Query.organization. */
  __resolveReference: (reference, context) => findVisibleOrganization(context, reference.id),
  viewerRole: (organization, _, context) => callerRole(context.viewer, organization.id),
  members: (organization, args, context) => context.services.organizations.listMembers(organization.id, args),
  teams: (organization, _, context) => context.loaders.teamsOfOrganization.load(organization.id),
  invitations: (organization, _, context) =>
    context.repositories.invitations.findByOrganization(organization.id),
  apiKeys: (organization, _, context) => context.repositories.apiKeys.findByOrganization(organization.id),
} satisfies OrganizationResolvers;

const OrganizationMembership = {
  organization: organizationOf,
  user: (membership, _, context) => userOf(membership.userId, context),
} satisfies OrganizationMembershipResolvers;

const Team = {
  /** Same visibility as Query.team: members of the team's organization. */
  __resolveReference: (reference, context) => findVisibleTeam(context, reference.id),
  organization: organizationOf,
  members: (team, _, context) => context.loaders.membersOfTeam.load(team.id),
} satisfies TeamResolvers;

const TeamMembership = {
  team: async (membership, _, context) =>
    existing(await context.loaders.team.load(membership.teamId), 'team'),
  user: (membership, _, context) => userOf(membership.userId, context),
} satisfies TeamMembershipResolvers;

const Invitation = {
  organization: organizationOf,
  status: (invitation) => invitationStatus(invitation),
  invitedBy: (invitation, _, context) => optionalUserOf(invitation.invitedById, context),
  teams: async (invitation, _, context) => {
    const teams = await context.loaders.team.loadMany(invitation.teamIds);
    return teams.filter((team): team is TeamRecord => team !== null && !(team instanceof Error));
  },
} satisfies InvitationResolvers;

const ApiKey = {
  organization: organizationOf,
  createdBy: (apiKey, _, context) => optionalUserOf(apiKey.createdById, context),
} satisfies ApiKeyResolvers;

export const typeResolvers = {
  Viewer,
  AuditEvent,
  AuthPayload,
  User,
  Organization,
  OrganizationMembership,
  Team,
  TeamMembership,
  Invitation,
  ApiKey,
};
