import { randomUUID } from 'node:crypto';
import type { OrgRole, TeamRole, WorkspaceRole } from '@controlplane/auth';
import { createClient, type Credential } from './client';

export const TEST_PASSWORD = 'correct-horse-battery';

export type TestUser = { id: string; email: string; displayName: string; token: string };
export type TestOrganization = { id: string; slug: string; name: string };
export type TestWorkspace = { id: string; name: string; organizationId: string };
/** Anything the API names by id. */
type Ref = { id: string };
/** A catalog version and the item it belongs to. */
export type TestCatalogVersion = { id: string; itemId: string };

/** A short unique suffix: tests never share rows, so they may run in any order or in parallel. */
export function unique(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/**
 * Chained factories over the public API: each makes real rows through the gateway with unique
 * names, so tests need no truncation and can run in parallel. Each fails with the errors when the
 * gateway refuses, so a test never goes on from setup that did not happen.
 */
export function createFactories(gatewayUrl: string) {
  const as = (actor: Credential) => createClient(gatewayUrl, actor);
  const factories = {
    async user(overrides: { email?: string; displayName?: string } = {}): Promise<TestUser> {
      const email = overrides.email ?? `${unique('user')}@example.test`;
      const displayName = overrides.displayName ?? unique('User');
      const { signUp } = await createClient(gatewayUrl).data<{
        signUp: { token: string; user: { id: string } };
      }>(`mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id } } }`, {
        input: { email, displayName, password: TEST_PASSWORD },
      });
      return { id: signUp.user.id, email, displayName, token: signUp.token };
    },

    /** `user` signed in once more (logIn): the same user with the token of a new session. */
    async session(user: TestUser, password: string = TEST_PASSWORD): Promise<TestUser> {
      const { logIn } = await createClient(gatewayUrl).data<{ logIn: { token: string } }>(
        `mutation ($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }`,
        { email: user.email, password },
      );
      return { ...user, token: logIn.token };
    },

    async organization(owner: TestUser, overrides: { name?: string } = {}): Promise<TestOrganization> {
      const name = overrides.name ?? unique('Org');
      const { createOrganization } = await as(owner).data<{ createOrganization: TestOrganization }>(
        `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id slug name } }`,
        { input: { name } },
      );
      return createOrganization;
    },

    /** A new user who joins `organization` with `role` (and teams) through a real invitation. */
    async member(
      inviter: TestUser,
      organization: TestOrganization,
      role: OrgRole,
      options: { teamIds?: string[] } = {},
    ): Promise<TestUser> {
      const user = await factories.user();
      const token = await factories.invitation(inviter, organization, user.email, role, options);
      await as(user).data(`mutation ($t: String!) { acceptInvitation(token: $t) { role } }`, { t: token });
      return user;
    },

    /** An invitation token for `email`, from a user or an API key. */
    async invitation(
      inviter: Credential,
      organization: TestOrganization,
      email: string,
      role: OrgRole,
      options: { teamIds?: string[] } = {},
    ): Promise<string> {
      const { inviteMember } = await as(inviter).data<{ inviteMember: { token: string } }>(
        `mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { token } }`,
        { input: { organizationId: organization.id, email, role, teamIds: options.teamIds ?? [] } },
      );
      return inviteMember.token;
    },

    /** Gives a member of `organization` another role (a promotion or a demotion). */
    async memberRole(
      actor: TestUser,
      organization: TestOrganization,
      member: Ref,
      role: OrgRole,
    ): Promise<void> {
      await as(actor).data(
        `mutation ($o: ID!, $u: ID!, $r: OrgRole!) { setMemberRole(organizationId: $o, userId: $u, role: $r) { role } }`,
        { o: organization.id, u: member.id, r: role },
      );
    },

    /** A new owner's organization, with a second user it made ADMIN through an invitation. */
    async organizationWithAdmin(): Promise<{
      owner: TestUser;
      admin: TestUser;
      organization: TestOrganization;
    }> {
      const owner = await factories.user();
      const organization = await factories.organization(owner);
      return { owner, admin: await factories.member(owner, organization, 'ADMIN'), organization };
    },

    async team(
      actor: TestUser,
      organization: TestOrganization,
      overrides: { name?: string } = {},
    ): Promise<{ id: string; name: string }> {
      const { createTeam } = await as(actor).data<{ createTeam: { id: string; name: string } }>(
        `mutation ($input: CreateTeamInput!) { createTeam(input: $input) { id name } }`,
        { input: { organizationId: organization.id, name: overrides.name ?? unique('team') } },
      );
      return createTeam;
    },

    async teamMember(
      actor: TestUser,
      teamId: string,
      user: TestUser,
      role: TeamRole = 'MEMBER',
    ): Promise<void> {
      await as(actor).data(
        `mutation ($t: ID!, $u: ID!, $r: TeamRole) { addTeamMember(teamId: $t, userId: $u, role: $r) { role } }`,
        { t: teamId, u: user.id, r: role },
      );
    },

    /** An API key secret acting in `organization` with `role`. */
    async apiKey(
      creator: TestUser,
      organization: TestOrganization,
      role: 'ADMIN' | 'MEMBER' | 'AUDITOR',
    ): Promise<{ id: string; secret: string }> {
      const { createApiKey } = await as(creator).data<{
        createApiKey: { secret: string; apiKey: { id: string } };
      }>(`mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }`, {
        input: { organizationId: organization.id, name: unique('key'), role },
      });
      return { id: createApiKey.apiKey.id, secret: createApiKey.secret };
    },

    async workspace(
      actor: TestUser,
      organization: TestOrganization,
      overrides: { name?: string } = {},
    ): Promise<TestWorkspace> {
      const name = overrides.name ?? unique('ws');
      const { createWorkspace } = await as(actor).data<{ createWorkspace: { id: string; name: string } }>(
        `mutation ($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { id name } }`,
        { input: { organizationId: organization.id, name } },
      );
      return { ...createWorkspace, organizationId: organization.id };
    },

    /** Gives `team` a role on `workspace`. */
    async workspaceGrant(actor: TestUser, workspace: Ref, team: Ref, role: WorkspaceRole): Promise<void> {
      await as(actor).data(
        `mutation ($w: ID!, $t: ID!, $r: WorkspaceRole!) { grantWorkspaceAccess(workspaceId: $w, teamId: $t, role: $r) { role } }`,
        { w: workspace.id, t: team.id, r: role },
      );
    },

    /** A design at revision 1 (a one-line YAML document unless `content` is given). */
    async design(
      actor: TestUser,
      workspace: { id: string },
      overrides: { name?: string; content?: string } = {},
    ): Promise<{ id: string }> {
      const { createDesign } = await as(actor).data<{ createDesign: { id: string } }>(
        `mutation ($input: CreateDesignInput!) { createDesign(input: $input) { id } }`,
        {
          input: {
            workspaceId: workspace.id,
            name: overrides.name ?? unique('design'),
            content: overrides.content ?? 'a: 1',
          },
        },
      );
      return createDesign;
    },

    /**
     * A catalog version of `design`: a new item unless `catalogItemId` is given, ORGANIZATION
     * (published at once) unless `visibility` says PUBLIC (then it awaits review: see `approval`).
     */
    async catalogVersion(
      actor: TestUser,
      design: { id: string },
      overrides: {
        name?: string;
        catalogItemId?: string;
        visibility?: 'PUBLIC' | 'ORGANIZATION';
        summary?: string;
        tags?: string[];
        category?: string;
      } = {},
    ): Promise<TestCatalogVersion> {
      const { catalogItemId, ...rest } = overrides;
      const named =
        catalogItemId === undefined ? { name: unique('Item'), ...rest } : { catalogItemId, ...rest };
      const { publishDesign } = await as(actor).data<{ publishDesign: { id: string; item: { id: string } } }>(
        `mutation ($input: PublishDesignInput!) { publishDesign(input: $input) { id item { id } } }`,
        { input: { designId: design.id, ...named } },
      );
      return { id: publishDesign.id, itemId: publishDesign.item.id };
    },

    /** Approves a version awaiting review, which publishes it. */
    async approval(reviewer: TestUser, version: { id: string }): Promise<void> {
      await as(reviewer).data(
        `mutation ($id: ID!) { reviewCatalogVersion(versionId: $id, decision: APPROVE) { status } }`,
        { id: version.id },
      );
    },
  };
  return factories;
}

export type Factories = ReturnType<typeof createFactories>;
