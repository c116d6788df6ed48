import { notFound } from '@controlplane/errors';
import { isWellFormedId, parseInput } from '@controlplane/graphql-kit';
import type { IdentityContext } from '../context';
import { loadTeam } from '../rules';
import {
  createApiKeyInput,
  createTeamInput,
  inviteMemberInput,
  teamRoleField,
  updateTeamInput,
} from '../validation';

type Ctx = IdentityContext;

/** Loaded again here (from the request's DataLoader cache) after the shield rule checked access. */
async function teamOf(id: string, context: Ctx) {
  const team = await loadTeam(id, context);
  if (team === null) throw notFound('Team');
  return team;
}

/** Teams, invitations and API keys. Who may call each is in permissions.ts. */
export const membershipMutations = {
  createTeam(_: unknown, args: { input: unknown }, context: Ctx) {
    return context.services.teams.create(context.viewer, parseInput(createTeamInput, args.input, 'input'));
  },

  async updateTeam(_: unknown, args: { id: string; input: unknown }, context: Ctx) {
    const input = parseInput(updateTeamInput, args.input, 'input');
    return context.services.teams.update(context.viewer, await teamOf(args.id, context), input);
  },

  async deleteTeam(_: unknown, args: { id: string }, context: Ctx) {
    return context.services.teams.delete(context.viewer, await teamOf(args.id, context));
  },

  async addTeamMember(
    _: unknown,
    args: { teamId: string; userId: string; role?: string | null },
    context: Ctx,
  ) {
    const role = parseInput(teamRoleField, args.role ?? 'MEMBER', 'role');
    if (!isWellFormedId(args.userId)) throw notFound('User');
    return context.services.teams.addMember(
      context.viewer,
      await teamOf(args.teamId, context),
      args.userId,
      role,
    );
  },

  async removeTeamMember(_: unknown, args: { teamId: string; userId: string }, context: Ctx) {
    if (!isWellFormedId(args.userId)) throw notFound('TeamMembership');
    return context.services.teams.removeMember(
      context.viewer,
      await teamOf(args.teamId, context),
      args.userId,
    );
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
    const invitation = await context.loaders.invitation.load(args.id);
    if (invitation === null) throw notFound('Invitation');
    return context.services.invitations.revoke(context.viewer, invitation);
  },

  createApiKey(_: unknown, args: { input: unknown }, context: Ctx) {
    return context.services.apiKeys.create(
      context.viewer,
      parseInput(createApiKeyInput, args.input, 'input'),
    );
  },

  async revokeApiKey(_: unknown, args: { id: string }, context: Ctx) {
    const apiKey = await context.loaders.apiKey.load(args.id);
    if (apiKey === null) throw notFound('ApiKey');
    return context.services.apiKeys.revoke(context.viewer, apiKey);
  },
};
