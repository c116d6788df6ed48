import { ANY_ORG_ROLE, ORG_ADMINS, allow, hasOrgRole, isAuthenticated, type IRules } from '@controlplane/auth';

const organizationMember = hasOrgRole({
  roles: ANY_ORG_ROLE,
  organizationOf: (organization: { id: string }) => organization.id,
  typeName: 'Organization',
});

/**
 * Every field of the workspace subgraph has a rule here; a test fails when one is missing.
 * `allow` on an object's field means the object was authorized where it was reached.
 */
export const permissions: IRules = {
  Query: {
    workspace: isAuthenticated, // the resolver answers NOT_FOUND unless the caller has a workspace role
    _entities: allow, // each __resolveReference applies the root query's visibility
    _service: allow,
  },
  Mutation: {
    createWorkspace: hasOrgRole({
      roles: ORG_ADMINS,
      organizationOf: (_parent, args: { input: { organizationId: string } }) => args.input.organizationId,
      typeName: 'Organization',
    }),
  },
  Organization: { id: allow, workspaces: organizationMember },
  Workspace: {
    id: allow,
    organization: allow,
    name: allow,
    description: allow,
    createdAt: allow,
    updatedAt: allow,
    viewerRole: allow,
  },
  _Service: { sdl: allow },
};
