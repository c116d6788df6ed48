import {
  allow,
  and,
  isAuthenticated,
  isSignedInUser,
  rule,
  type IRule,
  type IRules,
} from '@controlplane/auth';
import { ContractError } from '@controlplane/errors';
import type { IdentityContext } from './context';
import * as policy from './policy';
import type { OrganizationRecord } from './repositories/organization-repository';
import type {
  MutationAddTeamMemberArgs,
  MutationCreateApiKeyArgs,
  MutationCreateTeamArgs,
  MutationCreateWebhookArgs,
  MutationDeleteOrganizationArgs,
  MutationDeleteTeamArgs,
  MutationDeleteWebhookArgs,
  MutationInviteMemberArgs,
  MutationLeaveOrganizationArgs,
  MutationRemoveMemberArgs,
  MutationRemoveTeamMemberArgs,
  MutationRevokeApiKeyArgs,
  MutationRevokeInvitationArgs,
  MutationSetMemberRoleArgs,
  MutationUpdateOrganizationArgs,
  MutationUpdateTeamArgs,
  QueryAuditLogArgs,
  QueryOrganizationArgs,
  QueryTeamArgs,
  QueryWebhooksArgs,
} from './resolvers/schema-types.generated';
import type { WebhookRecord } from './webhooks/webhook-repository';

/**
 * A shield rule from a policy check: the field runs when the check returns, and is refused with
 * the contract error the check throws. Other errors are shield's to handle (it denies).
 */
function check<Args, Parent = unknown>(
  decide: (args: Args, context: IdentityContext, parent: Parent) => unknown,
): IRule {
  return rule({ cache: 'no_cache' })(async (parent: Parent, args: Args, context: IdentityContext) => {
    try {
      await decide(args, context, parent);
      return true;
    } catch (error) {
      if (error instanceof ContractError) return error;
      throw error;
    }
  });
}

/** A field of an organization, for callers with `right` in it. */
const organizationField = (right: policy.OrganizationRight) =>
  check<unknown, OrganizationRecord>((_args, { viewer }, organization) =>
    policy.requireOrganizationRight(viewer, organization.id, right),
  );

/** The caller's own session (logOut, logOutEverywhere, changePassword): nobody acts on another's. */
const ownSession = check((_args, { viewer }) => policy.requireOwnSession(viewer));

/**
 * Every field of the identity subgraph has a rule here; a test fails when one is missing. What
 * each rule decides is in policy.ts. `allow` on an object's field means: the object itself was
 * authorized where it was reached (root query rule, the list it came from, or
 * `__resolveReference`), and the field shows nothing more than the object.
 */
export const permissions: IRules = {
  Query: {
    me: allow, // null for anonymous callers, by contract
    organization: check((args: QueryOrganizationArgs, context) =>
      policy.requireVisibleOrganization(context, args),
    ),
    organizations: isAuthenticated,
    team: check((args: QueryTeamArgs, context) => policy.requireVisibleTeam(context, args.id)),
    auditLog: check((args: QueryAuditLogArgs, { viewer }) =>
      policy.requireMayReadAuditLog(viewer, args.organizationIds),
    ),
    webhooks: check((args: QueryWebhooksArgs, { viewer }) =>
      policy.requireOrganizationRight(viewer, args.organizationId, 'manageWebhooks'),
    ),
    // Federation: only the gateway reaches these (signed requests); each __resolveReference
    // applies the same visibility as the matching root query.
    _entities: allow,
    _service: allow,
  },
  Mutation: {
    signUp: allow,
    logIn: allow,
    logOut: and(isSignedInUser, ownSession),
    logOutEverywhere: and(isSignedInUser, ownSession),
    changePassword: and(isSignedInUser, ownSession),
    createOrganization: isSignedInUser,
    updateOrganization: check((args: MutationUpdateOrganizationArgs, { viewer }) =>
      policy.requireOrganizationRight(viewer, args.id, 'update'),
    ),
    deleteOrganization: check((args: MutationDeleteOrganizationArgs, { viewer }) =>
      policy.requireOrganizationRight(viewer, args.id, 'delete'),
    ),
    setMemberRole: check((args: MutationSetMemberRoleArgs, { viewer }) =>
      policy.requireOrganizationRight(viewer, args.organizationId, 'manageMembers'),
    ),
    removeMember: check((args: MutationRemoveMemberArgs, { viewer }) =>
      policy.requireOrganizationRight(viewer, args.organizationId, 'manageMembers'),
    ),
    leaveOrganization: and(
      isSignedInUser,
      check((args: MutationLeaveOrganizationArgs, { viewer }) =>
        policy.requireOrganizationRight(viewer, args.organizationId, 'read'),
      ),
    ),
    inviteMember: check((args: MutationInviteMemberArgs, { viewer }) =>
      policy.requireMayInvite(viewer, args.input),
    ),
    acceptInvitation: isSignedInUser,
    revokeInvitation: check((args: MutationRevokeInvitationArgs, context) =>
      policy.requireMayRevokeInvitation(context, args.id),
    ),
    createTeam: check((args: MutationCreateTeamArgs, { viewer }) =>
      policy.requireOrganizationRight(viewer, args.input.organizationId, 'manageTeams'),
    ),
    updateTeam: check((args: MutationUpdateTeamArgs, context) =>
      policy.requireMayManageTeam(context, args.id),
    ),
    deleteTeam: check((args: MutationDeleteTeamArgs, context) =>
      policy.requireMayDeleteTeam(context, args.id),
    ),
    addTeamMember: check((args: MutationAddTeamMemberArgs, context) =>
      policy.requireMayManageTeam(context, args.teamId),
    ),
    removeTeamMember: check((args: MutationRemoveTeamMemberArgs, context) =>
      policy.requireMayRemoveTeamMember(context, args),
    ),
    createApiKey: and(
      isSignedInUser,
      check((args: MutationCreateApiKeyArgs, { viewer }) =>
        policy.requireMayCreateApiKey(viewer, args.input),
      ),
    ),
    revokeApiKey: check((args: MutationRevokeApiKeyArgs, context) =>
      policy.requireMayRevokeApiKey(context, args.id),
    ),
    createWebhook: check((args: MutationCreateWebhookArgs, { viewer }) =>
      policy.requireOrganizationRight(viewer, args.input.organizationId, 'manageWebhooks'),
    ),
    deleteWebhook: check((args: MutationDeleteWebhookArgs, context) =>
      policy.requireMayManageWebhook(context, args.id),
    ),
  },
  AuthPayload: { token: allow, user: allow },
  Viewer: { user: allow, organizations: allow, teams: allow },
  User: {
    id: allow,
    displayName: allow,
    email: allow, // null unless policy.maySeeEmail
    createdAt: allow,
  },
  Organization: {
    id: allow,
    slug: allow,
    name: allow,
    description: allow,
    createdAt: allow,
    viewerRole: allow, // the caller's own role (policy.callerRole)
    members: organizationField('read'),
    teams: organizationField('read'),
    invitations: organizationField('invite'),
    apiKeys: organizationField('manageApiKeys'),
  },
  OrganizationMembership: { organization: allow, user: allow, role: allow, joinedAt: allow },
  OrganizationMemberConnection: { nodes: allow, pageInfo: allow, totalCount: allow },
  Team: { id: allow, organization: allow, name: allow, description: allow, members: allow, createdAt: allow },
  TeamMembership: { team: allow, user: allow, role: allow, joinedAt: allow },
  Invitation: {
    id: allow,
    organization: allow,
    email: allow,
    role: allow,
    teams: allow,
    status: allow,
    invitedBy: allow,
    expiresAt: allow,
    createdAt: allow,
  },
  InvitationResult: { invitation: allow, token: allow },
  ApiKey: {
    id: allow,
    organization: allow,
    name: allow,
    role: allow,
    prefix: allow,
    createdBy: allow,
    createdAt: allow,
    expiresAt: allow,
    lastUsedAt: allow,
    revokedAt: allow,
  },
  ApiKeyResult: { apiKey: allow, secret: allow },
  Webhook: {
    id: allow,
    organization: allow,
    url: allow,
    events: allow,
    active: allow,
    createdAt: allow,
    // Reached only through webhooks or createWebhook (OWNER, ADMIN); asked again, as it shows more.
    deliveries: check<unknown, WebhookRecord>((_args, { viewer }, webhook) =>
      policy.requireOrganizationRight(viewer, webhook.organizationId, 'manageWebhooks'),
    ),
  },
  WebhookDelivery: {
    id: allow,
    event: allow,
    responseStatus: allow,
    attempts: allow,
    succeeded: allow,
    lastAttemptAt: allow,
  },
  WebhookResult: { webhook: allow, secret: allow }, // the secret: once, in createWebhook's answer
  AuditEvent: {
    id: allow,
    organization: allow,
    actor: allow,
    action: allow,
    targetType: allow,
    targetId: allow,
    metadata: allow,
    requestId: allow,
    occurredAt: allow,
  },
  AuditActor: { type: allow, id: allow, displayName: allow },
  AuditEventConnection: { nodes: allow, pageInfo: allow, totalCount: allow },
  PageInfo: { hasNextPage: allow, endCursor: allow },
  _Service: { sdl: allow },
};
