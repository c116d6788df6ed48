import { useStack, type TestOrganization, type TestUser } from '@controlplane/testkit';

/**
 * Guards issue 11 (6): fields computed from the caller's memberships reflect changes made earlier
 * in the same request, in the subgraph that made them and in every subgraph fetched after it.
 */
const { stack, make } = useStack();

async function workspaceWithDesign(owner: TestUser, organization: TestOrganization) {
  const workspace = await make.workspace(owner, organization);
  const design = await make.design(owner, workspace, { name: 'd', content: 'a: 1' });
  return { workspace, design };
}

describe("a request that changes the caller's own memberships", () => {
  it('answers createOrganization with viewerRole OWNER and the member-only lists', async () => {
    const user = await make.user();
    const created = (
      await stack
        .as(user)
        .data(
          `mutation { createOrganization(input: { name: "Same Request" }) { viewerRole members { totalCount } teams { id } workspaces { id } } }`,
        )
    ).createOrganization;
    expect(created).toEqual({ viewerRole: 'OWNER', members: { totalCount: 1 }, teams: [], workspaces: [] });
  });

  it('answers acceptInvitation with the new role, and the workspace subgraph sees the new membership', async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const { workspace } = await workspaceWithDesign(owner, organization);
    const invitee = await make.user();
    const token = await make.invitation(owner, organization, invitee.email, 'ADMIN');
    const accepted = (
      await stack
        .as(invitee)
        .data(
          `mutation ($t: String!) { acceptInvitation(token: $t) { role organization { viewerRole workspaces { id viewerRole } } } }`,
          { t: token },
        )
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
    const changed = (
      await stack
        .as(owner)
        .data(
          `mutation ($o: ID!, $u: ID!) { setMemberRole(organizationId: $o, userId: $u, role: ADMIN) { role organization { viewerRole } } }`,
          { o: organization.id, u: owner.id },
        )
    ).setMemberRole;
    expect(changed).toEqual({ role: 'ADMIN', organization: { viewerRole: 'ADMIN' } });
  });

  it("loses a team's workspace access for the rest of the operation once it leaves the team", async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const { workspace, design } = await workspaceWithDesign(owner, organization);
    const team = await make.team(owner, organization);
    const editor = await make.member(owner, organization, 'MEMBER', { teamIds: [team.id] });
    await make.workspaceGrant(owner, workspace, team, 'EDITOR');
    const response = await stack
      .as(editor)
      .send(
        `mutation ($t: ID!, $u: ID!, $d: ID!) { left: removeTeamMember(teamId: $t, userId: $u) edited: updateDesign(id: $d, expectedRevision: 1, input: { content: "a: 2" }) { revision } }`,
        { t: team.id, u: editor.id, d: design.id },
      );
    // updateDesign is non-null, so its refusal nulls the whole answer; the team change stands.
    expect(response.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['edited'], 'NOT_FOUND'],
    ]);
    const after = await stack
      .as(owner)
      .data(
        `query ($d: ID!, $t: ID!) { design(id: $d) { revision } team(id: $t) { members { user { id } } } }`,
        { d: design.id, t: team.id },
      );
    expect(after).toEqual({ design: { revision: 1 }, team: { members: [] } });
  });

  it('changes nothing more in an organization once it left it, within the same operation', async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const { design } = await workspaceWithDesign(owner, organization);
    const admin = await make.member(owner, organization, 'ADMIN');
    const response = await stack
      .as(admin)
      .send(
        `mutation ($o: ID!, $d: ID!) { left: leaveOrganization(organizationId: $o) deleted: deleteDesign(id: $d) }`,
        { o: organization.id, d: design.id },
      );
    expect(response.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['deleted'], 'NOT_FOUND'],
    ]);
    expect(
      await stack
        .as(admin)
        .codes(`query ($o: ID!) { organization(id: $o) { viewerRole } }`, { o: organization.id }),
    ).toEqual(['NOT_FOUND']);
    expect(
      (await stack.as(owner).data(`query ($d: ID!) { design(id: $d) { id } }`, { d: design.id })).design.id,
    ).toBe(design.id);
  });
});
