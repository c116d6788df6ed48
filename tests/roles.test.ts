import { errorCodes, expectData, useStack } from '@controlplane/testkit';
import type { TestOrganization, TestUser } from '@controlplane/testkit';

const { stack, make } = useStack();

const SET_ROLE = `mutation ($o: ID!, $u: ID!, $r: OrgRole!) { setMemberRole(organizationId: $o, userId: $u, role: $r) { role user { id } } }`;
const REMOVE = `mutation ($o: ID!, $u: ID!) { removeMember(organizationId: $o, userId: $u) }`;
const LEAVE = `mutation ($o: ID!) { leaveOrganization(organizationId: $o) }`;

function setRole(actor: TestUser, organization: TestOrganization, user: TestUser, role: string) {
  return stack.as(actor).send(SET_ROLE, { o: organization.id, u: user.id, r: role });
}

async function roleOf(viewer: TestUser, organization: TestOrganization): Promise<string | null> {
  const response = await stack.as(viewer).send(
    `
      query ($id: ID!) {
        organization(id: $id) {
          viewerRole
        }
      }
    `,
    { id: organization.id },
  );
  return response.data?.organization?.viewerRole ?? null;
}

async function setup() {
  const owner = await make.user();
  const organization = await make.organization(owner);
  const admin = await make.member(owner, organization, 'ADMIN');
  const member = await make.member(owner, organization, 'MEMBER');
  return { owner, admin, member, organization };
}

describe('setMemberRole', () => {
  it('lets an ADMIN change a MEMBER to AUDITOR, effective on the very next request', async () => {
    const { admin, member, organization } = await setup();
    expect(expectData(await setRole(admin, organization, member, 'AUDITOR')).setMemberRole.role).toBe(
      'AUDITOR',
    );
    expect(await roleOf(member, organization)).toBe('AUDITOR');
  });

  it('refuses an ADMIN making itself OWNER', async () => {
    const { admin, organization } = await setup();
    expect(errorCodes(await setRole(admin, organization, admin, 'OWNER'))).toEqual(['FORBIDDEN']);
    expect(await roleOf(admin, organization)).toBe('ADMIN');
  });

  it('refuses an ADMIN making anyone OWNER, or changing an OWNER', async () => {
    const { owner, admin, member, organization } = await setup();
    expect(errorCodes(await setRole(admin, organization, member, 'OWNER'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await setRole(admin, organization, owner, 'MEMBER'))).toEqual(['FORBIDDEN']);
    expect(await roleOf(owner, organization)).toBe('OWNER');
  });

  it('lets an OWNER grant OWNER, and then step down while another OWNER remains', async () => {
    const { owner, admin, organization } = await setup();
    expect(expectData(await setRole(owner, organization, admin, 'OWNER')).setMemberRole.role).toBe('OWNER');
    expect(expectData(await setRole(owner, organization, owner, 'MEMBER')).setMemberRole.role).toBe('MEMBER');
  });

  it('never demotes the last OWNER', async () => {
    const { owner, organization } = await setup();
    const response = await setRole(owner, organization, owner, 'ADMIN');
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toMatch(/last OWNER/);
    expect(await roleOf(owner, organization)).toBe('OWNER');
  });

  it('refuses a MEMBER with FORBIDDEN, an outsider with NOT_FOUND and anonymous with UNAUTHENTICATED', async () => {
    const { admin, member, organization } = await setup();
    const outsider = await make.user();
    expect(errorCodes(await setRole(member, organization, admin, 'MEMBER'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await setRole(outsider, organization, member, 'ADMIN'))).toEqual(['NOT_FOUND']);
    expect(await stack.anonymous.codes(SET_ROLE, { o: organization.id, u: member.id, r: 'ADMIN' })).toEqual([
      'UNAUTHENTICATED',
    ]);
  });

  it('answers NOT_FOUND for a user who is not a member', async () => {
    const { owner, organization } = await setup();
    const stranger = await make.user();
    expect(errorCodes(await setRole(owner, organization, stranger, 'ADMIN'))).toEqual(['NOT_FOUND']);
  });

  it('rejects an unknown role value', async () => {
    const { owner, member, organization } = await setup();
    expect(errorCodes(await setRole(owner, organization, member, 'SUPERUSER'))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('removeMember and leaveOrganization', () => {
  it('removes a member with their team memberships and API keys, effective on the next request', async () => {
    const { owner, admin, organization } = await setup();
    const team = await make.team(owner, organization);
    await make.teamMember(owner, team.id, admin);
    const key = await make.apiKey(admin, organization, 'MEMBER');

    expect((await stack.as(owner).data(REMOVE, { o: organization.id, u: admin.id })).removeMember).toBe(true);
    expect(await roleOf(admin, organization)).toBeNull();
    const { me } = await stack.as(admin).data(`
      {
        me {
          teams {
            team {
              id
            }
          }
        }
      }
    `);
    expect(me.teams).toEqual([]);
    const withKey = await stack.as(key).send(`
      {
        organizations {
          id
        }
      }
    `);
    expect(errorCodes(withKey)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses an ADMIN removing an OWNER, and anyone removing the last OWNER', async () => {
    const { owner, admin, organization } = await setup();
    expect(await stack.as(admin).codes(REMOVE, { o: organization.id, u: owner.id })).toEqual(['FORBIDDEN']);
    expect(await stack.as(owner).codes(REMOVE, { o: organization.id, u: owner.id })).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(await roleOf(owner, organization)).toBe('OWNER');
  });

  it('lets a member leave, but never the last OWNER', async () => {
    const { owner, member, organization } = await setup();
    expect((await stack.as(member).data(LEAVE, { o: organization.id })).leaveOrganization).toBe(true);
    expect(await roleOf(member, organization)).toBeNull();
    expect(await stack.as(owner).codes(LEAVE, { o: organization.id })).toEqual(['BAD_USER_INPUT']);
  });

  it('keeps at least one OWNER when two OWNERs step down at the same time', async () => {
    const { owner, admin, organization } = await setup();
    expectData(await setRole(owner, organization, admin, 'OWNER'));
    const results = await Promise.all([
      stack.as(owner).send(LEAVE, { o: organization.id }),
      stack.as(admin).send(LEAVE, { o: organization.id }),
    ]);
    expect(results.filter((result) => result.errors === undefined)).toHaveLength(1);
    const remaining = [await roleOf(owner, organization), await roleOf(admin, organization)];
    expect(remaining.filter((role) => role === 'OWNER')).toHaveLength(1);
  });
});

/** Guards issue 11 (5): an AUDITOR never changes anything, whatever its teams grant. */
describe('an AUDITOR in teams', () => {
  it('stays a workspace VIEWER on a team with ADMIN access, and cannot edit, publish, clone or delete', async () => {
    const { owner, organization } = await setup();
    const team = await make.team(owner, organization);
    const auditor = await make.member(owner, organization, 'AUDITOR', { teamIds: [team.id] });
    const workspace = await make.workspace(owner, organization);
    await make.workspaceGrant(owner, workspace, team, 'ADMIN');
    const design = await make.design(owner, workspace, { name: 'd', content: 'a: 1' });
    const asAuditor = stack.as(auditor);

    expect(
      (await asAuditor.data(`query ($w: ID!) { workspace(id: $w) { viewerRole } }`, { w: workspace.id }))
        .workspace.viewerRole,
    ).toBe('VIEWER');
    expect(
      await asAuditor.codes(
        `mutation ($d: ID!) { updateDesign(id: $d, expectedRevision: 1, input: { content: "a: 2" }) { revision } }`,
        { d: design.id },
      ),
    ).toEqual(['FORBIDDEN']);
    expect(await asAuditor.codes(`mutation ($d: ID!) { deleteDesign(id: $d) }`, { d: design.id })).toEqual([
      'FORBIDDEN',
    ]);
    expect(
      await asAuditor.codes(`mutation ($w: ID!) { deleteWorkspace(id: $w) }`, { w: workspace.id }),
    ).toEqual(['FORBIDDEN']);
    expect(
      await asAuditor.codes(
        `mutation ($w: ID!) { createDesign(input: { workspaceId: $w, name: "x", content: "a: 1" }) { id } }`,
        { w: workspace.id },
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      await asAuditor.codes(
        `mutation ($d: ID!) { publishDesign(input: { designId: $d, name: "by auditor" }) { id } }`,
        { d: design.id },
      ),
    ).toEqual(['FORBIDDEN']);
    const version = await make.catalogVersion(owner, design, { name: 'org item' });
    expect(
      await asAuditor.codes(
        `mutation ($i: ID!, $w: ID!) { cloneCatalogItem(input: { catalogItemId: $i, workspaceId: $w }) { id } }`,
        { i: version.itemId, w: workspace.id },
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('cannot manage a team it MAINTAINs', async () => {
    const { owner, member, organization } = await setup();
    const team = await make.team(owner, organization);
    const auditor = await make.member(owner, organization, 'AUDITOR');
    await make.teamMember(owner, team.id, auditor, 'MAINTAINER');
    const asAuditor = stack.as(auditor);
    expect(
      await asAuditor.codes(
        `mutation ($t: ID!, $u: ID!) { addTeamMember(teamId: $t, userId: $u) { role } }`,
        { t: team.id, u: member.id },
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      await asAuditor.codes(`mutation ($t: ID!) { updateTeam(id: $t, input: { name: "renamed" }) { id } }`, {
        t: team.id,
      }),
    ).toEqual(['FORBIDDEN']);
    // Leaving a team is not a change to the organization's resources: it only gives up access.
    expect(
      (
        await asAuditor.data(`mutation ($t: ID!, $u: ID!) { removeTeamMember(teamId: $t, userId: $u) }`, {
          t: team.id,
          u: auditor.id,
        })
      ).removeTeamMember,
    ).toBe(true);
  });
});
