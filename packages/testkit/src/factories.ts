import { randomUUID } from 'node:crypto';
import { expectData, graphql } from './client';

export const TEST_PASSWORD = 'correct-horse-battery';

export type TestUser = { id: string; email: string; displayName: string; token: string };
export type TestOrganization = { id: string; slug: string; name: string };
export type TestWorkspace = { id: string; name: string; organizationId: string };

/** A short unique suffix: tests never share rows, so they may run in any order or in parallel. */
export function unique(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/**
 * Chained factories over the public API: each makes real rows through the gateway with unique
 * names, so tests need no truncation and can run in parallel.
 */
export function createFactories(gatewayUrl: string) {
  const factories = {
    async user(overrides: { email?: string; displayName?: string } = {}): Promise<TestUser> {
      const email = overrides.email ?? `${unique('user')}@example.test`;
      const displayName = overrides.displayName ?? unique('User');
      const { signUp } = expectData(
        await graphql<{ signUp: { token: string; user: { id: string } } }>(
          gatewayUrl,
          `
            mutation ($input: SignUpInput!) {
              signUp(input: $input) {
                token
                user {
                  id
                }
              }
            }
          `,
          { input: { email, displayName, password: TEST_PASSWORD } },
        ),
      );
      return { id: signUp.user.id, email, displayName, token: signUp.token };
    },

    async organization(owner: TestUser, overrides: { name?: string } = {}): Promise<TestOrganization> {
      const name = overrides.name ?? unique('Org');
      const { createOrganization } = expectData(
        await graphql<{ createOrganization: TestOrganization }>(
          gatewayUrl,
          `
            mutation ($input: CreateOrganizationInput!) {
              createOrganization(input: $input) {
                id
                slug
                name
              }
            }
          `,
          { input: { name } },
          { token: owner.token },
        ),
      );
      return createOrganization;
    },

    /** A new user who joins `organization` with `role` (and teams) through a real invitation. */
    async member(
      inviter: TestUser,
      organization: TestOrganization,
      role: 'OWNER' | 'ADMIN' | 'MEMBER' | 'AUDITOR',
      options: { teamIds?: string[] } = {},
    ): Promise<TestUser> {
      const user = await factories.user();
      const token = await factories.invitation(inviter, organization, user.email, role, options);
      expectData(
        await graphql(
          gatewayUrl,
          `
            mutation ($t: String!) {
              acceptInvitation(token: $t) {
                role
              }
            }
          `,
          { t: token },
          { token: user.token },
        ),
      );
      return user;
    },

    /** An invitation token for `email`. */
    async invitation(
      inviter: TestUser,
      organization: TestOrganization,
      email: string,
      role: 'OWNER' | 'ADMIN' | 'MEMBER' | 'AUDITOR',
      options: { teamIds?: string[] } = {},
    ): Promise<string> {
      const { inviteMember } = expectData(
        await graphql<{ inviteMember: { token: string } }>(
          gatewayUrl,
          `
            mutation ($input: InviteMemberInput!) {
              inviteMember(input: $input) {
                token
              }
            }
          `,
          { input: { organizationId: organization.id, email, role, teamIds: options.teamIds ?? [] } },
          { token: inviter.token },
        ),
      );
      return inviteMember.token;
    },

    async team(
      actor: TestUser,
      organization: TestOrganization,
      overrides: { name?: string } = {},
    ): Promise<{ id: string; name: string }> {
      const { createTeam } = expectData(
        await graphql<{ createTeam: { id: string; name: string } }>(
          gatewayUrl,
          `
            mutation ($input: CreateTeamInput!) {
              createTeam(input: $input) {
                id
                name
              }
            }
          `,
          { input: { organizationId: organization.id, name: overrides.name ?? unique('team') } },
          { token: actor.token },
        ),
      );
      return createTeam;
    },

    async teamMember(
      actor: TestUser,
      teamId: string,
      user: TestUser,
      role: 'MAINTAINER' | 'MEMBER' = 'MEMBER',
    ): Promise<void> {
      expectData(
        await graphql(
          gatewayUrl,
          `
            mutation ($t: ID!, $u: ID!, $r: TeamRole) {
              addTeamMember(teamId: $t, userId: $u, role: $r) {
                role
              }
            }
          `,
          { t: teamId, u: user.id, r: role },
          { token: actor.token },
        ),
      );
    },

    /** An API key secret acting in `organization` with `role`. */
    async apiKey(
      creator: TestUser,
      organization: TestOrganization,
      role: 'ADMIN' | 'MEMBER' | 'AUDITOR',
    ): Promise<{ id: string; secret: string }> {
      const { createApiKey } = expectData(
        await graphql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
          gatewayUrl,
          `
            mutation ($input: CreateApiKeyInput!) {
              createApiKey(input: $input) {
                secret
                apiKey {
                  id
                }
              }
            }
          `,
          { input: { organizationId: organization.id, name: unique('key'), role } },
          { token: creator.token },
        ),
      );
      return { id: createApiKey.apiKey.id, secret: createApiKey.secret };
    },

    async workspace(
      actor: TestUser,
      organization: TestOrganization,
      overrides: { name?: string } = {},
    ): Promise<TestWorkspace> {
      const name = overrides.name ?? unique('ws');
      const { createWorkspace } = expectData(
        await graphql<{ createWorkspace: { id: string; name: string } }>(
          gatewayUrl,
          `
            mutation ($input: CreateWorkspaceInput!) {
              createWorkspace(input: $input) {
                id
                name
              }
            }
          `,
          { input: { organizationId: organization.id, name } },
          { token: actor.token },
        ),
      );
      return { ...createWorkspace, organizationId: organization.id };
    },
  };
  return factories;
}

export type Factories = ReturnType<typeof createFactories>;
