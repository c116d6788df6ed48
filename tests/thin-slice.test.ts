import { errorCodes, expectData, useStack, type GraphQLClient } from '@controlplane/testkit';

const { stack, make } = useStack();

/** A new user's organization, and another user outside it. */
async function organizationAndOutsider() {
  const owner = await make.user();
  const outsider = await make.user();
  return { owner, outsider, organization: await make.organization(owner) };
}

describe('the thin slice through all three subgraphs', () => {
  it('creates an organization and workspaces and reads them back in one query across identity, workspace and catalog', async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    await make.workspace(owner, organization, { name: 'dev' });
    await make.workspace(owner, organization, { name: 'prod' });

    stack.resetCounters();
    const response = await stack
      .as(owner)
      .send(
        `query ($id: ID!) { organization(id: $id) { id name viewerRole workspaces { name viewerRole organization { id } } catalogItems { id } } catalog(first: 5, filter: { publisherOrganizationId: $id }) { totalCount nodes { id } pageInfo { hasNextPage } } }`,
        { id: organization.id },
      );
    const data = expectData(response);
    expect(data.organization).toMatchObject({ id: organization.id, viewerRole: 'OWNER', catalogItems: [] });
    expect(data.organization.workspaces.map((w: { name: string }) => w.name)).toEqual(['dev', 'prod']);
    expect(data.organization.workspaces[0]).toMatchObject({
      viewerRole: 'ADMIN',
      organization: { id: organization.id },
    });
    expect(data.catalog).toEqual({ totalCount: 0, nodes: [], pageInfo: { hasNextPage: false } });
    expect(stack.subgraphRequests.identity).toBeGreaterThan(0);
    expect(stack.subgraphRequests.workspace).toBeGreaterThan(0);
    expect(stack.subgraphRequests.catalog).toBeGreaterThan(0);
  });

  it('hides an organization of another tenant as NOT_FOUND, with null data', async () => {
    const { outsider, organization } = await organizationAndOutsider();
    const response = await stack
      .as(outsider)
      .send(`query ($id: ID!) { organization(id: $id) { id name } }`, { id: organization.id });
    expect(response.data?.organization).toBeNull();
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
  });

  it('answers a nonexistent organization id exactly like a foreign one', async () => {
    const { outsider, organization: foreign } = await organizationAndOutsider();
    const query = `query ($id: ID!) { organization(id: $id) { id } }`;
    const a = await stack.as(outsider).send(query, { id: foreign.id });
    const b = await stack.as(outsider).send(query, { id: '00000000-0000-7000-8000-000000000000' });
    const c = await stack.as(outsider).send(query, { id: 'not-a-uuid' });
    expect(b.errors).toEqual(a.errors);
    expect(c.errors).toEqual(a.errors);
  });

  it('refuses to create a workspace in an organization the caller does not belong to, as NOT_FOUND', async () => {
    const { owner, outsider, organization } = await organizationAndOutsider();
    const create = `mutation ($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { id } }`;
    const input = { organizationId: organization.id, name: 'sneaky' };
    expect(await stack.as(outsider).codes(create, { input })).toEqual(['NOT_FOUND']);
    const check = await stack
      .as(owner)
      .data(`query ($id: ID!) { organization(id: $id) { workspaces { id } } }`, { id: organization.id });
    expect(check.organization.workspaces).toEqual([]);
  });

  it("lists only the caller's own organizations", async () => {
    const alice = await make.user();
    const bob = await make.user();
    const mine = await make.organization(alice);
    await make.organization(bob);
    const { organizations } = await stack.as(alice).data(`{ organizations { id } }`);
    expect(organizations).toEqual([{ id: mine.id }]);
  });

  it('requires sign-in to create an organization or a workspace', async () => {
    const createOrganization = await stack.anonymous.send(
      `mutation { createOrganization(input: { name: "Anon" }) { id } }`,
    );
    expect(errorCodes(createOrganization)).toEqual(['UNAUTHENTICATED']);
    const createWorkspace = await stack.anonymous.send(
      `mutation { createWorkspace(input: { organizationId: "00000000-0000-7000-8000-000000000000", name: "x" }) { id } }`,
    );
    expect(errorCodes(createWorkspace)).toEqual(['UNAUTHENTICATED']);
  });

  it('derives a valid slug from the name and rejects a malformed one', async () => {
    const owner = await make.user();
    const derived = await stack
      .as(owner)
      .data(`mutation { createOrganization(input: { name: "Ünïcode Ops & Co!" }) { slug } }`);
    expect(derived.createOrganization.slug).toMatch(/^unicode-ops-co(-[0-9a-f]{6})?$/);
    const malformed = await stack
      .as(owner)
      .send(`mutation { createOrganization(input: { name: "X", slug: "Bad Slug" }) { id } }`);
    expect(errorCodes(malformed)).toEqual(['BAD_USER_INPUT']);
    expect(malformed.errors?.[0]?.message).toMatch(/^input\.slug: /);
  });

  it('rejects empty and oversized names with the field and the reason', async () => {
    const owner = await make.user();
    const empty = await stack
      .as(owner)
      .send(`mutation { createOrganization(input: { name: "   " }) { id } }`);
    expect(empty.errors?.[0]).toMatchObject({
      message: 'input.name: must not be empty',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const long = await stack
      .as(owner)
      .send(`mutation ($name: String!) { createOrganization(input: { name: $name }) { id } }`, {
        name: 'x'.repeat(101),
      });
    expect(long.errors?.[0]).toMatchObject({
      message: 'input.name: must be at most 100 characters',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  /** Guards the catalog's listing rule: a publisher's ORGANIZATION items never reach non-members. */
  it("lists a publisher's PUBLIC items only to anonymous callers and other tenants, and none before its first", async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    // Another tenant: a member of an organization of its own, not of the publisher.
    const outsider = await make.user();
    await make.organization(outsider);
    const query = `query ($p: ID!) { catalog(filter: { publisherOrganizationId: $p }) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`;
    const response = await stack.anonymous.send(query, { p: organization.id });
    expect(response.errors).toBeUndefined();
    expect(response.data.catalog).toEqual({
      totalCount: 0,
      nodes: [],
      pageInfo: { hasNextPage: false, endCursor: null },
    });

    const workspace = await make.workspace(owner, organization);
    const internal = await make.catalogVersion(owner, await make.design(owner, workspace), {
      visibility: 'ORGANIZATION',
    });
    const shared = await make.catalogVersion(owner, await make.design(owner, workspace), {
      visibility: 'PUBLIC',
    });
    await make.approval(owner, shared);
    const listedFor = async (client: GraphQLClient) =>
      (await client.data(query, { p: organization.id })).catalog;
    // The publisher's members list both, so the ORGANIZATION item is there to be hidden.
    const listedForOwner = await listedFor(stack.as(owner));
    expect(listedForOwner.totalCount).toBe(2);
    expect(listedForOwner.nodes.map((node: { id: string }) => node.id).sort()).toEqual(
      [internal.itemId, shared.itemId].sort(),
    );
    const nonMembers = { anonymous: stack.anonymous, 'another tenant': stack.as(outsider) };
    for (const [caller, client] of Object.entries(nonMembers)) {
      expect({ caller, catalog: await listedFor(client) }).toMatchObject({
        caller,
        catalog: { totalCount: 1, nodes: [{ id: shared.itemId }] },
      });
    }
  });
});
