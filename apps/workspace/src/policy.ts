import {
  ORG_ADMINS,
  WORKSPACE_ROLES,
  isReadOnlyRole,
  type OrgRole,
  type Viewer,
  type WorkspaceRole,
} from '@controlplane/auth';
import { forbidden, notFound, unauthenticated } from '@controlplane/errors';
import { isWellFormedId } from '@controlplane/graphql-kit';
import type DataLoader from 'dataloader';
import type { WorkspaceLoaders } from './context';
import type { DesignRecord } from './repositories/design-repository';
import type { ConnectionRecord, EnvironmentRecord } from './repositories/environment-repository';
import type { GrantRecord, WorkspaceRecord } from './repositories/workspace-repository';
import type { IdentityClient } from './clients/identity-client';

/**
 * Who may see or change what in the workspace subgraph: the only place that decides. Shield
 * rules, resolvers, `__resolveReference`, lists and internal routes ask here; services receive
 * the records these functions return and never check access again.
 *
 * Every subject (workspace, design, environment, connection, grants) is loaded through the
 * request's DataLoaders, so the rule that authorizes a field and the resolver that then acts on
 * the subject share one read per request.
 *
 * Answers follow the contract: an anonymous caller is UNAUTHENTICATED; an object of another
 * organization, one the caller has no role on, and an id that does not exist are the same
 * NOT_FOUND; an object the caller sees but may not change is FORBIDDEN.
 */

/** What a policy check needs from the request: the caller and the request's loaders. */
export type PolicyContext = {
  viewer: Viewer;
  loaders: Pick<
    WorkspaceLoaders,
    'workspace' | 'grantsOfWorkspace' | 'design' | 'environment' | 'connection'
  >;
  /** Identity owns teams: asked which organization a team belongs to. */
  identity: IdentityClient;
};

/**
 * Actions on a workspace and its designs, each with the lowest workspace role it needs
 * (VIEWER < EDITOR < ADMIN). A new action, deploying a design say, is one line here and one
 * `can…` function below.
 */
const WORKSPACE_ACTIONS = {
  /** Read the workspace, its designs and its attached environments. */
  see: 'VIEWER',
  /** Create, update and delete designs; publish one; clone a catalog item into the workspace. */
  editDesigns: 'EDITOR',
  /** Deploy a design to an environment attached to the workspace, or undeploy it (never AUDITOR: it stays VIEWER). */
  deploy: 'EDITOR',
  /** Update or delete the workspace, grant or revoke team access, attach or detach environments. */
  administer: 'ADMIN',
} as const satisfies Record<string, WorkspaceRole>;

export type WorkspaceAction = keyof typeof WORKSPACE_ACTIONS;

/**
 * Actions on organization resources (environments, connections, and creating workspaces): any
 * member sees them; OWNER and ADMIN change them.
 */
const ORGANIZATION_ACTIONS = {
  see: ['OWNER', 'ADMIN', 'MEMBER', 'AUDITOR'],
  change: ORG_ADMINS,
} as const satisfies Record<string, readonly OrgRole[]>;

export type OrganizationAction = keyof typeof ORGANIZATION_ACTIONS;

// Subjects, loaded once per request. Ids that cannot exist (malformed) are simply not found.

function loadById<Row>(loader: DataLoader<string, Row | null>, id: unknown): Promise<Row | null> {
  return isWellFormedId(id) ? loader.load(id) : Promise.resolve(null);
}

/** A live workspace, whether or not the caller may see it: decide with the functions below. */
export const loadWorkspace = (id: unknown, context: PolicyContext) => loadById(context.loaders.workspace, id);
const loadDesign = (id: unknown, context: PolicyContext) => loadById(context.loaders.design, id);
export const loadEnvironment = (id: unknown, context: PolicyContext) =>
  loadById(context.loaders.environment, id);
const loadConnection = (id: unknown, context: PolicyContext) => loadById(context.loaders.connection, id);

// The caller's workspace role.

/** The workspace role an organization role implies on its own (team grants may raise it). */
const ROLE_FROM_ORGANIZATION: Record<OrgRole, WorkspaceRole | undefined> = {
  OWNER: 'ADMIN',
  ADMIN: 'ADMIN',
  AUDITOR: 'VIEWER',
  MEMBER: undefined,
};

export function atLeast(role: WorkspaceRole | undefined, needed: WorkspaceRole): boolean {
  return role !== undefined && WORKSPACE_ROLES.indexOf(role) >= WORKSPACE_ROLES.indexOf(needed);
}

function highestRole(roles: (WorkspaceRole | undefined)[]): WorkspaceRole | undefined {
  return roles.reduce((best, role) => (role === undefined || atLeast(best, role) ? best : role), undefined);
}

/**
 * The caller's role in a workspace: the highest of what its organization role implies and the
 * grants of its teams. A read-only role (AUDITOR) stays VIEWER whatever its teams grant: it never
 * changes anything. Undefined means the workspace does not exist for this caller.
 */
export async function workspaceRoleOf(
  workspace: WorkspaceRecord,
  context: PolicyContext,
): Promise<WorkspaceRole | undefined> {
  const { viewer } = context;
  const orgRole = viewer.roleIn(workspace.organizationId);
  if (orgRole === undefined) return undefined;
  if (isReadOnlyRole(orgRole)) return 'VIEWER';
  const grants = await context.loaders.grantsOfWorkspace.load(workspace.id);
  const teamRoles = grants
    .filter((grant) => viewer.teamRole(grant.teamId) !== undefined)
    .map((grant) => grant.role);
  return highestRole([ROLE_FROM_ORGANIZATION[orgRole], ...teamRoles]);
}

// Decisions.

export async function canInWorkspace(
  action: WorkspaceAction,
  workspace: WorkspaceRecord,
  context: PolicyContext,
): Promise<boolean> {
  return atLeast(await workspaceRoleOf(workspace, context), WORKSPACE_ACTIONS[action]);
}

export function canInOrganization(
  action: OrganizationAction,
  organizationId: string,
  context: PolicyContext,
): boolean {
  return context.viewer.hasRoleIn(organizationId, ORGANIZATION_ACTIONS[action]);
}

export const canSeeWorkspace = (workspace: WorkspaceRecord, context: PolicyContext) =>
  canInWorkspace('see', workspace, context);

/** A design is visible exactly when its workspace is. */
export async function canSeeDesign(design: DesignRecord, context: PolicyContext): Promise<boolean> {
  const workspace = await loadWorkspace(design.workspaceId, context);
  return workspace !== null && canSeeWorkspace(workspace, context);
}

/**
 * Environments, connections and the workspace list are organization resources: every member
 * sees them (each workspace then by its own role); a non-member sees none.
 */
export const canSeeOrganizationResources = (organizationId: string, context: PolicyContext) =>
  canInOrganization('see', organizationId, context);

// Visible subjects, for root queries, `__resolveReference` and lists: null or left out when hidden.

export async function loadVisibleWorkspace(
  id: unknown,
  context: PolicyContext,
): Promise<WorkspaceRecord | null> {
  const workspace = await loadWorkspace(id, context);
  return workspace !== null && (await canSeeWorkspace(workspace, context)) ? workspace : null;
}

export async function loadVisibleDesign(id: unknown, context: PolicyContext): Promise<DesignRecord | null> {
  const design = await loadDesign(id, context);
  return design !== null && (await canSeeDesign(design, context)) ? design : null;
}

function visibleInOrganization<Subject extends { organizationId: string }>(
  subject: Subject | null,
  context: PolicyContext,
): Subject | null {
  return subject !== null && canSeeOrganizationResources(subject.organizationId, context) ? subject : null;
}

export async function loadVisibleEnvironment(id: unknown, context: PolicyContext) {
  return visibleInOrganization(await loadEnvironment(id, context), context);
}

export async function loadVisibleConnection(id: unknown, context: PolicyContext) {
  return visibleInOrganization(await loadConnection(id, context), context);
}

/** The workspaces of `workspaces` the caller may see, in their order. */
export async function visibleWorkspaces(
  workspaces: WorkspaceRecord[],
  context: PolicyContext,
): Promise<WorkspaceRecord[]> {
  const visible = await Promise.all(workspaces.map((workspace) => canSeeWorkspace(workspace, context)));
  return workspaces.filter((_, index) => visible[index]);
}

/** The grants of `grants` on workspaces the caller may see. */
export async function visibleGrants(grants: GrantRecord[], context: PolicyContext): Promise<GrantRecord[]> {
  const visible = await Promise.all(
    grants.map(async (grant) => (await loadVisibleWorkspace(grant.workspaceId, context)) !== null),
  );
  return grants.filter((_, index) => visible[index]);
}

// Requirements: the subject when the caller may act on it, otherwise the contract's error.

export function requireSignedIn(context: PolicyContext): void {
  if (!context.viewer.isAuthenticated) throw unauthenticated();
}

/** Passes when the caller's role in `workspace` allows `action`; NOT_FOUND (as `typeName`) when it has none. */
async function requireWorkspaceRole(
  workspace: WorkspaceRecord | null,
  action: WorkspaceAction,
  typeName: string,
  context: PolicyContext,
): Promise<void> {
  const role = workspace === null ? undefined : await workspaceRoleOf(workspace, context);
  if (role === undefined) throw notFound(typeName);
  const needed = WORKSPACE_ACTIONS[action];
  if (!atLeast(role, needed)) throw forbidden(`This needs the ${needed} role in the workspace.`);
}

/** The subject `load` finds for a signed-in caller; NOT_FOUND (as `typeName`) when there is none. */
export async function requireFound<Subject>(
  context: PolicyContext,
  typeName: string,
  load: () => Promise<Subject | null>,
): Promise<Subject> {
  requireSignedIn(context);
  const subject = await load();
  if (subject === null) throw notFound(typeName);
  return subject;
}

export async function requireWorkspace(
  id: unknown,
  action: WorkspaceAction,
  context: PolicyContext,
): Promise<WorkspaceRecord> {
  const workspace = await requireFound(context, 'Workspace', () => loadWorkspace(id, context));
  await requireWorkspaceRole(workspace, action, 'Workspace', context);
  return workspace;
}

/** A design, when the caller's role in its workspace allows `action`. */
export async function requireDesign(
  id: unknown,
  action: WorkspaceAction,
  context: PolicyContext,
): Promise<DesignRecord> {
  const design = await requireFound(context, 'Design', () => loadDesign(id, context));
  await requireWorkspaceRole(await loadWorkspace(design.workspaceId, context), action, 'Design', context);
  return design;
}

/** `subject` when the caller's organization role allows `action`; NOT_FOUND (as `typeName`) for a non-member. */
export function requireOrganizationRole<Subject extends { organizationId: string }>(
  subject: Subject | null,
  action: OrganizationAction,
  typeName: string,
  context: PolicyContext,
): Subject {
  requireSignedIn(context);
  if (subject === null || !context.viewer.isMemberOf(subject.organizationId)) throw notFound(typeName);
  if (!canInOrganization(action, subject.organizationId, context)) throw forbidden();
  return subject;
}

/** Creating workspaces, environments and connections in an organization (`change`). */
export function requireOrganization(
  organizationId: string,
  action: OrganizationAction,
  context: PolicyContext,
): void {
  requireOrganizationRole({ organizationId }, action, 'Organization', context);
}

export async function requireEnvironment(
  id: unknown,
  action: OrganizationAction,
  context: PolicyContext,
): Promise<EnvironmentRecord> {
  requireSignedIn(context);
  return requireOrganizationRole(await loadEnvironment(id, context), action, 'Environment', context);
}

export async function requireConnection(
  id: unknown,
  action: OrganizationAction,
  context: PolicyContext,
): Promise<ConnectionRecord> {
  requireSignedIn(context);
  return requireOrganizationRole(await loadConnection(id, context), action, 'Connection', context);
}

// Links stay within one organization: another tenant's object is simply not found.

function requireSameOrganization<Subject extends { organizationId: string }>(
  subject: Subject | null,
  owner: { organizationId: string },
  typeName: string,
): Subject {
  if (subject === null || subject.organizationId !== owner.organizationId) throw notFound(typeName);
  return subject;
}

/** An environment to attach to or detach from `workspace`. */
export async function requireEnvironmentOf(
  workspace: WorkspaceRecord,
  environmentId: unknown,
  context: PolicyContext,
): Promise<EnvironmentRecord> {
  return requireSameOrganization(await loadEnvironment(environmentId, context), workspace, 'Environment');
}

/** A connection to attach to or detach from `environment`. */
export async function requireConnectionOf(
  environment: EnvironmentRecord,
  connectionId: unknown,
  context: PolicyContext,
): Promise<ConnectionRecord> {
  return requireSameOrganization(await loadConnection(connectionId, context), environment, 'Connection');
}

/** A team to grant access to `workspace`: it must belong to the workspace's organization (identity says). */
export async function requireTeamOf(
  workspace: WorkspaceRecord,
  teamId: string,
  context: PolicyContext,
): Promise<void> {
  if (!isWellFormedId(teamId)) throw notFound('Team');
  const owners = await context.identity.organizationsOfTeams([teamId]);
  if (owners.get(teamId) !== workspace.organizationId) throw notFound('Team');
}

/** The grant of a team on `workspace`, to revoke. */
export async function requireGrant(
  workspace: WorkspaceRecord,
  teamId: string,
  context: PolicyContext,
): Promise<GrantRecord> {
  const grants = isWellFormedId(teamId) ? await context.loaders.grantsOfWorkspace.load(workspace.id) : [];
  const grant = grants.find((candidate) => candidate.teamId === teamId);
  if (grant === undefined) throw notFound('WorkspaceGrant');
  return grant;
}
