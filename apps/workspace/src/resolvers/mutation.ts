import { notFound } from '@controlplane/errors';
import { isWellFormedId, parseInput } from '@controlplane/graphql-kit';
import { loadConnection, loadDesign, loadEnvironment, loadWorkspace } from '../access';
import type { WorkspaceContext } from '../context';
import {
  createConnectionInput,
  createDesignInput,
  createEnvironmentInput,
  createWorkspaceInput,
  updateConnectionInput,
  updateDesignInput,
  updateNamedInput,
  workspaceRoleField,
} from '../validation';

type Ctx = WorkspaceContext;

/** Loaded again (from the request's DataLoader cache) after the shield rule authorized the call. */
async function required<T>(load: Promise<T | null>, typeName: string): Promise<T> {
  const value = await load;
  if (value === null) throw notFound(typeName);
  return value;
}

const workspaceArg = (id: unknown, context: Ctx) => required(loadWorkspace(id, context), 'Workspace');

export const Mutation = {
  createWorkspace: (_: unknown, args: { input: unknown }, context: Ctx) =>
    context.services.workspaces.create(context.viewer, parseInput(createWorkspaceInput, args.input, 'input')),
  async updateWorkspace(_: unknown, args: { id: string; input: unknown }, context: Ctx) {
    const input = parseInput(updateNamedInput, args.input, 'input');
    return context.services.workspaces.update(context.viewer, await workspaceArg(args.id, context), input);
  },
  deleteWorkspace: async (_: unknown, args: { id: string }, context: Ctx) =>
    context.services.workspaces.delete(context.viewer, await workspaceArg(args.id, context)),

  async grantWorkspaceAccess(
    _: unknown,
    args: { workspaceId: string; teamId: string; role: string },
    context: Ctx,
  ) {
    const workspace = await workspaceArg(args.workspaceId, context);
    if (!isWellFormedId(args.teamId)) throw notFound('Team');
    return context.services.workspaces.grant(
      context.viewer,
      context.identity,
      workspace,
      args.teamId,
      parseInput(workspaceRoleField, args.role, 'role'),
    );
  },
  async revokeWorkspaceAccess(_: unknown, args: { workspaceId: string; teamId: string }, context: Ctx) {
    if (!isWellFormedId(args.teamId)) throw notFound('WorkspaceGrant');
    return context.services.workspaces.revoke(
      context.viewer,
      await workspaceArg(args.workspaceId, context),
      args.teamId,
    );
  },

  async attachEnvironment(_: unknown, args: { workspaceId: string; environmentId: string }, context: Ctx) {
    return context.services.environments.attachEnvironment(
      context.viewer,
      await workspaceArg(args.workspaceId, context),
      await loadEnvironment(args.environmentId, context),
    );
  },
  async detachEnvironment(_: unknown, args: { workspaceId: string; environmentId: string }, context: Ctx) {
    return context.services.environments.detachEnvironment(
      context.viewer,
      await workspaceArg(args.workspaceId, context),
      await loadEnvironment(args.environmentId, context),
    );
  },

  createEnvironment: (_: unknown, args: { input: unknown }, context: Ctx) =>
    context.services.environments.createEnvironment(
      context.viewer,
      parseInput(createEnvironmentInput, args.input, 'input'),
    ),
  async updateEnvironment(_: unknown, args: { id: string; input: unknown }, context: Ctx) {
    const input = parseInput(updateNamedInput, args.input, 'input');
    return context.services.environments.updateEnvironment(
      context.viewer,
      await required(loadEnvironment(args.id, context), 'Environment'),
      input,
    );
  },
  deleteEnvironment: async (_: unknown, args: { id: string }, context: Ctx) =>
    context.services.environments.deleteEnvironment(
      context.viewer,
      await required(loadEnvironment(args.id, context), 'Environment'),
    ),

  createConnection: (_: unknown, args: { input: unknown }, context: Ctx) =>
    context.services.environments.createConnection(
      context.viewer,
      parseInput(createConnectionInput, args.input, 'input'),
    ),
  async updateConnection(_: unknown, args: { id: string; input: unknown }, context: Ctx) {
    const input = parseInput(updateConnectionInput, args.input, 'input');
    return context.services.environments.updateConnection(
      context.viewer,
      await required(loadConnection(args.id, context), 'Connection'),
      input,
    );
  },
  deleteConnection: async (_: unknown, args: { id: string }, context: Ctx) =>
    context.services.environments.deleteConnection(
      context.viewer,
      await required(loadConnection(args.id, context), 'Connection'),
    ),
  async attachConnection(_: unknown, args: { environmentId: string; connectionId: string }, context: Ctx) {
    const environment = await required(loadEnvironment(args.environmentId, context), 'Environment');
    return context.services.environments.attachConnection(
      context.viewer,
      environment,
      await loadConnection(args.connectionId, context),
    );
  },
  async detachConnection(_: unknown, args: { environmentId: string; connectionId: string }, context: Ctx) {
    const environment = await required(loadEnvironment(args.environmentId, context), 'Environment');
    return context.services.environments.detachConnection(
      context.viewer,
      environment,
      await loadConnection(args.connectionId, context),
    );
  },

  async createDesign(_: unknown, args: { input: unknown }, context: Ctx) {
    const input = parseInput(createDesignInput, args.input, 'input');
    const workspace = await workspaceArg(input.workspaceId, context);
    return context.services.designs.create(context.viewer, workspace, input);
  },
  async updateDesign(
    _: unknown,
    args: { id: string; input: unknown; expectedRevision: number },
    context: Ctx,
  ) {
    const input = parseInput(updateDesignInput, args.input, 'input');
    await required(loadDesign(args.id, context), 'Design');
    return context.services.designs.update(context.viewer, args.id, input, args.expectedRevision);
  },
  deleteDesign: async (_: unknown, args: { id: string }, context: Ctx) =>
    context.services.designs.delete(context.viewer, await required(loadDesign(args.id, context), 'Design')),
};
