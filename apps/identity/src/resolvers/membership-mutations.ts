import { parseInput } from '@controlplane/graphql-kit';
import type { IdentityContext } from '../context';
import {
  requireMayManageTeam,
  requireMayDeleteTeam,
  requireMayRemoveTeamMember,
  requireMayRevokeApiKey,
  requireMayRevokeInvitation,
} from '../policy';
import {
  createApiKeyInput,
  createTeamInput,
  inviteMemberInput,
  teamRoleField,
  updateTeamInput,
} from '../validation';

type Ctx = IdentityContext;

/**
 * Teams, invitations and API keys. Who may call each is in permissions.ts and policy.ts; the
 * policy hands the resolvers the subject it authorized (from the request's loader cache).
 */
export const membershipMutations = {
  createTeam(_: unknown, args: { input: unknown }, context: Ctx) {
    return context.services.teams.create(context.viewer, parseInput(createTeamInput, args.input, 'input'));
  },

  async updateTeam(_: unknown, args: { id: string; input: unknown }, context: Ctx) {
    const input = parseInput(updateTeamInput, args.input, 'input');
    return context.services.teams.update(context.viewer, await requireMayManageTeam(context, args.id), input);
  },

  async deleteTeam(_: unknown, args: { id: string }, context: Ctx) {
    return context.services.teams.delete(context.viewer, await requireMayDeleteTeam(context, args.id));
  },

  async addTeamMember(
    _: unknown,
    args: { teamId: string; userId: string; role?: string | null },
    context: Ctx,
  ) {
    const role = parseInput(teamRoleField, args.role ?? 'MEMBER', 'role');
    const team = await requireMayManageTeam(context, args.teamId);
    return context.services.teams.addMember(context.viewer, team, args.userId, role);
  },

  async removeTeamMember(_: unknown, args: { teamId: string; userId: string }, context: Ctx) {
    const team = await requireMayRemoveTeamMember(context, args);
    return context.services.teams.removeMember(context.viewer, team, args.userId);
  },

  inviteMember(_: unknown, args: { input: unknown }, context: Ctx) {
    return context.services.invitations.invite(
      context.viewer,
      parseInput(inviteMemberInput, args.input, 'input'),
    );
  },

  acceptInvitation(_: unknown, args: { token: string }, context: Ctx) {
    return context.services.invitations.accept(context.viewer, args.token);
  },

  async revokeInvitation(_: unknown, args: { id: string }, context: Ctx) {
    const invitation = await requireMayRevokeInvitation(context, args.id);
    return context.services.invitations.revoke(context.viewer, invitation);
  },

  createApiKey(_: unknown, args: { input: unknown }, context: Ctx) {
    return context.services.apiKeys.create(
      context.viewer,
      parseInput(createApiKeyInput, args.input, 'input'),
    );
  },

  async revokeApiKey(_: unknown, args: { id: string }, context: Ctx) {
    const apiKey = await requireMayRevokeApiKey(context, args.id);
    return context.services.apiKeys.revoke(context.viewer, apiKey);
  },
};
