import { parseInput } from '@controlplane/graphql-kit';
import {
  requireEnvironmentOf,
  requireGrant,
  requireOrganization,
  requireTeamOf,
  requireWorkspace,
} from '../policy';
import { createWorkspaceInput, updateNamedInput } from '../validation';
import { changesData } from './changes-data';
import type { MutationResolvers } from './schema-types.generated';

/** Workspaces, their team grants and attached environments; each subject comes from the policy. */
export const workspaceMutations = {
  createWorkspace: changesData(async (_parent, args, context) => {
    const input = parseInput(createWorkspaceInput, args.input, 'input');
    requireOrganization(input.organizationId, 'change', context);
    return context.services.workspaces.create(context.viewer, input);
  }),
  updateWorkspace: changesData(async (_parent, args, context) => {
    const input = parseInput(updateNamedInput, args.input, 'input');
    const workspace = await requireWorkspace(args.id, 'administer', context);
    return context.services.workspaces.update(context.viewer, workspace, input);
  }),
  deleteWorkspace: changesData(async (_parent, args, context) =>
    context.services.workspaces.delete(
      context.viewer,
      await requireWorkspace(args.id, 'administer', context),
    ),
  ),

  grantWorkspaceAccess: changesData(async (_parent, args, context) => {
    const workspace = await requireWorkspace(args.workspaceId, 'administer', context);
    await requireTeamOf(workspace, args.teamId, context);
    return context.services.workspaces.grant(context.viewer, workspace, args.teamId, args.role);
  }),
  revokeWorkspaceAccess: changesData(async (_parent, args, context) => {
    const workspace = await requireWorkspace(args.workspaceId, 'administer', context);
    return context.services.workspaces.revoke(
      context.viewer,
      await requireGrant(workspace, args.teamId, context),
    );
  }),

  attachEnvironment: changesData(async (_parent, args, context) => {
    const workspace = await requireWorkspace(args.workspaceId, 'administer', context);
    const environment = await requireEnvironmentOf(workspace, args.environmentId, context);
    return context.services.environments.attachEnvironment(context.viewer, workspace, environment);
  }),
  detachEnvironment: changesData(async (_parent, args, context) => {
    const workspace = await requireWorkspace(args.workspaceId, 'administer', context);
    const environment = await requireEnvironmentOf(workspace, args.environmentId, context);
    return context.services.environments.detachEnvironment(context.viewer, workspace, environment);
  }),
} satisfies MutationResolvers;
