import type { OrgRole, Viewer, WorkspaceRole } from '@controlplane/auth';
import { WORKSPACE_ROLES, isReadOnlyRole } from '@controlplane/auth';

/** The workspace role an organization role implies on its own (team grants may raise it). */
const ROLE_FROM_ORGANIZATION: Record<OrgRole, WorkspaceRole | undefined> = {
  OWNER: 'ADMIN',
  ADMIN: 'ADMIN',
  AUDITOR: 'VIEWER',
  MEMBER: undefined,
};

export function highestRole(roles: (WorkspaceRole | undefined)[]): WorkspaceRole | undefined {
  let best = -1;
  for (const role of roles) if (role !== undefined) best = Math.max(best, WORKSPACE_ROLES.indexOf(role));
  return best < 0 ? undefined : WORKSPACE_ROLES[best];
}

export function atLeast(role: WorkspaceRole | undefined, needed: WorkspaceRole): boolean {
  return role !== undefined && WORKSPACE_ROLES.indexOf(role) >= WORKSPACE_ROLES.indexOf(needed);
}

/**
 * The caller's effective role in a workspace of `organizationId`: the highest of what its
 * organization role implies and `teamGrantRoles` (the grants of the caller's teams). A read-only
 * role (AUDITOR) stays VIEWER whatever its teams grant: it never changes anything.
 * Undefined means the workspace does not exist for this caller.
 */
export function effectiveWorkspaceRole(
  viewer: Viewer,
  organizationId: string,
  teamGrantRoles: WorkspaceRole[] = [],
): WorkspaceRole | undefined {
  const orgRole = viewer.roleIn(organizationId);
  if (orgRole === undefined) return undefined;
  if (isReadOnlyRole(orgRole)) return 'VIEWER';
  return highestRole([ROLE_FROM_ORGANIZATION[orgRole], ...teamGrantRoles]);
}
