import { graphqlRequest } from './graphql-client';

export const DEMO_PASSWORD = 'demo-password-2026';

/** The story the demo tells: a platform team and two business units sharing infrastructure designs. */
export const DEMO_USERS = [
  { email: 'alice@platform.demo', displayName: 'Alice Platform (platform owner)' },
  { email: 'bob@payments.demo', displayName: 'Bob Payments (payments owner)' },
  { email: 'carol@retail.demo', displayName: 'Carol Retail (retail owner)' },
  { email: 'dave@payments.demo', displayName: 'Dave Developer (payments, app-team member)' },
  { email: 'sam@security.demo', displayName: 'Sam Security (AUDITOR in every organization)' },
] as const;

type DemoOrganization = {
  owner: string;
  name: string;
  slug: string;
  description: string;
  teams: string[];
  /** Members invited with a role, and the teams (by name) they join. */
  members: { email: string; role: 'ADMIN' | 'MEMBER' | 'AUDITOR'; teams: string[] }[];
};

const AUDITOR: DemoOrganization['members'][number] = { email: 'sam@security.demo', role: 'AUDITOR', teams: [] };

const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    owner: 'alice@platform.demo',
    name: 'Platform Engineering',
    slug: 'platform',
    description: 'Runs the shared clusters and publishes the golden-path designs.',
    teams: ['platform-core', 'sre'],
    members: [AUDITOR],
  },
  {
    owner: 'bob@payments.demo',
    name: 'Payments Business Unit',
    slug: 'payments',
    description: 'Card and ledger services; PCI scope.',
    teams: ['payments-app', 'payments-ops'],
    members: [{ email: 'dave@payments.demo', role: 'MEMBER', teams: ['payments-app'] }, AUDITOR],
  },
  {
    owner: 'carol@retail.demo',
    name: 'Retail Business Unit',
    slug: 'retail',
    description: 'Storefront and catalogue services.',
    teams: ['storefront'],
    members: [AUDITOR],
  },
];

const STAGES = ['dev', 'staging', 'prod'] as const;

type Auth = { token: string; user: { id: string } };

async function signInOrUp(url: string, user: (typeof DEMO_USERS)[number]): Promise<Auth> {
  const logIn = `mutation ($email: String!, $password: String!) { logIn(email: $email, password: $password) { token user { id } } }`;
  try {
    return (await graphqlRequest<{ logIn: Auth }>(url, logIn, { email: user.email, password: DEMO_PASSWORD })).logIn;
  } catch {
    const signUp = `mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id } } }`;
    const input = { email: user.email, displayName: user.displayName, password: DEMO_PASSWORD };
    return (await graphqlRequest<{ signUp: Auth }>(url, signUp, { input })).signUp;
  }
}

/**
 * Seeds the demo through the public API (so it exercises the real rules), and only once: an
 * organization that already exists is left as it is.
 */
export async function seedDemoData(gatewayUrl: string): Promise<{ created: boolean }> {
  const sessions = new Map<string, Auth>();
  for (const user of DEMO_USERS) sessions.set(user.email, await signInOrUp(gatewayUrl, user));
  let created = false;
  for (const organization of DEMO_ORGANIZATIONS) {
    const session = sessions.get(organization.owner) as Auth;
    const existing = await graphqlRequest<{ organizations: { slug: string }[] }>(gatewayUrl, '{ organizations { slug } }', {}, session.token);
    if (existing.organizations.some((found) => found.slug === organization.slug)) continue;
    const { createOrganization } = await graphqlRequest<{ createOrganization: { id: string } }>(
      gatewayUrl,
      `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      { input: { name: organization.name, slug: organization.slug, description: organization.description } },
      session.token,
    );
    const teamIds = new Map<string, string>();
    for (const name of organization.teams) {
      const { createTeam } = await graphqlRequest<{ createTeam: { id: string } }>(
        gatewayUrl,
        `mutation ($input: CreateTeamInput!) { createTeam(input: $input) { id } }`,
        { input: { organizationId: createOrganization.id, name } },
        session.token,
      );
      teamIds.set(name, createTeam.id);
    }
    for (const member of organization.members) {
      const { inviteMember } = await graphqlRequest<{ inviteMember: { token: string } }>(
        gatewayUrl,
        `mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { token } }`,
        { input: { organizationId: createOrganization.id, email: member.email, role: member.role, teamIds: member.teams.map((name) => teamIds.get(name)) } },
        session.token,
      );
      const invitee = sessions.get(member.email) as Auth;
      await graphqlRequest(gatewayUrl, `mutation ($t: String!) { acceptInvitation(token: $t) { role } }`, { t: inviteMember.token }, invitee.token);
    }
    for (const stage of STAGES) {
      await graphqlRequest(
        gatewayUrl,
        `mutation ($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { id } }`,
        { input: { organizationId: createOrganization.id, name: `${organization.slug}-${stage}`, description: `${organization.name}: ${stage} workspace` } },
        session.token,
      );
    }
    created = true;
  }
  return { created };
}
