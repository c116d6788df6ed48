import {
  createFactories,
  errorCodes,
  expectData,
  graphql,
  startStack,
  type Factories,
  type Stack,
  type TestUser,
} from '@controlplane/testkit';

let stack: Stack;
let make: Factories;

beforeAll(async () => {
  stack = await startStack();
  make = createFactories(stack.gatewayUrl);
});
afterAll(() => stack.close());

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
  const response = await graphql(stack.gatewayUrl, READ, { id: workspaceId }, { token: user.token });
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
    expect(errorCodes(await graphql(stack.gatewayUrl, READ, { id: workspace.id }))).toEqual([
      'UNAUTHENTICATED',
    ]);
  });

  it('lists exactly the workspaces single reads allow', async () => {
    const { owner, teamUser, organization, workspace, team } = await setup();
    const other = await make.workspace(owner, organization);
    expectData(
      await graphql(
        stack.gatewayUrl,
        GRANT,
        { w: workspace.id, t: team.id, r: 'VIEWER' },
        { token: owner.token },
      ),
    );
    const { organization: seen } = expectData(
      await graphql(
        stack.gatewayUrl,
        `
          query ($id: ID!) {
            organization(id: $id) {
              workspaces {
                id
              }
            }
          }
        `,
        { id: organization.id },
        { token: teamUser.token },
      ),
    );
    expect(seen.workspaces).toEqual([{ id: workspace.id }]);
    expect(await roleIn(teamUser, other.id)).toBe('NOT_FOUND');
  });
});

describe('team grants', () => {
  it("raise a team member's role on the next request, and revoking removes it on the next request", async () => {
    const { owner, teamUser, workspace, team } = await setup();
    expect(await roleIn(teamUser, workspace.id)).toBe('NOT_FOUND');
    const granted = expectData(
      await graphql(
        stack.gatewayUrl,
        GRANT,
        { w: workspace.id, t: team.id, r: 'EDITOR' },
        { token: owner.token },
      ),
    );
    expect(granted.grantWorkspaceAccess).toEqual({
      role: 'EDITOR',
      team: { id: team.id },
      workspace: { id: workspace.id },
    });
    expect(await roleIn(teamUser, workspace.id)).toBe('EDITOR');
    expectData(
      await graphql(
        stack.gatewayUrl,
        GRANT,
        { w: workspace.id, t: team.id, r: 'ADMIN' },
        { token: owner.token },
      ),
    );
    expect(await roleIn(teamUser, workspace.id)).toBe('ADMIN');
    expect(
      expectData(
        await graphql(stack.gatewayUrl, REVOKE, { w: workspace.id, t: team.id }, { token: owner.token }),
      ).revokeWorkspaceAccess,
    ).toBe(true);
    expect(await roleIn(teamUser, workspace.id)).toBe('NOT_FOUND');
  });

  it('show on both sides: Workspace.grants and Team.workspaceGrants', async () => {
    const { owner, workspace, team } = await setup();
    expectData(
      await graphql(
        stack.gatewayUrl,
        GRANT,
        { w: workspace.id, t: team.id, r: 'VIEWER' },
        { token: owner.token },
      ),
    );
    const data = expectData(
      await graphql(
        stack.gatewayUrl,
        `
          query ($w: ID!, $t: ID!) {
            workspace(id: $w) {
              grants {
                role
                team {
                  id
                  name
                }
              }
            }
            team(id: $t) {
              workspaceGrants {
                role
                workspace {
                  id
                }
              }
            }
          }
        `,
        { w: workspace.id, t: team.id },
        { token: owner.token },
      ),
    );
    expect(data.workspace.grants).toEqual([{ role: 'VIEWER', team: { id: team.id, name: team.name } }]);
    expect(data.team.workspaceGrants).toEqual([{ role: 'VIEWER', workspace: { id: workspace.id } }]);
  });

  it('refuse a team of another organization as NOT_FOUND', async () => {
    const { owner, workspace } = await setup();
    const elsewhere = await make.organization(owner);
    const foreignTeam = await make.team(owner, elsewhere);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          GRANT,
          { w: workspace.id, t: foreignTeam.id, r: 'ADMIN' },
          { token: owner.token },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
  });

  it('may be given only by a workspace ADMIN: an EDITOR gets FORBIDDEN', async () => {
    const { owner, teamUser, workspace, team } = await setup();
    expectData(
      await graphql(
        stack.gatewayUrl,
        GRANT,
        { w: workspace.id, t: team.id, r: 'EDITOR' },
        { token: owner.token },
      ),
    );
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          GRANT,
          { w: workspace.id, t: team.id, r: 'ADMIN' },
          { token: teamUser.token },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          UPDATE,
          { id: workspace.id, input: { name: 'mine' } },
          { token: teamUser.token },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('make a team grant of ADMIN a workspace ADMIN', async () => {
    const { owner, teamUser, workspace, team } = await setup();
    expectData(
      await graphql(
        stack.gatewayUrl,
        GRANT,
        { w: workspace.id, t: team.id, r: 'ADMIN' },
        { token: owner.token },
      ),
    );
    expect(
      expectData(
        await graphql(
          stack.gatewayUrl,
          UPDATE,
          { id: workspace.id, input: { name: 'by-team-admin' } },
          { token: teamUser.token },
        ),
      ).updateWorkspace.name,
    ).toBe('by-team-admin');
  });
});

describe('changing workspaces', () => {
  it('refuses creation to a MEMBER (FORBIDDEN) and an outsider (NOT_FOUND)', async () => {
    const { member, outsider, organization } = await setup();
    const create = `mutation ($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { id } }`;
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          create,
          { input: { organizationId: organization.id, name: 'x' } },
          { token: member.token },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          create,
          { input: { organizationId: organization.id, name: 'x' } },
          { token: outsider.token },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
  });

  it('soft-deletes a workspace, which then disappears for everyone', async () => {
    const { owner, auditor, organization, workspace } = await setup();
    expect(
      expectData(
        await graphql(
          stack.gatewayUrl,
          `
            mutation ($id: ID!) {
              deleteWorkspace(id: $id)
            }
          `,
          { id: workspace.id },
          { token: owner.token },
        ),
      ).deleteWorkspace,
    ).toBe(true);
    expect(await roleIn(owner, workspace.id)).toBe('NOT_FOUND');
    expect(await roleIn(auditor, workspace.id)).toBe('NOT_FOUND');
    const list = expectData(
      await graphql(
        stack.gatewayUrl,
        `
          query ($id: ID!) {
            organization(id: $id) {
              workspaces {
                id
              }
            }
          }
        `,
        { id: organization.id },
        { token: owner.token },
      ),
    );
    expect(list.organization.workspaces).toEqual([]);
  });

  it('refuses a VIEWER deleting it and an outsider updating it', async () => {
    const { auditor, outsider, workspace } = await setup();
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          `
            mutation ($id: ID!) {
              deleteWorkspace(id: $id)
            }
          `,
          { id: workspace.id },
          { token: auditor.token },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          UPDATE,
          { id: workspace.id, input: { name: 'x' } },
          { token: outsider.token },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
  });
});
