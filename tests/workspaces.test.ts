import { errorCodes, useStack, type TestUser } from '@controlplane/testkit';

const { stack, make } = useStack();

const READ = `query ($id: ID!) { workspace(id: $id) { id viewerRole } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateWorkspaceInput!) { updateWorkspace(id: $id, input: $input) { name } }`;
const GRANT = `mutation ($w: ID!, $t: ID!, $r: WorkspaceRole!) { grantWorkspaceAccess(workspaceId: $w, teamId: $t, role: $r) { role team { id } workspace { id } } }`;
const REVOKE = `mutation ($w: ID!, $t: ID!) { revokeWorkspaceAccess(workspaceId: $w, teamId: $t) }`;

/** An organization with one workspace and a member in each interesting position. */
async function setup() {
  const owner = await make.user();
  const organization = await make.organization(owner);
  const workspace = await make.workspace(owner, organization);
  const team = await make.team(owner, organization);
  const member = await make.member(owner, organization, 'MEMBER'); // no team: no access
  const teamUser = await make.member(owner, organization, 'MEMBER', { teamIds: [team.id] });
  const auditor = await make.member(owner, organization, 'AUDITOR');
  const admin = await make.member(owner, organization, 'ADMIN');
  return {
    owner,
    admin,
    member,
    teamUser,
    auditor,
    organization,
    workspace,
    team,
    outsider: await make.user(),
  };
}

async function roleIn(user: TestUser, workspaceId: string) {
  const response = await stack.as(user).send(READ, { id: workspaceId });
  return response.errors ? errorCodes(response)[0] : response.data.workspace.viewerRole;
}

describe('who sees a workspace', () => {
  it('gives OWNER and ADMIN the ADMIN role and AUDITOR the VIEWER role', async () => {
    const { owner, admin, auditor, workspace } = await setup();
    expect(await roleIn(owner, workspace.id)).toBe('ADMIN');
    expect(await roleIn(admin, workspace.id)).toBe('ADMIN');
    expect(await roleIn(auditor, workspace.id)).toBe('VIEWER');
  });

  it('hides it from a MEMBER without a team grant, another tenant and an anonymous caller', async () => {
    const { member, outsider, workspace } = await setup();
    expect(await roleIn(member, workspace.id)).toBe('NOT_FOUND');
    expect(await roleIn(outsider, workspace.id)).toBe('NOT_FOUND');
    expect(await stack.anonymous.codes(READ, { id: workspace.id })).toEqual(['UNAUTHENTICATED']);
  });

  it('lists exactly the workspaces single reads allow', async () => {
    const { owner, teamUser, organization, workspace, team } = await setup();
    const other = await make.workspace(owner, organization);
    await stack.as(owner).data(GRANT, { w: workspace.id, t: team.id, r: 'VIEWER' });
    const { organization: seen } = await stack
      .as(teamUser)
      .data(`query ($id: ID!) { organization(id: $id) { workspaces { id } } }`, { id: organization.id });
    expect(seen.workspaces).toEqual([{ id: workspace.id }]);
    expect(await roleIn(teamUser, other.id)).toBe('NOT_FOUND');
  });
});

describe('team grants', () => {
  it("raise a team member's role on the next request, and revoking removes it on the next request", async () => {
    const { owner, teamUser, workspace, team } = await setup();
    expect(await roleIn(teamUser, workspace.id)).toBe('NOT_FOUND');
    const granted = await stack.as(owner).data(GRANT, { w: workspace.id, t: team.id, r: 'EDITOR' });
    expect(granted.grantWorkspaceAccess).toEqual({
      role: 'EDITOR',
      team: { id: team.id },
      workspace: { id: workspace.id },
    });
    expect(await roleIn(teamUser, workspace.id)).toBe('EDITOR');
    await stack.as(owner).data(GRANT, { w: workspace.id, t: team.id, r: 'ADMIN' });
    expect(await roleIn(teamUser, workspace.id)).toBe('ADMIN');
    expect((await stack.as(owner).data(REVOKE, { w: workspace.id, t: team.id })).revokeWorkspaceAccess).toBe(
      true,
    );
    expect(await roleIn(teamUser, workspace.id)).toBe('NOT_FOUND');
  });

  it('show on both sides: Workspace.grants and Team.workspaceGrants', async () => {
    const { owner, workspace, team } = await setup();
    await stack.as(owner).data(GRANT, { w: workspace.id, t: team.id, r: 'VIEWER' });
    const data = await stack
      .as(owner)
      .data(
        `query ($w: ID!, $t: ID!) { workspace(id: $w) { grants { role team { id name } } } team(id: $t) { workspaceGrants { role workspace { id } } } }`,
        { w: workspace.id, t: team.id },
      );
    expect(data.workspace.grants).toEqual([{ role: 'VIEWER', team: { id: team.id, name: team.name } }]);
    expect(data.team.workspaceGrants).toEqual([{ role: 'VIEWER', workspace: { id: workspace.id } }]);
  });

  it('refuse a team of another organization as NOT_FOUND', async () => {
    const { owner, workspace } = await setup();
    const elsewhere = await make.organization(owner);
    const foreignTeam = await make.team(owner, elsewhere);
    expect(await stack.as(owner).codes(GRANT, { w: workspace.id, t: foreignTeam.id, r: 'ADMIN' })).toEqual([
      'NOT_FOUND',
    ]);
  });

  it('may be given only by a workspace ADMIN: an EDITOR gets FORBIDDEN', async () => {
    const { owner, teamUser, workspace, team } = await setup();
    await stack.as(owner).data(GRANT, { w: workspace.id, t: team.id, r: 'EDITOR' });
    expect(await stack.as(teamUser).codes(GRANT, { w: workspace.id, t: team.id, r: 'ADMIN' })).toEqual([
      'FORBIDDEN',
    ]);
    expect(await stack.as(teamUser).codes(UPDATE, { id: workspace.id, input: { name: 'mine' } })).toEqual([
      'FORBIDDEN',
    ]);
  });

  it('make a team grant of ADMIN a workspace ADMIN', async () => {
    const { owner, teamUser, workspace, team } = await setup();
    await stack.as(owner).data(GRANT, { w: workspace.id, t: team.id, r: 'ADMIN' });
    expect(
      (await stack.as(teamUser).data(UPDATE, { id: workspace.id, input: { name: 'by-team-admin' } }))
        .updateWorkspace.name,
    ).toBe('by-team-admin');
  });
});

describe('changing workspaces', () => {
  it('refuses creation to a MEMBER (FORBIDDEN) and an outsider (NOT_FOUND)', async () => {
    const { member, outsider, organization } = await setup();
    const create = `mutation ($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { id } }`;
    const input = { organizationId: organization.id, name: 'x' };
    expect(await stack.as(member).codes(create, { input })).toEqual(['FORBIDDEN']);
    expect(await stack.as(outsider).codes(create, { input })).toEqual(['NOT_FOUND']);
  });

  it('soft-deletes a workspace, which then disappears for everyone', async () => {
    const { owner, auditor, organization, workspace } = await setup();
    expect(
      (await stack.as(owner).data(`mutation ($id: ID!) { deleteWorkspace(id: $id) }`, { id: workspace.id }))
        .deleteWorkspace,
    ).toBe(true);
    expect(await roleIn(owner, workspace.id)).toBe('NOT_FOUND');
    expect(await roleIn(auditor, workspace.id)).toBe('NOT_FOUND');
    const list = await stack
      .as(owner)
      .data(`query ($id: ID!) { organization(id: $id) { workspaces { id } } }`, { id: organization.id });
    expect(list.organization.workspaces).toEqual([]);
  });

  it('refuses a VIEWER deleting it and an outsider updating it', async () => {
    const { auditor, outsider, workspace } = await setup();
    expect(
      await stack.as(auditor).codes(`mutation ($id: ID!) { deleteWorkspace(id: $id) }`, { id: workspace.id }),
    ).toEqual(['FORBIDDEN']);
    expect(await stack.as(outsider).codes(UPDATE, { id: workspace.id, input: { name: 'x' } })).toEqual([
      'NOT_FOUND',
    ]);
  });
});
