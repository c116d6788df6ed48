import { useStack } from '@controlplane/testkit';

const { stack, make } = useStack();

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
    const created = await stack
      .as(admin)
      .data(CREATE, { input: { organizationId: organization.id, name: 'SRE' } });
    expect(created.createTeam).toMatchObject({ name: 'SRE', organization: { id: organization.id } });
    const named = (name: string) => ({ input: { organizationId: organization.id, name } });
    expect(await stack.as(member).codes(CREATE, named('X'))).toEqual(['FORBIDDEN']);
    expect(await stack.as(outsider).codes(CREATE, named('X'))).toEqual(['NOT_FOUND']);
    expect(await stack.as(admin).codes(CREATE, named(team.name))).toEqual(['CONFLICT']);
  });

  it('lets an ADMIN delete a team but not its MAINTAINER', async () => {
    const { admin, maintainer, team } = await setup();
    expect(await stack.as(maintainer).codes(DELETE, { id: team.id })).toEqual(['FORBIDDEN']);
    expect((await stack.as(admin).data(DELETE, { id: team.id })).deleteTeam).toBe(true);
    expect(await stack.as(admin).codes(`query ($id: ID!) { team(id: $id) { id } }`, { id: team.id })).toEqual(
      ['NOT_FOUND'],
    );
  });
});

describe("a team's MAINTAINER", () => {
  it('updates the team and adds and removes members', async () => {
    const { maintainer, member, team } = await setup();
    expect(
      (await stack.as(maintainer).data(UPDATE, { id: team.id, input: { description: 'On call' } })).updateTeam
        .description,
    ).toBe('On call');
    const added = await stack.as(maintainer).data(ADD, { t: team.id, u: member.id });
    expect(added.addTeamMember).toMatchObject({ role: 'MEMBER', user: { id: member.id } });
    expect((await stack.as(maintainer).data(REMOVE, { t: team.id, u: member.id })).removeTeamMember).toBe(
      true,
    );
  });

  it('cannot add someone outside the organization (NOT_FOUND) or a member twice (CONFLICT)', async () => {
    const { maintainer, member, outsider, team } = await setup();
    expect(await stack.as(maintainer).codes(ADD, { t: team.id, u: outsider.id })).toEqual(['NOT_FOUND']);
    await stack.as(maintainer).data(ADD, { t: team.id, u: member.id });
    expect(await stack.as(maintainer).codes(ADD, { t: team.id, u: member.id })).toEqual(['CONFLICT']);
  });
});

describe('who may not manage a team', () => {
  it('refuses a MEMBER adding itself, and an AUDITOR renaming it, with FORBIDDEN', async () => {
    const { member, auditor, team } = await setup();
    expect(await stack.as(member).codes(ADD, { t: team.id, u: member.id, r: 'MAINTAINER' })).toEqual([
      'FORBIDDEN',
    ]);
    expect(await stack.as(auditor).codes(UPDATE, { id: team.id, input: { name: 'Mine' } })).toEqual([
      'FORBIDDEN',
    ]);
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
      expect(await stack.as(outsider).codes(query, variables)).toEqual(['NOT_FOUND']);
    }
  });

  it('lets a team member leave the team itself', async () => {
    const { owner, member, team } = await setup();
    await make.teamMember(owner, team.id, member);
    expect((await stack.as(member).data(REMOVE, { t: team.id, u: member.id })).removeTeamMember).toBe(true);
  });
});

describe('reading teams', () => {
  it("shows an organization's teams and their members to any member, and the caller's teams in me", async () => {
    const { maintainer, auditor, organization, team } = await setup();
    const data = await stack
      .as(auditor)
      .data(`query ($id: ID!) { organization(id: $id) { teams { id members { role user { id } } } } }`, {
        id: organization.id,
      });
    expect(data.organization.teams).toEqual([
      { id: team.id, members: [{ role: 'MAINTAINER', user: { id: maintainer.id } }] },
    ]);
    const me = await stack.as(maintainer).data(`{ me { teams { role team { id organization { id } } } } }`);
    expect(me.me.teams).toEqual([
      { role: 'MAINTAINER', team: { id: team.id, organization: { id: organization.id } } },
    ]);
  });
});
