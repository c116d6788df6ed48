import { notFound } from '@controlplane/errors';
import { DateTimeScalar, isWellFormedId, parseInput } from '@controlplane/graphql-kit';
import type { WorkspaceContext } from '../context';
import type { WorkspaceRecord } from '../repositories/workspace-repository';
import { effectiveWorkspaceRole } from '../services/workspace-access';
import { createWorkspaceInput } from '../validation';

/** A workspace the caller may see, or null: the one visibility rule for reads and references. */
async function loadVisibleWorkspace(id: string, context: WorkspaceContext): Promise<WorkspaceRecord | null> {
  if (!isWellFormedId(id)) return null;
  const workspace = await context.loaders.workspace.load(id);
  if (workspace === null || effectiveWorkspaceRole(context.viewer, workspace.organizationId) === undefined) return null;
  return workspace;
}

export const resolvers = {
  DateTime: DateTimeScalar,

  Query: {
    async workspace(_: unknown, args: { id: string }, context: WorkspaceContext) {
      const workspace = await loadVisibleWorkspace(args.id, context);
      if (workspace === null) throw notFound('Workspace');
      return workspace;
    },
  },

  Mutation: {
    createWorkspace(_: unknown, args: { input: unknown }, context: WorkspaceContext) {
      return context.services.workspaces.create(context.viewer, parseInput(createWorkspaceInput, args.input, 'input'));
    },
  },

  Organization: {
    /** Same visibility as identity's Query.organization: members only. */
    __resolveReference: (reference: { id: string }, context: WorkspaceContext) =>
      context.viewer.isMemberOf(reference.id) ? { id: reference.id } : null,
    workspaces: (organization: { id: string }, _: unknown, context: WorkspaceContext) =>
      context.services.workspaces.listVisible(context.viewer, organization.id),
  },

  Workspace: {
    __resolveReference: (reference: { id: string }, context: WorkspaceContext) => loadVisibleWorkspace(reference.id, context),
    organization: (workspace: WorkspaceRecord) => ({ id: workspace.organizationId }),
    viewerRole: (workspace: WorkspaceRecord, _: unknown, context: WorkspaceContext) =>
      effectiveWorkspaceRole(context.viewer, workspace.organizationId) ?? null,
  },
};
