import { errorCodes, useStack, type TestUser } from '@controlplane/testkit';

const { stack, make } = useStack();

const UPDATE = `mutation ($id: ID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { name description } }`;
const DELETE = `mutation ($id: ID!) { deleteOrganization(id: $id) }`;

async function organizationWithRoles() {
  const owner = await make.user();
  const organization = await make.organization(owner);
  // One after another: the members list is in joining order.
  const admin = await make.member(owner, organization, 'ADMIN');
  const member = await make.member(owner, organization, 'MEMBER');
  const auditor = await make.member(owner, organization, 'AUDITOR');
  return { owner, admin, member, auditor, organization, outsider: await make.user() };
}

describe('updateOrganization', () => {
  it('lets an OWNER or ADMIN rename and describe it', async () => {
    const { owner, admin, organization } = await organizationWithRoles();
    for (const actor of [owner, admin]) {
      const data = await stack
        .as(actor)
        .data(UPDATE, { id: organization.id, input: { name: 'Renamed', description: 'Now described' } });
      expect(data.updateOrganization).toEqual({ name: 'Renamed', description: 'Now described' });
    }
  });

  it('refuses a MEMBER or AUDITOR with FORBIDDEN and an outsider with NOT_FOUND, changing nothing', async () => {
    const { owner, member, auditor, outsider, organization } = await organizationWithRoles();
    for (const [actor, code] of [
      [member, 'FORBIDDEN'],
      [auditor, 'FORBIDDEN'],
      [outsider, 'NOT_FOUND'],
    ] as const) {
      const response = await stack
        .as(actor)
        .send(UPDATE, { id: organization.id, input: { name: 'Hijacked' } });
      expect(errorCodes(response)).toEqual([code]);
    }
    const anonymous = await stack.anonymous.send(UPDATE, {
      id: organization.id,
      input: { name: 'Hijacked' },
    });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const { organization: after } = await stack
      .as(owner)
      .data(`query ($id: ID!) { organization(id: $id) { name } }`, { id: organization.id });
    expect(after.name).toBe(organization.name);
  });

  it('rejects an empty name with BAD_USER_INPUT', async () => {
    const { owner, organization } = await organizationWithRoles();
    const response = await stack.as(owner).send(UPDATE, { id: organization.id, input: { name: '' } });
    expect(response.errors?.[0]).toMatchObject({
      message: 'input.name: must not be empty',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('deleteOrganization', () => {
  it('is refused to an ADMIN with FORBIDDEN', async () => {
    const { admin, organization } = await organizationWithRoles();
    expect(await stack.as(admin).codes(DELETE, { id: organization.id })).toEqual(['FORBIDDEN']);
  });

  it('lets an OWNER soft-delete it, after which it and its workspaces are invisible to everyone', async () => {
    const { owner, member, organization } = await organizationWithRoles();
    const workspace = await make.workspace(owner, organization);
    expect((await stack.as(owner).data(DELETE, { id: organization.id })).deleteOrganization).toBe(true);

    for (const actor of [owner, member]) {
      const read = `query ($id: ID!) { organization(id: $id) { id } }`;
      expect(await stack.as(actor).codes(read, { id: organization.id })).toEqual(['NOT_FOUND']);
      const lists = await stack
        .as(actor)
        .data(`{ organizations { id } me { organizations { organization { id } } } }`);
      expect(lists).toEqual({ organizations: [], me: { organizations: [] } });
      const ws = `query ($id: ID!) { workspace(id: $id) { id } }`;
      expect(await stack.as(actor).codes(ws, { id: workspace.id })).toEqual(['NOT_FOUND']);
    }
    const bySlug = await stack
      .as(owner)
      .send(`query ($slug: String!) { organization(slug: $slug) { id } }`, { slug: organization.slug });
    expect(errorCodes(bySlug)).toEqual(['NOT_FOUND']);
  });
});

describe('reading an organization', () => {
  it("finds it by slug for members, with the caller's role", async () => {
    const { admin, auditor, organization } = await organizationWithRoles();
    for (const [actor, role] of [
      [admin, 'ADMIN'],
      [auditor, 'AUDITOR'],
    ] as const) {
      const data = await stack
        .as(actor)
        .data(`query ($slug: String!) { organization(slug: $slug) { id viewerRole } }`, {
          slug: organization.slug,
        });
      expect(data.organization).toEqual({ id: organization.id, viewerRole: role });
    }
  });

  it('refuses both or neither of id and slug with BAD_USER_INPUT', async () => {
    const { owner, organization } = await organizationWithRoles();
    const both = await stack
      .as(owner)
      .send(`query ($id: ID!, $slug: String!) { organization(id: $id, slug: $slug) { id } }`, {
        id: organization.id,
        slug: organization.slug,
      });
    const neither = await stack.as(owner).send(`{ organization { id } }`);
    expect(errorCodes(both)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(neither)).toEqual(['BAD_USER_INPUT']);
  });

  it('pages through members in joining order with a total count', async () => {
    const { owner, admin, member, auditor, organization } = await organizationWithRoles();
    const query = `query ($id: ID!, $after: String) { organization(id: $id) { members(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { role user { id } } } } }`;
    const first = (await stack.as(member).data(query, { id: organization.id })).organization.members;
    expect(first.totalCount).toBe(4);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (
      await stack.as(member).data(query, { id: organization.id, after: first.pageInfo.endCursor })
    ).organization.members;
    expect(second.pageInfo.hasNextPage).toBe(false);
    const ids = [...first.nodes, ...second.nodes].map((node: { user: { id: string } }) => node.user.id);
    expect(ids).toEqual([owner.id, admin.id, member.id, auditor.id]);
  });

  it('rejects first over 100 and a forged cursor with BAD_USER_INPUT', async () => {
    const { owner, organization } = await organizationWithRoles();
    const tooMany = await stack
      .as(owner)
      .send(`query ($id: ID!) { organization(id: $id) { members(first: 101) { totalCount } } }`, {
        id: organization.id,
      });
    expect(tooMany.errors?.[0]).toMatchObject({
      message: 'first: must be between 0 and 100',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const forged = await stack
      .as(owner)
      .send(`query ($id: ID!) { organization(id: $id) { members(after: "bm9wZQ") { totalCount } } }`, {
        id: organization.id,
      });
    expect(errorCodes(forged)).toEqual(['BAD_USER_INPUT']);
  });

  it("shows members' emails to OWNER and ADMIN only; everyone sees their own", async () => {
    const { owner, admin, member, organization } = await organizationWithRoles();
    const query = `query ($id: ID!) { organization(id: $id) { members { nodes { user { id email } } } } }`;
    const emailsSeenBy = async (viewer: TestUser) =>
      (await stack.as(viewer).data(query, { id: organization.id })).organization.members.nodes.map(
        (node: { user: { id: string; email: string | null } }) => node.user,
      );
    expect((await emailsSeenBy(admin)).every((user: { email: string | null }) => user.email !== null)).toBe(
      true,
    );
    expect((await emailsSeenBy(owner)).find((user: { id: string }) => user.id === member.id).email).toBe(
      member.email,
    );
    const memberView = await emailsSeenBy(member);
    expect(memberView.find((user: { id: string }) => user.id === owner.id).email).toBeNull();
    expect(memberView.find((user: { id: string }) => user.id === member.id).email).toBe(member.email);
  });
});
