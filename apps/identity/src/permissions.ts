import { ANY_ORG_ROLE, allow, hasOrgRole, isAuthenticated, isSignedInUser, type IRules } from '@controlplane/auth';

/**
 * Every field of the identity subgraph has a rule here; a test fails when one is missing.
 * `allow` on an object's field means: the object itself was authorized where it was reached
 * (root query rule or `__resolveReference`), and this field shows nothing more than the object.
 */
export const permissions: IRules = {
  Query: {
    me: allow, // null for anonymous callers, by contract
    organization: isAuthenticated, // the resolver answers NOT_FOUND for non-members
    organizations: isAuthenticated,
    // Federation: only the gateway reaches these (signed requests); each __resolveReference
    // applies the same visibility as the matching root query.
    _entities: allow,
    _service: allow,
  },
  Mutation: {
    signUp: allow,
    logIn: allow,
    createOrganization: isSignedInUser,
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
    teams: hasOrgRole({ roles: ANY_ORG_ROLE, organizationOf: (organization: { id: string }) => organization.id, typeName: 'Organization' }),
  },
  OrganizationMembership: { organization: allow, user: allow, role: allow, joinedAt: allow },
  Team: { id: allow, organization: allow, name: allow, description: allow, members: allow, createdAt: allow },
  TeamMembership: { team: allow, user: allow, role: allow, joinedAt: allow },
  PageInfo: { hasNextPage: allow, endCursor: allow },
  _Service: { sdl: allow },
};
