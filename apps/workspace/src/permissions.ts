import { allow, rule, type IRule, type IRules } from '@controlplane/auth';
import { ContractError } from '@controlplane/errors';
import type { WorkspaceContext } from './context';
import {
  requireConnection,
  requireDesign,
  requireEnvironment,
  requireOrganization,
  requireSignedIn,
  requireWorkspace,
  type OrganizationAction,
  type WorkspaceAction,
} from './policy';
import {
  requireComplianceReaders,
  requirePolicies,
  requirePolicy,
  requirePolicyCopy,
} from './policy/compliance';
import { requireDeployment, requireVisibleDeployment } from './policy/deployments';

/**
 * A shield rule that asks the policy: it passes when `check` returns, and answers with the
 * contract error (UNAUTHENTICATED, NOT_FOUND, FORBIDDEN) that `check` throws.
 */
function ask<Args>(check: (args: Args, context: WorkspaceContext) => unknown): IRule {
  return rule({ cache: 'no_cache' })(async (_parent, args: Args, context: WorkspaceContext) => {
    try {
      await check(args, context);
      return true;
    } catch (error) {
      if (error instanceof ContractError) return error;
      throw error;
    }
  });
}

const signedIn = ask((_args, context) => requireSignedIn(context));

const workspaceById = (action: WorkspaceAction) =>
  ask((args: { id: string }, context) => requireWorkspace(args.id, action, context));
const workspaceByArgument = (action: WorkspaceAction) =>
  ask((args: { workspaceId: string }, context) => requireWorkspace(args.workspaceId, action, context));
const designById = (action: WorkspaceAction) =>
  ask((args: { id: string }, context) => requireDesign(args.id, action, context));
const environmentById = (action: OrganizationAction) =>
  ask((args: { id: string }, context) => requireEnvironment(args.id, action, context));
const environmentByArgument = (action: OrganizationAction) =>
  ask((args: { environmentId: string }, context) => requireEnvironment(args.environmentId, action, context));
const connectionById = (action: OrganizationAction) =>
  ask((args: { id: string }, context) => requireConnection(args.id, action, context));
/** Creating something in the organization named by `input.organizationId`. */
const createInOrganization = ask((args: { input: { organizationId: string } }, context) =>
  requireOrganization(args.input.organizationId, 'change', context),
);

/**
 * Every field of the workspace subgraph has a rule here, and every rule asks `policy.ts`; a test
 * fails when one is missing. `allow` on an object's field means the object was authorized where
 * it was reached (root query, a list that applies the same visibility, or `__resolveReference`).
 */
export const permissions: IRules = {
  Query: {
    workspace: workspaceById('see'),
    design: designById('see'),
    environment: environmentById('see'),
    connection: connectionById('see'),
    deployment: ask((args: { id: string }, context) => requireVisibleDeployment(args.id, context)),
    policies: ask((args: { organizationId: string }, context) =>
      requirePolicies(args.organizationId, 'see', context),
    ),
    complianceReport: ask((args: { organizationIds: string[] }, context) =>
      requireComplianceReaders(args.organizationIds, context),
    ),
    _entities: allow, // each __resolveReference applies the root query's visibility
    _service: allow,
  },
  Mutation: {
    createWorkspace: createInOrganization,
    updateWorkspace: workspaceById('administer'),
    deleteWorkspace: workspaceById('administer'),
    grantWorkspaceAccess: workspaceByArgument('administer'),
    revokeWorkspaceAccess: workspaceByArgument('administer'),
    attachEnvironment: workspaceByArgument('administer'),
    detachEnvironment: workspaceByArgument('administer'),
    createEnvironment: createInOrganization,
    updateEnvironment: environmentById('change'),
    deleteEnvironment: environmentById('change'),
    createConnection: createInOrganization,
    updateConnection: connectionById('change'),
    deleteConnection: connectionById('change'),
    attachConnection: environmentByArgument('change'),
    detachConnection: environmentByArgument('change'),
    createDesign: ask((args: { input: { workspaceId: string } }, context) =>
      requireWorkspace(args.input.workspaceId, 'editDesigns', context),
    ),
    updateDesign: designById('editDesigns'),
    deleteDesign: designById('editDesigns'),
    deployDesign: ask((args: { input: { designId: string; environmentId: string } }, context) =>
      requireDeployment(args.input.designId, args.input.environmentId, context),
    ),
    undeployDesign: ask((args: { designId: string; environmentId: string }, context) =>
      requireDeployment(args.designId, args.environmentId, context),
    ),
    createPolicy: ask((args: { input: { organizationId: string } }, context) =>
      requirePolicies(args.input.organizationId, 'change', context),
    ),
    updatePolicy: ask((args: { id: string }, context) => requirePolicy(args.id, 'change', context)),
    deletePolicy: ask((args: { id: string }, context) => requirePolicy(args.id, 'change', context)),
    copyPolicies: ask((args: { fromOrganizationId: string; toOrganizationId: string }, context) =>
      requirePolicyCopy(args.fromOrganizationId, args.toOrganizationId, context),
    ),
  },
  // A non-member reaches an organization only as the public publisher of catalog items; for it
  // these lists are empty (the resolvers filter by membership and workspace role), not errors
  // that would void the whole publisher.
  Organization: { id: allow, workspaces: allow, environments: allow, connections: allow },
  Team: { id: allow, workspaceGrants: signedIn }, // lists only grants on workspaces the caller sees
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
    deployments: allow, // only deployments of designs the caller may see (policy/deployments.ts)
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
    settings: allow, // non-secret by contract: credentials stay write-only
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
    deployments: allow,
    violations: allow,
  },
  // Reached only through a root query or a list that applied the policy's visibility.
  Deployment: {
    id: allow,
    design: allow,
    designRevision: allow,
    environment: allow,
    action: allow,
    dryRun: allow,
    status: allow,
    targets: allow,
    createdBy: allow,
    createdAt: allow,
    startedAt: allow,
    finishedAt: allow,
  },
  DeploymentTarget: { connection: allow, status: allow, message: allow, resources: allow, commit: allow },
  DeploymentConnection: { nodes: allow, pageInfo: allow, totalCount: allow },
  Policy: {
    id: allow,
    organization: allow,
    name: allow,
    description: allow,
    severity: allow,
    enforcement: allow,
    kinds: allow,
    expression: allow,
    message: allow,
    createdAt: allow,
    updatedAt: allow,
  },
  PolicyViolation: { policy: allow, design: allow, designRevision: allow, resource: allow, message: allow },
  PolicyViolationConnection: { nodes: allow, pageInfo: allow, totalCount: allow },
  ComplianceReport: {
    organization: allow,
    policies: allow,
    designsEvaluated: allow,
    compliantDesigns: allow,
    violations: allow,
  },
  DesignRevision: { revision: allow, name: allow, content: allow, author: allow, createdAt: allow },
  DesignConnection: { nodes: allow, pageInfo: allow, totalCount: allow },
  PageInfo: { hasNextPage: allow, endCursor: allow },
  _Service: { sdl: allow },
};
