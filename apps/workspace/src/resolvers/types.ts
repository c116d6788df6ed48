import { DateTimeScalar, JSONScalar, decodeCursor, pageSize, toPage } from '@controlplane/graphql-kit';
import {
  canSeeOrganizationResources,
  loadVisibleConnection,
  loadVisibleDesign,
  loadVisibleEnvironment,
  loadVisibleWorkspace,
  requireWorkspace,
  visibleGrants,
  visibleWorkspaces,
  workspaceRoleOf,
} from '../policy';
import type { WorkspaceContext } from '../context';
import type { DesignRecord, DesignRevisionRecord } from '../repositories/design-repository';
import type { ConnectionRecord, EnvironmentRecord } from '../repositories/environment-repository';
import type { GrantRecord, WorkspaceRecord } from '../repositories/workspace-repository';
import { lookUpTeams } from '../services/workspace-service';

type Ctx = WorkspaceContext;

const present = <T>(value: T | null | Error): value is T => value !== null && !(value instanceof Error);
const organizationRef = (record: { organizationId: string }) => ({ id: record.organizationId });
const userRef = (id: string | null) => (id === null ? null : { id });

async function loadAll<T>(
  loader: { loadMany(ids: readonly string[]): Promise<(T | null | Error)[]> },
  ids: string[],
): Promise<T[]> {
  return (await loader.loadMany(ids)).filter(present);
}

/** Grants whose team still exists (identity owns teams; a deleted team's grant gives nothing). */
async function grantsOfLiveTeams(grants: GrantRecord[], context: Ctx): Promise<GrantRecord[]> {
  const owners = await lookUpTeams(
    context.identity,
    grants.map((grant) => grant.teamId),
    context.viewer,
  );
  return grants.filter((grant) => owners.get(grant.teamId) === grant.organizationId);
}

export const typeResolvers = {
  DateTime: DateTimeScalar,
  JSON: JSONScalar,

  Organization: {
    /**
     * Identity decides who sees an organization; this subgraph only adds lists to it, each
     * filtered to what the caller may see (nothing for a non-member).
     */
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
    workspaces: async (organization: { id: string }, _: unknown, context: Ctx) =>
      canSeeOrganizationResources(organization.id, context)
        ? visibleWorkspaces(
            await context.repositories.workspaces.findLiveByOrganizations([organization.id]),
            context,
          )
        : [],
    environments: (organization: { id: string }, _: unknown, context: Ctx) =>
      canSeeOrganizationResources(organization.id, context)
        ? context.repositories.environments.findEnvironmentsByOrganizations([organization.id])
        : [],
    connections: (organization: { id: string }, _: unknown, context: Ctx) =>
      canSeeOrganizationResources(organization.id, context)
        ? context.repositories.environments.findConnectionsByOrganizations([organization.id])
        : [],
  },

  Team: {
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
    /** The team's grants on workspaces the caller may see. */
    workspaceGrants: async (team: { id: string }, _: unknown, context: Ctx) =>
      visibleGrants(await context.loaders.grantsOfTeam.load(team.id), context),
  },

  Workspace: {
    __resolveReference: (reference: { id: string }, context: Ctx) =>
      loadVisibleWorkspace(reference.id, context),
    organization: organizationRef,
    viewerRole: async (workspace: WorkspaceRecord, _: unknown, context: Ctx) =>
      (await workspaceRoleOf(workspace, context)) ?? null,
    grants: async (workspace: WorkspaceRecord, _: unknown, context: Ctx) =>
      grantsOfLiveTeams(await context.loaders.grantsOfWorkspace.load(workspace.id), context),
    environments: async (workspace: WorkspaceRecord, _: unknown, context: Ctx) =>
      loadAll<EnvironmentRecord>(
        context.loaders.environment,
        await context.loaders.environmentIdsOfWorkspace.load(workspace.id),
      ),
    designs: async (
      workspace: WorkspaceRecord,
      args: { first?: number | null; after?: string | null },
      context: Ctx,
    ) => {
      const first = pageSize(args.first, 50);
      const after = decodeCursor(args.after);
      const [rows, totalCount] = await Promise.all([
        context.loaders.designPage({ first, after }).load(workspace.id),
        context.loaders.designCountOfWorkspace.load(workspace.id),
      ]);
      return toPage(rows, first, totalCount, (design) => ({ at: design.createdAt, id: design.id }));
    },
  },

  WorkspaceGrant: {
    /** On a workspace the caller sees (its list, or the grant it just made). */
    workspace: (grant: GrantRecord, _: unknown, context: Ctx) =>
      requireWorkspace(grant.workspaceId, 'see', context),
    team: (grant: GrantRecord) => ({ id: grant.teamId }),
  },

  Environment: {
    __resolveReference: (reference: { id: string }, context: Ctx) =>
      loadVisibleEnvironment(reference.id, context),
    organization: organizationRef,
    connections: async (environment: EnvironmentRecord, _: unknown, context: Ctx) =>
      loadAll<ConnectionRecord>(
        context.loaders.connection,
        await context.loaders.connectionIdsOfEnvironment.load(environment.id),
      ),
    /** Attached workspaces that the caller may see. */
    workspaces: async (environment: EnvironmentRecord, _: unknown, context: Ctx) =>
      visibleWorkspaces(
        await loadAll<WorkspaceRecord>(
          context.loaders.workspace,
          await context.loaders.workspaceIdsOfEnvironment.load(environment.id),
        ),
        context,
      ),
  },

  Connection: {
    __resolveReference: (reference: { id: string }, context: Ctx) =>
      loadVisibleConnection(reference.id, context),
    organization: organizationRef,
    environments: async (connection: ConnectionRecord, _: unknown, context: Ctx) =>
      loadAll<EnvironmentRecord>(
        context.loaders.environment,
        await context.loaders.environmentIdsOfConnection.load(connection.id),
      ),
  },

  Design: {
    __resolveReference: (reference: { id: string }, context: Ctx) => loadVisibleDesign(reference.id, context),
    /** Visible to the same callers as the design. */
    workspace: (design: DesignRecord, _: unknown, context: Ctx) =>
      requireWorkspace(design.workspaceId, 'see', context),
    createdBy: (design: DesignRecord) => userRef(design.createdById),
    updatedBy: (design: DesignRecord) => userRef(design.updatedById),
    revisions: (design: DesignRecord, args: { first?: number | null }, context: Ctx) =>
      context.loaders.latestRevisions(pageSize(args.first, 20)).load(design.id),
  },

  DesignRevision: {
    author: (revision: DesignRevisionRecord) => userRef(revision.authorId),
  },
};
