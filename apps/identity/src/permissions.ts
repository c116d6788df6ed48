import {
  ANY_ORG_ROLE,
  ORG_ADMINS,
  allow,
  and,
  hasOrgRole,
  isAuthenticated,
  isSignedInUser,
  orgRoleByArgument,
  orgRoleByObject,
  type IRules,
} from '@controlplane/auth';
import { canManageTeam, canReadAuditLog, loadApiKey, loadInvitation, loadTeam } from './rules';

const ownOrganization = (roles: typeof ANY_ORG_ROLE) =>
  hasOrgRole({
    roles,
    typeName: 'Organization',
    organizationOf: (organization: { id: string }) => organization.id,
  });

/**
 * Every field of the identity subgraph has a rule here; a test fails when one is missing.
 * `allow` on an object's field means: the object itself was authorized where it was reached
 * (root query rule, the list it came from, or `__resolveReference`), and the field shows
 * nothing more than the object.
 */
export const permissions: IRules = {
  Query: {
    me: allow, // null for anonymous callers, by contract
    organization: allow, // visibility (members; everyone for a public catalog publisher) is canSeeOrganization in the resolver
    organizations: isAuthenticated,
    team: orgRoleByObject(ANY_ORG_ROLE, 'id', 'Team', loadTeam),
    auditLog: canReadAuditLog,
    // Federation: only the gateway reaches these (signed requests); each __resolveReference
    // applies the same visibility as the matching root query.
    _entities: allow,
    _service: allow,
  },
  Mutation: {
    signUp: allow,
    logIn: allow,
    createOrganization: isSignedInUser,
    updateOrganization: orgRoleByArgument(ORG_ADMINS, 'id'),
    deleteOrganization: orgRoleByArgument(['OWNER'], 'id'),
    setMemberRole: orgRoleByArgument(ORG_ADMINS, 'organizationId'),
    removeMember: orgRoleByArgument(ORG_ADMINS, 'organizationId'),
    leaveOrganization: and(isSignedInUser, orgRoleByArgument(ANY_ORG_ROLE, 'organizationId')),
    inviteMember: orgRoleByArgument(ORG_ADMINS, 'organizationId'),
    acceptInvitation: isSignedInUser,
    revokeInvitation: orgRoleByObject(ORG_ADMINS, 'id', 'Invitation', loadInvitation),
    createTeam: orgRoleByArgument(ORG_ADMINS, 'organizationId'),
    updateTeam: canManageTeam('id'),
    deleteTeam: orgRoleByObject(ORG_ADMINS, 'id', 'Team', loadTeam),
    addTeamMember: canManageTeam('teamId'),
    removeTeamMember: canManageTeam('teamId', { allowSelf: true }),
    createApiKey: and(isSignedInUser, orgRoleByArgument(ORG_ADMINS, 'organizationId')),
    revokeApiKey: orgRoleByObject(ORG_ADMINS, 'id', 'ApiKey', loadApiKey),
  },
  AuthPayload: { token: allow, user: allow },
  Viewer: { user: allow, organizations: allow, teams: allow },
  User: {
    id: allow,
    displayName: allow,
    email: allow, // the resolver returns null unless the caller may see it
    createdAt: allow,
  },
  Organization: {
    id: allow,
    slug: allow,
    name: allow,
    description: allow,
    createdAt: allow,
    viewerRole: allow,
    members: ownOrganization(ANY_ORG_ROLE),
    teams: ownOrganization(ANY_ORG_ROLE),
    invitations: ownOrganization(ORG_ADMINS),
    apiKeys: ownOrganization(ORG_ADMINS),
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
