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

/**
 * Guards issue 11 (1, 2): one tenant's deletions never break another tenant's catalog, and a
 * clone shows only where it came from once its reader can no longer see the item.
 */
const MANIFEST = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: baseline\n';
const PUBLISH = `mutation ($input: PublishDesignInput!) { publishDesign(input: $input) { id item { id } } }`;
const APPROVE = `mutation ($id: ID!) { reviewCatalogVersion(versionId: $id, decision: APPROVE) { status } }`;
const CLONE = `mutation ($i: ID!, $w: ID!) { cloneCatalogItem(input: { catalogItemId: $i, workspaceId: $w }) { id } }`;

/** Everything a catalog reader lists, with the publisher and lineage of each item. */
const LISTINGS = `query ($o: ID!, $d: ID!) {
  catalog(first: 100) { totalCount nodes { id name publisher { id name slug } latestVersion { version } derivedFrom { name publisher { name } } derivatives { name publisher { name } } } }
  organization(id: $o) { catalogItems { id name publisher { name } } }
  design(id: $d) { clonedFrom { id version item { id name slug } } }
}`;
const ANONYMOUS_LISTING = `{ catalog(first: 100) { totalCount nodes { id name publisher { id name slug } latestVersion { version } derivedFrom { name publisher { name } } derivatives { name publisher { name } } } } }`;

type Tenant = {
  owner: TestUser;
  organization: { id: string; slug: string; name: string };
  workspace: { id: string };
  design: string;
};

function tenantsOf(stack: Stack, make: Factories) {
  const as = <T = any>(user: TestUser | undefined, query: string, variables: Record<string, unknown> = {}) =>
    graphql<T>(stack.gatewayUrl, query, variables, user === undefined ? {} : { token: user.token });
  async function tenant(name: string): Promise<Tenant> {
    const owner = await make.user();
    const organization = await make.organization(owner, { name: `${name} ${owner.id.slice(-6)}` });
    const workspace = await make.workspace(owner, organization);
    const design = expectData(
      await as(
        owner,
        `mutation ($w: ID!) { createDesign(input: { workspaceId: $w, name: "d", content: "${MANIFEST.replace(/\n/g, '\\n')}" }) { id } }`,
        { w: workspace.id },
      ),
    ).createDesign.id;
    return { owner, organization, workspace, design };
  }
  /** Publishes the tenant's design as a PUBLIC item (from a clone: a derivative) and approves it. */
  async function publishPublic(tenant: Tenant, designId: string, name: string): Promise<string> {
    const version = expectData(
      await as(tenant.owner, PUBLISH, { input: { designId, name, visibility: 'PUBLIC' } }),
    ).publishDesign;
    expectData(await as(tenant.owner, APPROVE, { id: version.id }));
    return version.item.id;
  }
  async function clone(tenant: Tenant, itemId: string): Promise<string> {
    return expectData(await as(tenant.owner, CLONE, { i: itemId, w: tenant.workspace.id })).cloneCatalogItem
      .id;
  }
  return { as, tenant, publishPublic, clone };
}

describe('deleting a publishing organization', () => {
  let stack: Stack;
  let make: Factories;
  beforeAll(async () => {
    stack = await startStack();
    make = createFactories(stack.gatewayUrl);
  });
  afterAll(() => stack.close());

  it('withdraws its items once the catalog hears of it; clones keep their origin and nobody can clone again', async () => {
    const { as, tenant, publishPublic, clone } = tenantsOf(stack, make);
    const publisher = await tenant('Publisher');
    const reader = await tenant('Reader');
    const itemId = await publishPublic(publisher, publisher.design, 'Doomed baseline');
    const cloned = await clone(reader, itemId);

    expectData(
      await as(publisher.owner, `mutation ($o: ID!) { deleteOrganization(id: $o) }`, {
        o: publisher.organization.id,
      }),
    );
    await stack.flushOutboxes();

    for (const caller of [undefined, reader.owner]) {
      const listed = expectData(await as(caller, ANONYMOUS_LISTING)).catalog.nodes.map(
        (node: { id: string }) => node.id,
      );
      expect(listed).not.toContain(itemId);
      expect(
        errorCodes(await as(caller, `query ($i: ID!) { catalogItem(id: $i) { id } }`, { i: itemId })),
      ).toEqual(['NOT_FOUND']);
      expect(
        errorCodes(
          await as(caller, `query ($o: ID!) { organization(id: $o) { name } }`, {
            o: publisher.organization.id,
          }),
        ),
      ).toEqual(['NOT_FOUND']);
    }
    expect(errorCodes(await as(reader.owner, CLONE, { i: itemId, w: reader.workspace.id }))).toEqual([
      'NOT_FOUND',
    ]);
    const origin = expectData(
      await as(
        reader.owner,
        `query ($d: ID!) { design(id: $d) { clonedFrom { version item { id name } } } }`,
        { d: cloned },
      ),
    );
    expect(origin.design.clonedFrom).toEqual({
      version: '1.0.0',
      item: { id: itemId, name: 'Doomed baseline' },
    });
  });

  it('never leaves a listing without data, whatever is deleted in whatever order', async () => {
    const { as, tenant, publishPublic, clone } = tenantsOf(stack, make);
    // Four tenants, each publishing; each clones the previous one's item and publishes it back as a derivative.
    const tenants = [
      await tenant('Alpha'),
      await tenant('Bravo'),
      await tenant('Charlie'),
      await tenant('Delta'),
    ];
    const items: string[] = [];
    for (const [index, current] of tenants.entries()) {
      items.push(await publishPublic(current, current.design, `Own ${index}`));
      if (index > 0)
        items.push(
          await publishPublic(current, await clone(current, items[index - 1] as string), `Derived ${index}`),
        );
    }
    // A tenant that is never deleted holds a clone of every item.
    const observer = await tenant('Observer');
    const clones: string[] = [];
    for (const itemId of items) clones.push(await clone(observer, itemId));

    // A seeded order, different from creation order, so lineage is cut from both ends.
    for (const victim of [tenants[2], tenants[0], tenants[3], tenants[1]] as Tenant[]) {
      expectData(
        await as(victim.owner, `mutation ($o: ID!) { deleteOrganization(id: $o) }`, {
          o: victim.organization.id,
        }),
      );
      for (const settled of [false, true]) {
        if (settled) await stack.flushOutboxes();
        const anonymous = await as(undefined, ANONYMOUS_LISTING);
        expect({ settled, errors: anonymous.errors }).toEqual({ settled, errors: undefined });
        expect(anonymous.data?.catalog).not.toBeNull();
        for (const design of clones) {
          const seen = await as(observer.owner, LISTINGS, { o: observer.organization.id, d: design });
          expect({ settled, design, errors: seen.errors }).toEqual({ settled, design, errors: undefined });
          expect(seen.data?.design.clonedFrom).not.toBeNull();
        }
      }
    }
  }, 120_000);
});

describe('while the catalog has not heard of a deletion yet', () => {
  let stack: Stack;
  let make: Factories;
  // Identity's event relay cannot reach the catalog: its events wait in the outbox.
  beforeAll(async () => {
    stack = await startStack({ serviceEnv: { identity: { CATALOG_URL: 'http://127.0.0.1:9/graphql' } } });
    make = createFactories(stack.gatewayUrl);
  });
  afterAll(() => stack.close());

  it('still names the deleted publisher by its public profile, so listings answer with data', async () => {
    const { as, tenant, publishPublic, clone } = tenantsOf(stack, make);
    const publisher = await tenant('Publisher');
    const reader = await tenant('Reader');
    const itemId = await publishPublic(publisher, publisher.design, 'Listed while deleted');
    const cloned = await clone(reader, itemId);
    expectData(
      await as(publisher.owner, `mutation ($o: ID!) { deleteOrganization(id: $o) }`, {
        o: publisher.organization.id,
      }),
    );
    await stack.flushOutboxes();

    const anonymous = expectData(await as(undefined, ANONYMOUS_LISTING));
    expect(anonymous.catalog.nodes.find((node: { id: string }) => node.id === itemId)).toMatchObject({
      publisher: { id: publisher.organization.id, name: publisher.organization.name },
    });
    const seen = expectData(await as(reader.owner, LISTINGS, { o: reader.organization.id, d: cloned }));
    expect(seen.design.clonedFrom.item.id).toBe(itemId);
    // The deleted organization shows nothing but that profile, to its former members too.
    expect(
      errorCodes(
        await as(publisher.owner, `query ($o: ID!) { organization(id: $o) { members { totalCount } } }`, {
          o: publisher.organization.id,
        }),
      ),
    ).toEqual(['NOT_FOUND']);
  });
});

describe('a clone whose reader can no longer see the item', () => {
  let stack: Stack;
  let make: Factories;
  beforeAll(async () => {
    stack = await startStack();
    make = createFactories(stack.gatewayUrl);
  });
  afterAll(() => stack.close());

  it('shows which version of which item it came from, and nothing newer: no later content, no feedback', async () => {
    const { as, tenant } = tenantsOf(stack, make);
    const a = await tenant('Org A');
    const b = await tenant('Org B');
    // A user of both organizations clones A's ORGANIZATION item into B, then leaves A.
    const bridge = await make.member(a.owner, a.organization, 'ADMIN');
    await make.member(b.owner, b.organization, 'ADMIN').then(() => undefined);
    const bToken = await make.invitation(b.owner, b.organization, bridge.email, 'ADMIN');
    expectData(
      await as(bridge, `mutation ($t: String!) { acceptInvitation(token: $t) { role } }`, { t: bToken }),
    );
    const first = expectData(
      await as(a.owner, PUBLISH, { input: { designId: a.design, name: 'Internal baseline' } }),
    ).publishDesign;
    const cloned = expectData(await as(bridge, CLONE, { i: first.item.id, w: b.workspace.id }))
      .cloneCatalogItem.id;
    expectData(
      await as(bridge, `mutation ($o: ID!) { leaveOrganization(organizationId: $o) }`, {
        o: a.organization.id,
      }),
    );
    expectData(
      await as(
        a.owner,
        `mutation ($d: ID!) { updateDesign(id: $d, expectedRevision: 1, input: { content: "secret: v2" }) { revision } }`,
        { d: a.design },
      ),
    );
    expectData(
      await as(
        a.owner,
        `mutation ($d: ID!, $i: ID!) { publishDesign(input: { designId: $d, catalogItemId: $i }) { version } }`,
        { d: a.design, i: first.item.id },
      ),
    );
    expectData(
      await as(
        a.owner,
        `mutation ($i: ID!) { addCatalogFeedback(input: { catalogItemId: $i, rating: 2, comment: "internal-only remark" }) { id } }`,
        { i: first.item.id },
      ),
    );

    // B's owner never belonged to A.
    expect(
      errorCodes(await as(b.owner, `query ($i: ID!) { catalogItem(id: $i) { id } }`, { i: first.item.id })),
    ).toEqual(['NOT_FOUND']);
    const origin = expectData(
      await as(
        b.owner,
        `query ($d: ID!) { design(id: $d) { clonedFrom { id version item { id name slug } } } }`,
        { d: cloned },
      ),
    );
    expect(origin.design.clonedFrom).toMatchObject({
      id: first.id,
      version: '1.0.0',
      item: { id: first.item.id, name: 'Internal baseline' },
    });
    for (const beyond of [
      'latestVersion { content }',
      'feedback { nodes { comment } }',
      'versions { content }',
      'rating',
      'publisher { name }',
    ]) {
      const response = await as(
        b.owner,
        `query ($d: ID!) { design(id: $d) { clonedFrom { item { ${beyond} } } } }`,
        { d: cloned },
      );
      expect({ beyond, codes: errorCodes(response) }).toEqual({ beyond, codes: ['NOT_FOUND'] });
      expect(JSON.stringify(response)).not.toMatch(/secret: v2|internal-only remark/);
    }
    for (const beyond of ['content', 'status', 'changelog']) {
      const response = await as(b.owner, `query ($d: ID!) { design(id: $d) { clonedFrom { ${beyond} } } }`, {
        d: cloned,
      });
      expect({ beyond, codes: errorCodes(response) }).toEqual({ beyond, codes: ['NOT_FOUND'] });
    }
  });
});
