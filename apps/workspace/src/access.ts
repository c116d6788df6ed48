import type { WorkspaceRole } from '@controlplane/auth';
import { isWellFormedId } from '@controlplane/graphql-kit';
import type { WorkspaceContext } from './context';
import type { DesignRecord } from './repositories/design-repository';
import type { ConnectionRecord, EnvironmentRecord } from './repositories/environment-repository';
import type { WorkspaceRecord } from './repositories/workspace-repository';
import { effectiveWorkspaceRole } from './services/workspace-access';

/**
 * The visibility rules of this subgraph, in one place: root queries, lists, `__resolveReference`
 * and shield rules all call these, so a list can never show what a single read would not.
 */

/** The caller's role in a workspace: organization role, raised by the grants of the caller's teams. */
export async function workspaceRoleOf(
  workspace: WorkspaceRecord,
  context: WorkspaceContext,
): Promise<WorkspaceRole | undefined> {
  const { viewer } = context;
  if (!viewer.isMemberOf(workspace.organizationId)) return undefined;
  const grants = await context.loaders.grantsOfWorkspace.load(workspace.id);
  const teamRoles = grants
    .filter((grant) => viewer.teamRole(grant.teamId) !== undefined)
    .map((grant) => grant.role);
  return effectiveWorkspaceRole(viewer, workspace.organizationId, teamRoles);
}

/** A live workspace, whether or not the caller may see it (rules decide what to answer). */
export function loadWorkspace(id: unknown, context: WorkspaceContext): Promise<WorkspaceRecord | null> {
  return isWellFormedId(id) ? context.loaders.workspace.load(id) : Promise.resolve(null);
}

export async function loadVisibleWorkspace(
  id: unknown,
  context: WorkspaceContext,
): Promise<WorkspaceRecord | null> {
  const workspace = await loadWorkspace(id, context);
  return workspace !== null && (await workspaceRoleOf(workspace, context)) !== undefined ? workspace : null;
}

export async function filterVisibleWorkspaces(
  workspaces: WorkspaceRecord[],
  context: WorkspaceContext,
): Promise<WorkspaceRecord[]> {
  const roles = await Promise.all(workspaces.map((workspace) => workspaceRoleOf(workspace, context)));
  return workspaces.filter((_, index) => roles[index] !== undefined);
}

export function loadDesign(id: unknown, context: WorkspaceContext): Promise<DesignRecord | null> {
  return isWellFormedId(id) ? context.loaders.design.load(id) : Promise.resolve(null);
}

/** A design is visible exactly when its workspace is. */
export async function loadVisibleDesign(
  id: unknown,
  context: WorkspaceContext,
): Promise<DesignRecord | null> {
  const design = await loadDesign(id, context);
  return design !== null && (await loadVisibleWorkspace(design.workspaceId, context)) !== null
    ? design
    : null;
}

export function loadEnvironment(id: unknown, context: WorkspaceContext): Promise<EnvironmentRecord | null> {
  return isWellFormedId(id) ? context.loaders.environment.load(id) : Promise.resolve(null);
}

export function loadConnection(id: unknown, context: WorkspaceContext): Promise<ConnectionRecord | null> {
  return isWellFormedId(id) ? context.loaders.connection.load(id) : Promise.resolve(null);
}

/** Environments and connections are organization resources: every member sees them. */
export async function loadVisibleEnvironment(
  id: unknown,
  context: WorkspaceContext,
): Promise<EnvironmentRecord | null> {
  const environment = await loadEnvironment(id, context);
  return environment !== null && context.viewer.isMemberOf(environment.organizationId) ? environment : null;
}

export async function loadVisibleConnection(
  id: unknown,
  context: WorkspaceContext,
): Promise<ConnectionRecord | null> {
  const connection = await loadConnection(id, context);
  return connection !== null && context.viewer.isMemberOf(connection.organizationId) ? connection : null;
}
