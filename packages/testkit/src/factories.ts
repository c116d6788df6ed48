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
  return {
    async user(overrides: { email?: string; displayName?: string } = {}): Promise<TestUser> {
      const email = overrides.email ?? `${unique('user')}@example.test`;
      const displayName = overrides.displayName ?? unique('User');
      const { signUp } = expectData(
        await graphql<{ signUp: { token: string; user: { id: string } } }>(
          gatewayUrl,
          `mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id } } }`,
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
          `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id slug name } }`,
          { input: { name } },
          { token: owner.token },
        ),
      );
      return createOrganization;
    },

    async workspace(actor: TestUser, organization: TestOrganization, overrides: { name?: string } = {}): Promise<TestWorkspace> {
      const name = overrides.name ?? unique('ws');
      const { createWorkspace } = expectData(
        await graphql<{ createWorkspace: { id: string; name: string } }>(
          gatewayUrl,
          `mutation ($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { id name } }`,
          { input: { organizationId: organization.id, name } },
          { token: actor.token },
        ),
      );
      return { ...createWorkspace, organizationId: organization.id };
    },
  };
}

export type Factories = ReturnType<typeof createFactories>;
