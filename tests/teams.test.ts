import {
  createFactories,
  errorCodes,
  expectData,
  graphql,
  startStack,
  type Factories,
  type Stack,
} from '@controlplane/testkit';

let stack: Stack;
let make: Factories;

beforeAll(async () => {
  stack = await startStack();
  make = createFactories(stack.gatewayUrl);
});
afterAll(() => stack.close());

const CREATE = `mutation ($input: CreateTeamInput!) { createTeam(input: $input) { id name organization { id } } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateTeamInput!) { updateTeam(id: $id, input: $input) { name description } }`;
const DELETE = `mutation ($id: ID!) { deleteTeam(id: $id) }`;
const ADD = `mutation ($t: ID!, $u: ID!, $r: TeamRole) { addTeamMember(teamId: $t, userId: $u, role: $r) { role user { id } team { id } } }`;
const REMOVE = `mutation ($t: ID!, $u: ID!) { removeTeamMember(teamId: $t, userId: $u) }`;

async function setup() {
  const owner = await make.user();
  const organization = await make.organization(owner);
  const team = await make.team(owner, organization);
  const [admin, maintainer, member, auditor] = await Promise.all([
    make.member(owner, organization, 'ADMIN'),
    make.member(owner, organization, 'MEMBER'),
    make.member(owner, organization, 'MEMBER'),
    make.member(owner, organization, 'AUDITOR'),
  ]);
  await make.teamMember(owner, team.id, maintainer, 'MAINTAINER');
  return { owner, admin, maintainer, member, auditor, organization, team, outsider: await make.user() };
}

describe('creating and deleting teams', () => {
  it('lets an ADMIN create a team and refuses a MEMBER, an outsider and a duplicate name', async () => {
    const { admin, member, outsider, organization, team } = await setup();
    const created = expectData(
      await graphql(
        stack.gatewayUrl,
        CREATE,
        { input: { organizationId: organization.id, name: 'SRE' } },
        { token: admin.token },
      ),
    );
    expect(created.createTeam).toMatchObject({ name: 'SRE', organization: { id: organization.id } });
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          CREATE,
          { input: { organizationId: organization.id, name: 'X' } },
          { token: member.token },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          CREATE,
          { input: { organizationId: organization.id, name: 'X' } },
          { token: outsider.token },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          CREATE,
          { input: { organizationId: organization.id, name: team.name } },
          { token: admin.token },
        ),
      ),
    ).toEqual(['CONFLICT']);
  });

  it('lets an ADMIN delete a team but not its MAINTAINER', async () => {
    const { admin, maintainer, team } = await setup();
    expect(
      errorCodes(await graphql(stack.gatewayUrl, DELETE, { id: team.id }, { token: maintainer.token })),
    ).toEqual(['FORBIDDEN']);
    expect(
      expectData(await graphql(stack.gatewayUrl, DELETE, { id: team.id }, { token: admin.token })).deleteTeam,
    ).toBe(true);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          `
            query ($id: ID!) {
              team(id: $id) {
                id
              }
            }
          `,
          { id: team.id },
          { token: admin.token },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
  });
});

describe("a team's MAINTAINER", () => {
  it('updates the team and adds and removes members', async () => {
    const { maintainer, member, team } = await setup();
    expect(
      expectData(
        await graphql(
          stack.gatewayUrl,
          UPDATE,
          { id: team.id, input: { description: 'On call' } },
          { token: maintainer.token },
        ),
      ).updateTeam.description,
    ).toBe('On call');
    const added = expectData(
      await graphql(stack.gatewayUrl, ADD, { t: team.id, u: member.id }, { token: maintainer.token }),
    );
    expect(added.addTeamMember).toMatchObject({ role: 'MEMBER', user: { id: member.id } });
    expect(
      expectData(
        await graphql(stack.gatewayUrl, REMOVE, { t: team.id, u: member.id }, { token: maintainer.token }),
      ).removeTeamMember,
    ).toBe(true);
  });

  it('cannot add someone outside the organization (NOT_FOUND) or a member twice (CONFLICT)', async () => {
    const { maintainer, member, outsider, team } = await setup();
    expect(
      errorCodes(
        await graphql(stack.gatewayUrl, ADD, { t: team.id, u: outsider.id }, { token: maintainer.token }),
      ),
    ).toEqual(['NOT_FOUND']);
    expectData(
      await graphql(stack.gatewayUrl, ADD, { t: team.id, u: member.id }, { token: maintainer.token }),
    );
    expect(
      errorCodes(
        await graphql(stack.gatewayUrl, ADD, { t: team.id, u: member.id }, { token: maintainer.token }),
      ),
    ).toEqual(['CONFLICT']);
  });
});

describe('who may not manage a team', () => {
  it('refuses a MEMBER adding itself, and an AUDITOR renaming it, with FORBIDDEN', async () => {
    const { member, auditor, team } = await setup();
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          ADD,
          { t: team.id, u: member.id, r: 'MAINTAINER' },
          { token: member.token },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          UPDATE,
          { id: team.id, input: { name: 'Mine' } },
          { token: auditor.token },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('hides the team from an outsider as NOT_FOUND, whatever the operation', async () => {
    const { outsider, member, team } = await setup();
    for (const [query, variables] of [
      [`query ($id: ID!) { team(id: $id) { id } }`, { id: team.id }],
      [UPDATE, { id: team.id, input: { name: 'Mine' } }],
      [ADD, { t: team.id, u: outsider.id }],
      [REMOVE, { t: team.id, u: member.id }],
      [DELETE, { id: team.id }],
    ] as const) {
      expect(
        errorCodes(await graphql(stack.gatewayUrl, query, variables, { token: outsider.token })),
      ).toEqual(['NOT_FOUND']);
    }
  });

  it('lets a team member leave the team itself', async () => {
    const { owner, member, team } = await setup();
    await make.teamMember(owner, team.id, member);
    expect(
      expectData(
        await graphql(stack.gatewayUrl, REMOVE, { t: team.id, u: member.id }, { token: member.token }),
      ).removeTeamMember,
    ).toBe(true);
  });
});

describe('reading teams', () => {
  it("shows an organization's teams and their members to any member, and the caller's teams in me", async () => {
    const { maintainer, auditor, organization, team } = await setup();
    const data = expectData(
      await graphql(
        stack.gatewayUrl,
        `
          query ($id: ID!) {
            organization(id: $id) {
              teams {
                id
                members {
                  role
                  user {
                    id
                  }
                }
              }
            }
          }
        `,
        { id: organization.id },
        { token: auditor.token },
      ),
    );
    expect(data.organization.teams).toEqual([
      { id: team.id, members: [{ role: 'MAINTAINER', user: { id: maintainer.id } }] },
    ]);
    const me = expectData(
      await graphql(
        stack.gatewayUrl,
        `
          {
            me {
              teams {
                role
                team {
                  id
                  organization {
                    id
                  }
                }
              }
            }
          }
        `,
        {},
        { token: maintainer.token },
      ),
    );
    expect(me.me.teams).toEqual([
      { role: 'MAINTAINER', team: { id: team.id, organization: { id: organization.id } } },
    ]);
  });
});
