import { decodeCursor, pageSize, toPage } from '@controlplane/graphql-kit';
import type { WorkspaceContext } from '../context';
import { loadVisibleWorkspace, requireWorkspace, workspaceRoleOf } from '../policy';
import type { GrantRecord } from '../repositories/workspace-repository';
import { loadPresent } from './load-present';
import type { WorkspaceGrantResolvers, WorkspaceResolvers } from './schema-types.generated';

/** Grants whose team still exists (identity owns teams; a deleted team's grant gives nothing). */
async function grantsOfLiveTeams(grants: GrantRecord[], context: WorkspaceContext): Promise<GrantRecord[]> {
  const owners = await context.identity.organizationsOfTeams(grants.map((grant) => grant.teamId));
  return grants.filter((grant) => owners.get(grant.teamId) === grant.organizationId);
}

/** A workspace reached here was already authorized (root query, visible list or reference). */
export const Workspace = {
  __resolveReference: (reference, context) => loadVisibleWorkspace(reference.id, context),
  organization: (workspace) => ({ id: workspace.organizationId }),
  viewerRole: async (workspace, _args, context) => (await workspaceRoleOf(workspace, context)) ?? null,
  grants: async (workspace, _args, context) =>
    grantsOfLiveTeams(await context.loaders.grantsOfWorkspace.load(workspace.id), context),
  environments: async (workspace, _args, context) =>
    loadPresent(
      context.loaders.environment,
      await context.loaders.environmentIdsOfWorkspace.load(workspace.id),
    ),
  designs: async (workspace, args, context) => {
    const first = pageSize(args.first, 50);
    const after = decodeCursor(args.after);
    const [rows, totalCount] = await Promise.all([
      context.loaders.designPage({ first, after }).load(workspace.id),
      context.loaders.designCountOfWorkspace.load(workspace.id),
    ]);
    return toPage(rows, first, totalCount, (design) => ({ at: design.createdAt, id: design.id }));
  },
} satisfies WorkspaceResolvers;

/** A grant reached here is on a workspace the caller sees (its list, or the grant it just made). */
export const WorkspaceGrant = {
  workspace: (grant, _args, context) => requireWorkspace(grant.workspaceId, 'see', context),
  team: (grant) => ({ id: grant.teamId }),
} satisfies WorkspaceGrantResolvers;
