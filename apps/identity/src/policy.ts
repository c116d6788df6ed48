import { effectiveApiKeyRole, isRoleAbove, type OrgRole, type Viewer } from '@controlplane/auth';
import { badUserInput, forbidden, notFound, unauthenticated } from '@controlplane/errors';
import { isWellFormedId, SLUG_PATTERN } from '@controlplane/graphql-kit';
import type { IdentityLoaders } from './context';
import { hashSecret } from './credentials/secrets';
import type { IdentityRepositories } from './repositories';
import type { ApiKeyRecord } from './repositories/api-key-repository';
import type { InvitationRecord } from './repositories/invitation-repository';
import type { MembershipRecord, OrganizationProfileRecord } from './repositories/organization-repository';
import type { TeamMembershipRecord, TeamRecord } from './repositories/team-repository';
import type { UserRecord } from './repositories/user-repository';
import type { WebhookRecord } from './webhooks/webhook-repository';
import { auditedOrganizationIds } from './validation';

/*
 * Who may see or change what in the identity subgraph. This module is the only place that decides;
 * the rest asks it:
 * - permissions.ts turns the `require…` checks into the shield rule of every field;
 * - resolvers call the same checks to get the subject they were authorized for: the request's
 *   DataLoaders serve it from their cache, so each subject is loaded once per request;
 * - services call it for decisions about rows they read inside their transaction (the membership
 *   being changed, read under the organization's lock; the invitation being accepted).
 * Refusals follow the contract: UNAUTHENTICATED without credentials; NOT_FOUND for anything of an
 * organization the caller is not in, exactly as for an id that does not exist; FORBIDDEN for what
 * the caller can see but may not change. Whether a caller is signed in at all (organizations,
 * createOrganization, acceptInvitation, createApiKey, leaveOrganization) is the shared
 * isAuthenticated / isSignedInUser rules of @controlplane/auth, named in permissions.ts.
 */

/** What the policy needs of a request: the caller, and the request's DataLoaders. */
export type PolicyContext = { viewer: Viewer; loaders: IdentityLoaders };

type Repositories = Pick<
  IdentityRepositories,
  'organizations' | 'apiKeys' | 'users' | 'invitations' | 'teams'
>;

/** Who may do what in an organization, by the caller's role there. AUDITOR reads but never changes. */
export const WHO_MAY = {
  /** see its members and teams; leave it */
  read: ['OWNER', 'ADMIN', 'MEMBER', 'AUDITOR'],
  update: ['OWNER', 'ADMIN'],
  delete: ['OWNER'],
  /** set roles and remove members (only an OWNER touches OWNER: requireMayChangeMembership) */
  manageMembers: ['OWNER', 'ADMIN'],
  /** invite, see and revoke invitations (only an OWNER invites an OWNER: requireMayInvite) */
  invite: ['OWNER', 'ADMIN'],
  /** create and delete teams, and change any team (a MAINTAINER changes its own: requireMayManageTeam) */
  manageTeams: ['OWNER', 'ADMIN'],
  /** create, see and revoke API keys (never above one's own role: requireMayCreateApiKey) */
  manageApiKeys: ['OWNER', 'ADMIN'],
  readAuditLog: ['OWNER', 'ADMIN', 'AUDITOR'],
  /**
   * register, list and delete webhooks, read their deliveries. Not AUDITOR: a webhook's URL and
   * delivery history are configuration of OWNERs and ADMINs (auditLog already shows AUDITORs every event).
   */
  manageWebhooks: ['OWNER', 'ADMIN'],
  /** see the email of any member (everyone sees their own) */
  seeMemberEmails: ['OWNER', 'ADMIN'],
} as const satisfies Record<string, readonly OrgRole[]>;

export type OrganizationRight = keyof typeof WHO_MAY;

function requireAuthenticated(viewer: Viewer): void {
  if (!viewer.isAuthenticated) throw unauthenticated();
}

/** The signed-in user's id. API keys and anonymous callers have none (their shield rules stop them first). */
export function requireUserId(viewer: Viewer): string {
  if (viewer.userId === undefined) throw unauthenticated();
  return viewer.userId;
}

/** The caller's role in an organization when it gives `right`; `typeName` names the subject in NOT_FOUND. */
function requireRight(
  viewer: Viewer,
  organizationId: string,
  right: OrganizationRight,
  typeName: string,
): OrgRole {
  requireAuthenticated(viewer);
  const role = viewer.roleIn(organizationId);
  if (role === undefined) throw notFound(typeName);
  if (!(WHO_MAY[right] as readonly OrgRole[]).includes(role)) throw forbidden();
  return role;
}

/** A loaded subject (null: it does not exist) when the caller has `right` in the organization owning it. */
function requireRightOver<Subject extends { organizationId: string }>(
  viewer: Viewer,
  subject: Subject | null,
  right: OrganizationRight,
  typeName: string,
): Subject {
  if (subject === null) throw notFound(typeName);
  requireRight(viewer, subject.organizationId, right, typeName);
  return subject;
}

/** The caller has `right` in the organization it names by id (its role there is the answer). */
export function requireOrganizationRight(
  viewer: Viewer,
  organizationId: string,
  right: OrganizationRight,
): OrgRole {
  return requireRight(viewer, organizationId, right, 'Organization');
}

/** The caller's role in an organization; null for one it only sees as a public catalog publisher. */
export function callerRole(viewer: Viewer, organizationId: string): OrgRole | null {
  return viewer.roleIn(organizationId) ?? null;
}

/** Loads by id; an id that cannot exist is not looked up (it cannot reach the database as odd bytes). */
function load<T>(loader: { load(id: string): Promise<T | null> }, id: unknown): Promise<T | null> {
  return isWellFormedId(id) ? loader.load(id) : Promise.resolve(null);
}

// Organizations ---------------------------------------------------------------------------------

/**
 * Who sees an organization: its members while it lives, and everyone (anonymous included) once it
 * publishes PUBLIC catalog items, as their publisher. Non-members see only its public profile: the
 * member-only fields have rules of their own. A deleted publisher keeps that profile until the
 * catalog has withdrawn its items, so that no listing of another tenant ever names a publisher that
 * cannot be shown (which would void the whole listing).
 */
export function canSeeOrganization(viewer: Viewer, organization: OrganizationProfileRecord): boolean {
  return (
    (organization.deletedAt === null && viewer.isMemberOf(organization.id)) || organization.publicCatalog
  );
}

/** An organization by id if the caller may see it, else null (federation references). */
export async function findVisibleOrganization(
  context: PolicyContext,
  id: string,
): Promise<OrganizationProfileRecord | null> {
  const organization = await load(context.loaders.organizationProfile, id);
  return organization !== null && canSeeOrganization(context.viewer, organization) ? organization : null;
}

/** Query.organization: named by exactly one of id and slug, and visible to the caller. */
export async function requireVisibleOrganization(
  context: PolicyContext,
  args: { id?: string | null; slug?: string | null },
): Promise<OrganizationProfileRecord> {
  const hasId = args.id !== undefined && args.id !== null;
  const hasSlug = args.slug !== undefined && args.slug !== null;
  if (hasId === hasSlug) throw badUserInput('id', 'give exactly one of id and slug');
  const organization =
    args.slug !== undefined && args.slug !== null
      ? SLUG_PATTERN.test(args.slug)
        ? await context.loaders.organizationProfileBySlug.load(args.slug)
        : null
      : await load(context.loaders.organizationProfile, args.id);
  if (organization === null || !canSeeOrganization(context.viewer, organization))
    throw notFound('Organization');
  return organization;
}

/**
 * A change to a member's role (null: removal or leaving), judged on the membership read under the
 * organization's lock: only an OWNER grants, changes or removes OWNER, and nobody raises their own
 * role. That at least one OWNER remains is the service's rule of the domain.
 */
export function requireMayChangeMembership(
  viewer: Viewer,
  change: { target: MembershipRecord; newRole: OrgRole | null },
): void {
  const { target, newRole } = change;
  const touchesOwner = target.role === 'OWNER' || newRole === 'OWNER';
  if (touchesOwner && viewer.roleIn(target.organizationId) !== 'OWNER')
    throw forbidden('Only an OWNER can grant, change or remove the OWNER role.');
  if (viewer.userId === target.userId && newRole !== null && isRoleAbove(newRole, target.role))
    throw forbidden('You cannot raise your own role.');
}

/**
 * A user as a member of one organization, read in the caller's transaction. Users of other
 * organizations are unknown here, exactly like ids that do not exist.
 */
export async function requireOrganizationMember(
  repositories: Pick<IdentityRepositories, 'organizations'>,
  organizationId: string,
  userId: string,
): Promise<MembershipRecord> {
  const membership = isWellFormedId(userId)
    ? await repositories.organizations.findMembership(organizationId, userId)
    : null;
  if (membership === null) throw notFound('User');
  return membership;
}

// Teams -----------------------------------------------------------------------------------------

/** Who sees a team: the members of its organization. Null otherwise (federation references). */
export async function findVisibleTeam(context: PolicyContext, id: string): Promise<TeamRecord | null> {
  const team = await load(context.loaders.team, id);
  return team !== null && context.viewer.isMemberOf(team.organizationId) ? team : null;
}

/** Query.team, and the team every team mutation names. */
export async function requireVisibleTeam(context: PolicyContext, id: string): Promise<TeamRecord> {
  requireAuthenticated(context.viewer);
  const team = await findVisibleTeam(context, id);
  if (team === null) throw notFound('Team');
  return team;
}

/** Org OWNER/ADMIN, or a MAINTAINER of the team unless its organization role is read-only (AUDITOR). */
function mayManageTeam(viewer: Viewer, team: TeamRecord): boolean {
  if (viewer.hasRoleIn(team.organizationId, WHO_MAY.manageTeams)) return true;
  return viewer.teamRole(team.id) === 'MAINTAINER' && viewer.canChangeIn(team.organizationId);
}

/** updateTeam, addTeamMember. */
export async function requireMayManageTeam(context: PolicyContext, teamId: string): Promise<TeamRecord> {
  const team = await requireVisibleTeam(context, teamId);
  if (!mayManageTeam(context.viewer, team)) throw forbidden();
  return team;
}

/** deleteTeam: OWNER or ADMIN of the team's organization. */
export async function requireMayDeleteTeam(context: PolicyContext, teamId: string): Promise<TeamRecord> {
  requireAuthenticated(context.viewer);
  return requireRightOver(context.viewer, await load(context.loaders.team, teamId), 'manageTeams', 'Team');
}

/** removeTeamMember: whoever manages the team, and any member of the team leaving it. */
export async function requireMayRemoveTeamMember(
  context: PolicyContext,
  args: { teamId: string; userId: string },
): Promise<TeamRecord> {
  const { viewer } = context;
  const team = await requireVisibleTeam(context, args.teamId);
  const leavesItself = args.userId === viewer.userId && viewer.teamRole(team.id) !== undefined;
  if (!mayManageTeam(viewer, team) && !leavesItself) throw forbidden();
  return team;
}

/** A user's membership of a team, read in the caller's transaction. */
export async function requireTeamMembership(
  repositories: Pick<IdentityRepositories, 'teams'>,
  team: TeamRecord,
  userId: string,
): Promise<TeamMembershipRecord> {
  const membership = isWellFormedId(userId) ? await repositories.teams.findMembership(team.id, userId) : null;
  if (membership === null) throw notFound('TeamMembership');
  return membership;
}

// Invitations -----------------------------------------------------------------------------------

/** inviteMember: OWNER or ADMIN, and only an OWNER invites an OWNER. */
export function requireMayInvite(viewer: Viewer, input: { organizationId: string; role: OrgRole }): void {
  const role = requireOrganizationRight(viewer, input.organizationId, 'invite');
  if (input.role === 'OWNER' && role !== 'OWNER') throw forbidden('Only an OWNER can invite an OWNER.');
}

/** revokeInvitation: OWNER or ADMIN of the invitation's organization. */
export async function requireMayRevokeInvitation(
  context: PolicyContext,
  id: string,
): Promise<InvitationRecord> {
  requireAuthenticated(context.viewer);
  return requireRightOver(context.viewer, await load(context.loaders.invitation, id), 'invite', 'Invitation');
}

/** The invitation a token names; a token is the only way to reach one, so an unknown token is NOT_FOUND. */
export async function requireInvitationByToken(
  repositories: Pick<IdentityRepositories, 'invitations'>,
  token: string,
): Promise<InvitationRecord> {
  const invitation = await repositories.invitations.findByTokenHash(hashSecret(token));
  if (invitation === null) throw notFound('Invitation');
  return invitation;
}

/**
 * acceptInvitation, for a pending invitation: only its addressee, into an organization that still
 * exists, and only while whoever sent it could still grant it today (invitations grant nothing
 * their inviter has lost the power to grant).
 */
export async function requireMayAccept(
  repositories: Repositories,
  userId: string,
  invitation: InvitationRecord,
): Promise<void> {
  const [user] = await repositories.users.findManyByIds([userId]);
  if (user === undefined || user.email !== invitation.email)
    throw forbidden('This invitation is addressed to another email address.');
  if ((await repositories.organizations.findLiveByIds([invitation.organizationId])).length === 0)
    throw notFound('Invitation');
  if (!(await inviterMayStillGrant(repositories, invitation)))
    throw forbidden(
      'Whoever invited you can no longer grant this role; ask an OWNER or ADMIN for a new invitation.',
    );
}

/**
 * Whether the inviter could send this invitation today: a user still OWNER or ADMIN (OWNER for an
 * OWNER invitation), or an API key that still acts as ADMIN. Teams need nothing more: an OWNER or
 * ADMIN may put anyone in any team of the organization.
 */
async function inviterMayStillGrant(
  repositories: Repositories,
  invitation: InvitationRecord,
): Promise<boolean> {
  const granting: readonly OrgRole[] = invitation.role === 'OWNER' ? ['OWNER'] : WHO_MAY.invite;
  if (invitation.invitedById !== null) {
    const inviter = await repositories.organizations.findMembership(
      invitation.organizationId,
      invitation.invitedById,
    );
    return inviter !== null && granting.includes(inviter.role);
  }
  if (invitation.invitedByApiKeyId !== null) {
    const [key] = await repositories.apiKeys.findByIds([invitation.invitedByApiKeyId]);
    const role = key === undefined ? undefined : await apiKeyActingRole(repositories, key);
    return role !== undefined && granting.includes(role);
  }
  return false;
}

// API keys --------------------------------------------------------------------------------------

/**
 * The role a key acts with now, or undefined when it may not act (revoked, expired, or its creator
 * left the organization): the intersection of its own role's rights and its creator's current
 * rights (effectiveApiKeyRole), so demoting the creator also demotes the keys they made.
 */
export async function apiKeyActingRole(
  repositories: Pick<IdentityRepositories, 'organizations'>,
  key: ApiKeyRecord,
  now = new Date(),
): Promise<OrgRole | undefined> {
  if (key.revokedAt !== null || (key.expiresAt !== null && key.expiresAt <= now) || key.createdById === null)
    return undefined;
  const creator = await repositories.organizations.findMembership(key.organizationId, key.createdById);
  return creator === null ? undefined : effectiveApiKeyRole(key.role, creator.role);
}

/**
 * createApiKey: OWNER or ADMIN, for a key never above their own role. No key is OWNER, whoever
 * asks: that is invalid input, which the service refuses as such.
 */
export function requireMayCreateApiKey(
  viewer: Viewer,
  input: { organizationId: string; role: OrgRole },
): void {
  const role = requireOrganizationRight(viewer, input.organizationId, 'manageApiKeys');
  if (input.role !== 'OWNER' && isRoleAbove(input.role, role))
    throw forbidden('An API key cannot have a role above your own.');
}

/** revokeApiKey: OWNER or ADMIN of the key's organization. */
export async function requireMayRevokeApiKey(context: PolicyContext, id: string): Promise<ApiKeyRecord> {
  requireAuthenticated(context.viewer);
  return requireRightOver(context.viewer, await load(context.loaders.apiKey, id), 'manageApiKeys', 'ApiKey');
}

// Webhooks --------------------------------------------------------------------------------------

/** deleteWebhook: OWNER or ADMIN of the webhook's organization; any other caller cannot tell it exists. */
export async function requireMayManageWebhook(context: PolicyContext, id: string): Promise<WebhookRecord> {
  requireAuthenticated(context.viewer);
  return requireRightOver(
    context.viewer,
    await load(context.loaders.webhook, id),
    'manageWebhooks',
    'Webhook',
  );
}

// Sessions --------------------------------------------------------------------------------------

/** The session a signed-in user's request came with: only that user ends it or changes its password. */
export type OwnSession = { userId: string; sessionId: string };

/**
 * logOut, logOutEverywhere, changePassword: a signed-in user, acting on its own sessions only (no
 * argument names anyone else). API keys have no session; the shared isSignedInUser rule refuses
 * them first, as FORBIDDEN.
 */
export function requireOwnSession(viewer: Viewer): OwnSession {
  const userId = requireUserId(viewer);
  if (viewer.sessionId === undefined) throw unauthenticated();
  return { userId, sessionId: viewer.sessionId };
}

// Users and the audit log -----------------------------------------------------------------------

/**
 * Users whose owner has just proven, with the password, to be them (signUp, logIn): the caller is
 * still anonymous on that request. The record object is marked, not the id, so only the payload's
 * own user shows more; records live for one request.
 */
const provenSelf = new WeakSet<UserRecord>();

export function markProvenSelf(user: UserRecord): UserRecord {
  provenSelf.add(user);
  return user;
}

/** The user itself, and OWNER/ADMIN of an organization both belong to, may see an email. */
export async function maySeeEmail(context: PolicyContext, user: UserRecord): Promise<boolean> {
  const { viewer } = context;
  if (provenSelf.has(user) || viewer.userId === user.id) return true;
  const adminOf = viewer.organizationIds.filter((id) => viewer.hasRoleIn(id, WHO_MAY.seeMemberEmails));
  if (adminOf.length === 0) return false;
  const memberships = await context.loaders.membershipsOfUser.load(user.id);
  return memberships.some((membership) => adminOf.includes(membership.organizationId));
}

/**
 * auditLog: OWNER, ADMIN or AUDITOR in every listed organization, with one answer for every
 * refusal, so a request cannot tell which listed organizations exist.
 */
export function requireMayReadAuditLog(viewer: Viewer, organizationIds: readonly string[]): void {
  requireAuthenticated(viewer);
  const ids = auditedOrganizationIds(organizationIds);
  if (!ids.every((id) => viewer.hasRoleIn(id, WHO_MAY.readAuditLog)))
    throw forbidden(
      'The audit log is readable only for organizations where you are OWNER, ADMIN or AUDITOR.',
    );
}
