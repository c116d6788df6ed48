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
  updateWorkspace: (_: unknown, args: { id: string; input: unknown }, context: Ctx) =>
    context.services.workspaces.update(args.id, parseInput(updateNamedInput, args.input, 'input')),
  deleteWorkspace: (_: unknown, args: { id: string }, context: Ctx) => context.services.workspaces.softDelete(args.id),

  async grantWorkspaceAccess(_: unknown, args: { workspaceId: string; teamId: string; role: string }, context: Ctx) {
    const workspace = await workspaceArg(args.workspaceId, context);
    if (!isWellFormedId(args.teamId)) throw notFound('Team');
    return context.services.workspaces.grant(context.viewer, context.identity, workspace, args.teamId, parseInput(workspaceRoleField, args.role, 'role'));
  },
  revokeWorkspaceAccess: (_: unknown, args: { workspaceId: string; teamId: string }, context: Ctx) => {
    if (!isWellFormedId(args.teamId)) throw notFound('WorkspaceGrant');
    return context.services.workspaces.revoke(args.workspaceId, args.teamId);
  },

  async attachEnvironment(_: unknown, args: { workspaceId: string; environmentId: string }, context: Ctx) {
    return context.services.environments.attachEnvironment(await workspaceArg(args.workspaceId, context), await loadEnvironment(args.environmentId, context), true);
  },
  async detachEnvironment(_: unknown, args: { workspaceId: string; environmentId: string }, context: Ctx) {
    return context.services.environments.attachEnvironment(await workspaceArg(args.workspaceId, context), await loadEnvironment(args.environmentId, context), false);
  },

  createEnvironment: (_: unknown, args: { input: unknown }, context: Ctx) =>
    context.services.environments.createEnvironment(parseInput(createEnvironmentInput, args.input, 'input')),
  updateEnvironment: (_: unknown, args: { id: string; input: unknown }, context: Ctx) =>
    context.services.environments.updateEnvironment(args.id, parseInput(updateNamedInput, args.input, 'input')),
  deleteEnvironment: (_: unknown, args: { id: string }, context: Ctx) => context.services.environments.deleteEnvironment(args.id),

  createConnection: (_: unknown, args: { input: unknown }, context: Ctx) =>
    context.services.environments.createConnection(parseInput(createConnectionInput, args.input, 'input')),
  async updateConnection(_: unknown, args: { id: string; input: unknown }, context: Ctx) {
    const input = parseInput(updateConnectionInput, args.input, 'input');
    return context.services.environments.updateConnection(await required(loadConnection(args.id, context), 'Connection'), input);
  },
  deleteConnection: (_: unknown, args: { id: string }, context: Ctx) => context.services.environments.deleteConnection(args.id),
  async attachConnection(_: unknown, args: { environmentId: string; connectionId: string }, context: Ctx) {
    const environment = await required(loadEnvironment(args.environmentId, context), 'Environment');
    return context.services.environments.attachConnection(environment, await loadConnection(args.connectionId, context), true);
  },
  async detachConnection(_: unknown, args: { environmentId: string; connectionId: string }, context: Ctx) {
    const environment = await required(loadEnvironment(args.environmentId, context), 'Environment');
    return context.services.environments.attachConnection(environment, await loadConnection(args.connectionId, context), false);
  },

  async createDesign(_: unknown, args: { input: unknown }, context: Ctx) {
    const input = parseInput(createDesignInput, args.input, 'input');
    const workspace = await workspaceArg(input.workspaceId, context);
    return context.services.designs.create(workspace, input, context.viewer.userId ?? null);
  },
  async updateDesign(_: unknown, args: { id: string; input: unknown; expectedRevision: number }, context: Ctx) {
    const input = parseInput(updateDesignInput, args.input, 'input');
    await required(loadDesign(args.id, context), 'Design');
    return context.services.designs.update(args.id, input, args.expectedRevision, context.viewer.userId ?? null);
  },
  deleteDesign: (_: unknown, args: { id: string }, context: Ctx) => context.services.designs.softDelete(args.id),
};
