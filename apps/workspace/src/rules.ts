import { rule, type IRule, type WorkspaceRole } from '@controlplane/auth';
import { forbidden, notFound, unauthenticated } from '@controlplane/errors';
import { loadDesign, loadWorkspace, workspaceRoleOf } from './access';
import type { WorkspaceContext } from './context';
import { atLeast } from './services/workspace-access';

type Args = Record<string, any>;

/**
 * The caller's workspace role (from its organization role and its teams' grants) must be at
 * least `needed` in the workspace that `find` locates. No role at all: NOT_FOUND, so other
 * tenants' and ungranted workspaces do not exist for the caller; too low a role: FORBIDDEN.
 */
function workspaceRoleRule(
  needed: WorkspaceRole,
  typeName: string,
  find: (args: Args, context: WorkspaceContext) => Promise<{ workspaceId: string } | null>,
): IRule {
  return rule({ cache: 'no_cache' })(async (_parent, args: Args, context: WorkspaceContext) => {
    if (!context.viewer.isAuthenticated) return unauthenticated();
    const target = await find(args, context);
    const workspace = target === null ? null : await loadWorkspace(target.workspaceId, context);
    const role = workspace === null ? undefined : await workspaceRoleOf(workspace, context);
    if (role === undefined) return notFound(typeName);
    return atLeast(role, needed) ? true : forbidden(`This needs the ${needed} role in the workspace.`);
  });
}

/** Workspace role on the workspace named by argument `name` (or `input.name`). */
export function workspaceRoleByArgument(needed: WorkspaceRole, name: string): IRule {
  return workspaceRoleRule(needed, 'Workspace', async (args) => {
    const id =
      args.input !== undefined && args.input !== null && name in args.input ? args.input[name] : args[name];
    return { workspaceId: id };
  });
}

/** Workspace role on the workspace of the design named by argument `name`. */
export function workspaceRoleByDesign(needed: WorkspaceRole, name: string): IRule {
  return workspaceRoleRule(needed, 'Design', (args, context) => loadDesign(args[name], context));
}
