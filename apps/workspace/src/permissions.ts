import {
  ANY_ORG_ROLE,
  ORG_ADMINS,
  allow,
  isAuthenticated,
  orgRoleByArgument,
  orgRoleByObject,
  type IRules,
} from '@controlplane/auth';
import { loadConnection, loadEnvironment } from './access';
import { workspaceRoleByArgument, workspaceRoleByDesign } from './rules';

/**
 * Every field of the workspace subgraph has a rule here; a test fails when one is missing.
 * `allow` on an object's field means the object was authorized where it was reached (root
 * query, a list that applies the same visibility, or `__resolveReference`).
 */
export const permissions: IRules = {
  Query: {
    workspace: workspaceRoleByArgument('VIEWER', 'id'),
    design: workspaceRoleByDesign('VIEWER', 'id'),
    environment: orgRoleByObject(ANY_ORG_ROLE, 'id', 'Environment', loadEnvironment),
    connection: orgRoleByObject(ANY_ORG_ROLE, 'id', 'Connection', loadConnection),
    _entities: allow, // each __resolveReference applies the root query's visibility
    _service: allow,
  },
  Mutation: {
    createWorkspace: orgRoleByArgument(ORG_ADMINS, 'organizationId'),
    updateWorkspace: workspaceRoleByArgument('ADMIN', 'id'),
    deleteWorkspace: workspaceRoleByArgument('ADMIN', 'id'),
    grantWorkspaceAccess: workspaceRoleByArgument('ADMIN', 'workspaceId'),
    revokeWorkspaceAccess: workspaceRoleByArgument('ADMIN', 'workspaceId'),
    attachEnvironment: workspaceRoleByArgument('ADMIN', 'workspaceId'),
    detachEnvironment: workspaceRoleByArgument('ADMIN', 'workspaceId'),
    createEnvironment: orgRoleByArgument(ORG_ADMINS, 'organizationId'),
    updateEnvironment: orgRoleByObject(ORG_ADMINS, 'id', 'Environment', loadEnvironment),
    deleteEnvironment: orgRoleByObject(ORG_ADMINS, 'id', 'Environment', loadEnvironment),
    createConnection: orgRoleByArgument(ORG_ADMINS, 'organizationId'),
    updateConnection: orgRoleByObject(ORG_ADMINS, 'id', 'Connection', loadConnection),
    deleteConnection: orgRoleByObject(ORG_ADMINS, 'id', 'Connection', loadConnection),
    attachConnection: orgRoleByObject(ORG_ADMINS, 'environmentId', 'Environment', loadEnvironment),
    detachConnection: orgRoleByObject(ORG_ADMINS, 'environmentId', 'Environment', loadEnvironment),
    createDesign: workspaceRoleByArgument('EDITOR', 'workspaceId'),
    updateDesign: workspaceRoleByDesign('EDITOR', 'id'),
    deleteDesign: workspaceRoleByDesign('EDITOR', 'id'),
  },
  // A non-member reaches an organization only as the public publisher of catalog items; for it
  // these lists are empty (the resolvers filter by membership and workspace role), not errors
  // that would void the whole publisher.
  Organization: { id: allow, workspaces: allow, environments: allow, connections: allow },
  Team: { id: allow, workspaceGrants: isAuthenticated }, // lists only grants on workspaces the caller sees
  User: { id: allow },
  Workspace: {
    id: allow,
    organization: allow,
    name: allow,
    description: allow,
    createdAt: allow,
    updatedAt: allow,
    viewerRole: allow,
    grants: allow,
    environments: allow,
    designs: allow,
  },
  WorkspaceGrant: { workspace: allow, team: allow, role: allow, grantedAt: allow },
  Environment: {
    id: allow,
    organization: allow,
    name: allow,
    description: allow,
    connections: allow,
    workspaces: allow,
    createdAt: allow,
  },
  Connection: {
    id: allow,
    organization: allow,
    name: allow,
    kind: allow,
    url: allow,
    status: allow,
    hasCredentials: allow,
    environments: allow,
    createdAt: allow,
  },
  Design: {
    id: allow,
    workspace: allow,
    name: allow,
    description: allow,
    content: allow,
    revision: allow,
    revisions: allow,
    createdBy: allow,
    updatedBy: allow,
    createdAt: allow,
    updatedAt: allow,
  },
  DesignRevision: { revision: allow, name: allow, content: allow, author: allow, createdAt: allow },
  DesignConnection: { nodes: allow, pageInfo: allow, totalCount: allow },
  PageInfo: { hasNextPage: allow, endCursor: allow },
  _Service: { sdl: allow },
};
