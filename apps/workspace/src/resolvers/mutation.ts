import { parseInput } from '@controlplane/graphql-kit';
import type { WorkspaceContext } from '../context';
import {
  requireConnection,
  requireConnectionOf,
  requireDesign,
  requireEnvironment,
  requireEnvironmentOf,
  requireGrant,
  requireOrganization,
  requireTeamOf,
  requireWorkspace,
} from '../policy';
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
import { changesData } from './changes-data';

type Ctx = WorkspaceContext;

/** Each subject comes from the policy (the shield rule's answer, from the request's loaders). */
export const Mutation = {
  createWorkspace: changesData(async (_: unknown, args: { input: unknown }, context: Ctx) => {
    const input = parseInput(createWorkspaceInput, args.input, 'input');
    requireOrganization(input.organizationId, 'change', context);
    return context.services.workspaces.create(context.viewer, input);
  }),
  updateWorkspace: changesData(async (_: unknown, args: { id: string; input: unknown }, context: Ctx) => {
    const input = parseInput(updateNamedInput, args.input, 'input');
    const workspace = await requireWorkspace(args.id, 'administer', context);
    return context.services.workspaces.update(context.viewer, workspace, input);
  }),
  deleteWorkspace: changesData(async (_: unknown, args: { id: string }, context: Ctx) =>
    context.services.workspaces.delete(
      context.viewer,
      await requireWorkspace(args.id, 'administer', context),
    ),
  ),

  grantWorkspaceAccess: changesData(
    async (_: unknown, args: { workspaceId: string; teamId: string; role: string }, context: Ctx) => {
      const workspace = await requireWorkspace(args.workspaceId, 'administer', context);
      await requireTeamOf(workspace, args.teamId, context);
      const role = parseInput(workspaceRoleField, args.role, 'role');
      return context.services.workspaces.grant(context.viewer, workspace, args.teamId, role);
    },
  ),
  revokeWorkspaceAccess: changesData(
    async (_: unknown, args: { workspaceId: string; teamId: string }, context: Ctx) => {
      const workspace = await requireWorkspace(args.workspaceId, 'administer', context);
      return context.services.workspaces.revoke(
        context.viewer,
        await requireGrant(workspace, args.teamId, context),
      );
    },
  ),

  attachEnvironment: changesData(
    async (_: unknown, args: { workspaceId: string; environmentId: string }, context: Ctx) => {
      const workspace = await requireWorkspace(args.workspaceId, 'administer', context);
      const environment = await requireEnvironmentOf(workspace, args.environmentId, context);
      return context.services.environments.attachEnvironment(context.viewer, workspace, environment);
    },
  ),
  detachEnvironment: changesData(
    async (_: unknown, args: { workspaceId: string; environmentId: string }, context: Ctx) => {
      const workspace = await requireWorkspace(args.workspaceId, 'administer', context);
      const environment = await requireEnvironmentOf(workspace, args.environmentId, context);
      return context.services.environments.detachEnvironment(context.viewer, workspace, environment);
    },
  ),

  createEnvironment: changesData(async (_: unknown, args: { input: unknown }, context: Ctx) => {
    const input = parseInput(createEnvironmentInput, args.input, 'input');
    requireOrganization(input.organizationId, 'change', context);
    return context.services.environments.createEnvironment(context.viewer, input);
  }),
  updateEnvironment: changesData(async (_: unknown, args: { id: string; input: unknown }, context: Ctx) => {
    const input = parseInput(updateNamedInput, args.input, 'input');
    const environment = await requireEnvironment(args.id, 'change', context);
    return context.services.environments.updateEnvironment(context.viewer, environment, input);
  }),
  deleteEnvironment: changesData(async (_: unknown, args: { id: string }, context: Ctx) =>
    context.services.environments.deleteEnvironment(
      context.viewer,
      await requireEnvironment(args.id, 'change', context),
    ),
  ),

  createConnection: changesData(async (_: unknown, args: { input: unknown }, context: Ctx) => {
    const input = parseInput(createConnectionInput, args.input, 'input');
    requireOrganization(input.organizationId, 'change', context);
    return context.services.environments.createConnection(context.viewer, input);
  }),
  updateConnection: changesData(async (_: unknown, args: { id: string; input: unknown }, context: Ctx) => {
    const input = parseInput(updateConnectionInput, args.input, 'input');
    const connection = await requireConnection(args.id, 'change', context);
    return context.services.environments.updateConnection(context.viewer, connection, input);
  }),
  deleteConnection: changesData(async (_: unknown, args: { id: string }, context: Ctx) =>
    context.services.environments.deleteConnection(
      context.viewer,
      await requireConnection(args.id, 'change', context),
    ),
  ),
  attachConnection: changesData(
    async (_: unknown, args: { environmentId: string; connectionId: string }, context: Ctx) => {
      const environment = await requireEnvironment(args.environmentId, 'change', context);
      const connection = await requireConnectionOf(environment, args.connectionId, context);
      return context.services.environments.attachConnection(context.viewer, environment, connection);
    },
  ),
  detachConnection: changesData(
    async (_: unknown, args: { environmentId: string; connectionId: string }, context: Ctx) => {
      const environment = await requireEnvironment(args.environmentId, 'change', context);
      const connection = await requireConnectionOf(environment, args.connectionId, context);
      return context.services.environments.detachConnection(context.viewer, environment, connection);
    },
  ),

  createDesign: changesData(async (_: unknown, args: { input: unknown }, context: Ctx) => {
    const input = parseInput(createDesignInput, args.input, 'input');
    const workspace = await requireWorkspace(input.workspaceId, 'editDesigns', context);
    return context.services.designs.create(context.viewer, workspace, input);
  }),
  updateDesign: changesData(
    async (_: unknown, args: { id: string; input: unknown; expectedRevision: number }, context: Ctx) => {
      const input = parseInput(updateDesignInput, args.input, 'input');
      const design = await requireDesign(args.id, 'editDesigns', context);
      return context.services.designs.update(context.viewer, design, input, args.expectedRevision);
    },
  ),
  deleteDesign: changesData(async (_: unknown, args: { id: string }, context: Ctx) =>
    context.services.designs.delete(context.viewer, await requireDesign(args.id, 'editDesigns', context)),
  ),
};
