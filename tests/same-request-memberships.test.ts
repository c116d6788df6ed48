import {
  createFactories,
  errorCodes,
  expectData,
  graphql,
  startStack,
  type Factories,
  type Stack,
} from '@controlplane/testkit';

/**
 * Guards issue 11 (6): fields computed from the caller's memberships reflect changes made earlier
 * in the same request, in the subgraph that made them and in every subgraph fetched after it.
 */
let stack: Stack;
let make: Factories;

beforeAll(async () => {
  stack = await startStack();
  make = createFactories(stack.gatewayUrl);
});
afterAll(() => stack.close());

async function workspaceWithDesign(
  owner: Awaited<ReturnType<Factories['user']>>,
  organization: { id: string; slug: string; name: string },
) {
  const workspace = await make.workspace(owner, organization);
  const design = expectData(
    await graphql(
      stack.gatewayUrl,
      `
        mutation ($w: ID!) {
          createDesign(input: { workspaceId: $w, name: "d", content: "a: 1" }) {
            id
          }
        }
      `,
      { w: workspace.id },
      { token: owner.token },
    ),
  ).createDesign;
  return { workspace, design };
}

describe("a request that changes the caller's own memberships", () => {
  it('answers createOrganization with viewerRole OWNER and the member-only lists', async () => {
    const user = await make.user();
    const created = expectData(
      await graphql(
        stack.gatewayUrl,
        `
          mutation {
            createOrganization(input: { name: "Same Request" }) {
              viewerRole
              members {
                totalCount
              }
              teams {
                id
              }
              workspaces {
                id
              }
            }
          }
        `,
        {},
        { token: user.token },
      ),
    ).createOrganization;
    expect(created).toEqual({ viewerRole: 'OWNER', members: { totalCount: 1 }, teams: [], workspaces: [] });
  });

  it('answers acceptInvitation with the new role, and the workspace subgraph sees the new membership', async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const { workspace } = await workspaceWithDesign(owner, organization);
    const invitee = await make.user();
    const token = await make.invitation(owner, organization, invitee.email, 'ADMIN');
    const accepted = expectData(
      await graphql(
        stack.gatewayUrl,
        `
          mutation ($t: String!) {
            acceptInvitation(token: $t) {
              role
              organization {
                viewerRole
                workspaces {
                  id
                  viewerRole
                }
              }
            }
          }
        `,
        { t: token },
        { token: invitee.token },
      ),
    ).acceptInvitation;
    expect(accepted).toEqual({
      role: 'ADMIN',
      organization: { viewerRole: 'ADMIN', workspaces: [{ id: workspace.id, viewerRole: 'ADMIN' }] },
    });
  });

  it('answers setMemberRole on oneself with the new role', async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    await make.member(owner, organization, 'OWNER');
    const changed = expectData(
      await graphql(
        stack.gatewayUrl,
        `
          mutation ($o: ID!, $u: ID!) {
            setMemberRole(organizationId: $o, userId: $u, role: ADMIN) {
              role
              organization {
                viewerRole
              }
            }
          }
        `,
        { o: organization.id, u: owner.id },
        { token: owner.token },
      ),
    ).setMemberRole;
    expect(changed).toEqual({ role: 'ADMIN', organization: { viewerRole: 'ADMIN' } });
  });

  it("loses a team's workspace access for the rest of the operation once it leaves the team", async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const { workspace, design } = await workspaceWithDesign(owner, organization);
    const team = await make.team(owner, organization);
    const editor = await make.member(owner, organization, 'MEMBER', { teamIds: [team.id] });
    expectData(
      await graphql(
        stack.gatewayUrl,
        `
          mutation ($w: ID!, $t: ID!) {
            grantWorkspaceAccess(workspaceId: $w, teamId: $t, role: EDITOR) {
              role
            }
          }
        `,
        { w: workspace.id, t: team.id },
        { token: owner.token },
      ),
    );
    const response = await graphql(
      stack.gatewayUrl,
      `
        mutation ($t: ID!, $u: ID!, $d: ID!) {
          left: removeTeamMember(teamId: $t, userId: $u)
          edited: updateDesign(id: $d, expectedRevision: 1, input: { content: "a: 2" }) {
            revision
          }
        }
      `,
      { t: team.id, u: editor.id, d: design.id },
      { token: editor.token },
    );
    // updateDesign is non-null, so its refusal nulls the whole answer; the team change stands.
    expect(response.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['edited'], 'NOT_FOUND'],
    ]);
    const after = expectData(
      await graphql(
        stack.gatewayUrl,
        `
          query ($d: ID!, $t: ID!) {
            design(id: $d) {
              revision
            }
            team(id: $t) {
              members {
                user {
                  id
                }
              }
            }
          }
        `,
        { d: design.id, t: team.id },
        { token: owner.token },
      ),
    );
    expect(after).toEqual({ design: { revision: 1 }, team: { members: [] } });
  });

  it('changes nothing more in an organization once it left it, within the same operation', async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const { design } = await workspaceWithDesign(owner, organization);
    const admin = await make.member(owner, organization, 'ADMIN');
    const response = await graphql(
      stack.gatewayUrl,
      `
        mutation ($o: ID!, $d: ID!) {
          left: leaveOrganization(organizationId: $o)
          deleted: deleteDesign(id: $d)
        }
      `,
      { o: organization.id, d: design.id },
      { token: admin.token },
    );
    expect(response.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['deleted'], 'NOT_FOUND'],
    ]);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          `
            query ($o: ID!) {
              organization(id: $o) {
                viewerRole
              }
            }
          `,
          { o: organization.id },
          { token: admin.token },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(
      expectData(
        await graphql(
          stack.gatewayUrl,
          `
            query ($d: ID!) {
              design(id: $d) {
                id
              }
            }
          `,
          { d: design.id },
          { token: owner.token },
        ),
      ).design.id,
    ).toBe(design.id);
  });
});
