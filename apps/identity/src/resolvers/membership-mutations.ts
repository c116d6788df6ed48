import { parseInput } from '@controlplane/graphql-kit';
import {
  requireMayDeleteTeam,
  requireMayManageTeam,
  requireMayRemoveTeamMember,
  requireMayRevokeApiKey,
  requireMayRevokeInvitation,
} from '../policy';
import { createApiKeyInput, createTeamInput, inviteMemberInput, updateTeamInput } from '../validation';
import type { MutationResolvers } from './schema-types.generated';

/**
 * Teams, invitations and API keys. Who may call each is in permissions.ts and policy.ts; the
 * policy hands the resolvers the subject it authorized (from the request's loader cache).
 */
export const membershipMutations = {
  createTeam: (_, args, context) =>
    context.services.teams.create(context.viewer, parseInput(createTeamInput, args.input, 'input')),

  updateTeam: async (_, args, context) => {
    const input = parseInput(updateTeamInput, args.input, 'input');
    return context.services.teams.update(context.viewer, await requireMayManageTeam(context, args.id), input);
  },

  deleteTeam: async (_, args, context) =>
    context.services.teams.delete(context.viewer, await requireMayDeleteTeam(context, args.id)),

  addTeamMember: async (_, args, context) => {
    const team = await requireMayManageTeam(context, args.teamId);
    return context.services.teams.addMember(context.viewer, team, args.userId, args.role ?? 'MEMBER');
  },

  removeTeamMember: async (_, args, context) => {
    const team = await requireMayRemoveTeamMember(context, args);
    return context.services.teams.removeMember(context.viewer, team, args.userId);
  },

  inviteMember: (_, args, context) =>
    context.services.invitations.invite(context.viewer, parseInput(inviteMemberInput, args.input, 'input')),

  acceptInvitation: (_, args, context) => context.services.invitations.accept(context.viewer, args.token),

  revokeInvitation: async (_, args, context) =>
    context.services.invitations.revoke(context.viewer, await requireMayRevokeInvitation(context, args.id)),

  createApiKey: (_, args, context) =>
    context.services.apiKeys.create(context.viewer, parseInput(createApiKeyInput, args.input, 'input')),

  revokeApiKey: async (_, args, context) =>
    context.services.apiKeys.revoke(context.viewer, await requireMayRevokeApiKey(context, args.id)),
} satisfies MutationResolvers;
