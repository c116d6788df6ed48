import { errorCodes, useStack, type Factories, type Stack, type TestUser } from '@controlplane/testkit';

/**
 * Guards issue 11 (1, 2): one tenant's deletions never break another tenant's catalog, and a
 * clone shows only where it came from once its reader can no longer see the item.
 */
const MANIFEST = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: baseline\n';
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

/** Tenants with a workspace and a design, publishing and cloning through the stack's gateway. */
function tenantsOf(stack: Stack, make: Factories) {
  async function tenant(name: string): Promise<Tenant> {
    const owner = await make.user();
    const organization = await make.organization(owner, { name: `${name} ${owner.id.slice(-6)}` });
    const workspace = await make.workspace(owner, organization);
    const design = (await make.design(owner, workspace, { name: 'd', content: MANIFEST })).id;
    return { owner, organization, workspace, design };
  }
  /** Publishes the tenant's design as a PUBLIC item (from a clone: a derivative) and approves it. */
  async function publishPublic(tenant: Tenant, designId: string, name: string): Promise<string> {
    const version = await make.catalogVersion(tenant.owner, { id: designId }, { name, visibility: 'PUBLIC' });
    await make.approval(tenant.owner, version);
    return version.itemId;
  }
  async function clone(tenant: Tenant, itemId: string): Promise<string> {
    return (await stack.as(tenant.owner).data(CLONE, { i: itemId, w: tenant.workspace.id })).cloneCatalogItem
      .id;
  }
  async function deleteOrganization(tenant: Tenant): Promise<void> {
    await stack.as(tenant.owner).data(`mutation ($o: ID!) { deleteOrganization(id: $o) }`, {
      o: tenant.organization.id,
    });
  }
  /**
   * A publisher's PUBLIC item `itemName`, cloned by a reader; then the publisher deletes its
   * organization, and every outbox is delivered.
   */
  async function clonedThenDeleted(itemName: string) {
    const publisher = await tenant('Publisher');
    const reader = await tenant('Reader');
    const itemId = await publishPublic(publisher, publisher.design, itemName);
    const cloned = await clone(reader, itemId);
    await deleteOrganization(publisher);
    await stack.flushOutboxes();
    return { publisher, reader, itemId, cloned };
  }
  return { tenant, publishPublic, clone, deleteOrganization, clonedThenDeleted };
}

describe('deleting a publishing organization', () => {
  const { stack, make } = useStack();

  it('withdraws its items once the catalog hears of it; clones keep their origin and nobody can clone again', async () => {
    const { publisher, reader, itemId, cloned } = await tenantsOf(stack, make).clonedThenDeleted(
      'Doomed baseline',
    );

    for (const caller of [stack.anonymous, stack.as(reader.owner)]) {
      const listed = (await caller.data(ANONYMOUS_LISTING)).catalog.nodes.map(
        (node: { id: string }) => node.id,
      );
      expect(listed).not.toContain(itemId);
      expect(await caller.codes(`query ($i: ID!) { catalogItem(id: $i) { id } }`, { i: itemId })).toEqual([
        'NOT_FOUND',
      ]);
      expect(
        await caller.codes(`query ($o: ID!) { organization(id: $o) { name } }`, {
          o: publisher.organization.id,
        }),
      ).toEqual(['NOT_FOUND']);
    }
    expect(await stack.as(reader.owner).codes(CLONE, { i: itemId, w: reader.workspace.id })).toEqual([
      'NOT_FOUND',
    ]);
    const origin = await stack
      .as(reader.owner)
      .data(`query ($d: ID!) { design(id: $d) { clonedFrom { version item { id name } } } }`, { d: cloned });
    expect(origin.design.clonedFrom).toEqual({
      version: '1.0.0',
      item: { id: itemId, name: 'Doomed baseline' },
    });
  });

  it('never leaves a listing without data, whatever is deleted in whatever order', async () => {
    const { tenant, publishPublic, clone, deleteOrganization } = tenantsOf(stack, make);
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
      await deleteOrganization(victim);
      for (const settled of [false, true]) {
        if (settled) await stack.flushOutboxes();
        const anonymous = await stack.anonymous.send(ANONYMOUS_LISTING);
        expect({ settled, errors: anonymous.errors }).toEqual({ settled, errors: undefined });
        expect(anonymous.data?.catalog).not.toBeNull();
        for (const design of clones) {
          const seen = await stack
            .as(observer.owner)
            .send(LISTINGS, { o: observer.organization.id, d: design });
          expect({ settled, design, errors: seen.errors }).toEqual({ settled, design, errors: undefined });
          expect(seen.data?.design.clonedFrom).not.toBeNull();
        }
      }
    }
  }, 300_000);
});

describe('while the catalog has not heard of a deletion yet', () => {
  // Identity's event relay cannot reach the catalog: its events wait in the outbox. A database of
  // its own, because any other stack's relay on a shared one would deliver them to its catalog.
  const { stack, make } = useStack({
    isolatedDatabase: true,
    serviceEnv: { identity: { CATALOG_URL: 'http://127.0.0.1:9/graphql' } },
  });

  it('still names the deleted publisher by its public profile, so listings answer with data', async () => {
    const { publisher, reader, itemId, cloned } = await tenantsOf(stack, make).clonedThenDeleted(
      'Listed while deleted',
    );

    // Other test files publish too: the publisher's own items, not the first page of everyone's.
    const anonymous = await stack.anonymous.data(
      `query ($p: ID!) { catalog(first: 100, filter: { publisherOrganizationId: $p }) { nodes { id publisher { id name } } } }`,
      { p: publisher.organization.id },
    );
    expect(anonymous.catalog.nodes.find((node: { id: string }) => node.id === itemId)).toMatchObject({
      publisher: { id: publisher.organization.id, name: publisher.organization.name },
    });
    const seen = await stack.as(reader.owner).data(LISTINGS, { o: reader.organization.id, d: cloned });
    expect(seen.design.clonedFrom.item.id).toBe(itemId);
    // The deleted organization shows nothing but that profile, to its former members too.
    expect(
      await stack
        .as(publisher.owner)
        .codes(`query ($o: ID!) { organization(id: $o) { members { totalCount } } }`, {
          o: publisher.organization.id,
        }),
    ).toEqual(['NOT_FOUND']);
  });
});

describe('a clone whose reader can no longer see the item', () => {
  const { stack, make } = useStack();

  it('shows which version of which item it came from, and nothing newer: no later content, no feedback', async () => {
    const { tenant } = tenantsOf(stack, make);
    const a = await tenant('Org A');
    const b = await tenant('Org B');
    // A user of both organizations clones A's ORGANIZATION item into B, then leaves A.
    const bridge = await make.member(a.owner, a.organization, 'ADMIN');
    await make.member(b.owner, b.organization, 'ADMIN').then(() => undefined);
    const bToken = await make.invitation(b.owner, b.organization, bridge.email, 'ADMIN');
    const [asA, asB, asBridge] = [stack.as(a.owner), stack.as(b.owner), stack.as(bridge)];
    await asBridge.data(`mutation ($t: String!) { acceptInvitation(token: $t) { role } }`, { t: bToken });
    const first = await make.catalogVersion(a.owner, { id: a.design }, { name: 'Internal baseline' });
    const cloned = (await asBridge.data(CLONE, { i: first.itemId, w: b.workspace.id })).cloneCatalogItem.id;
    await asBridge.data(`mutation ($o: ID!) { leaveOrganization(organizationId: $o) }`, {
      o: a.organization.id,
    });
    await asA.data(
      `mutation ($d: ID!) { updateDesign(id: $d, expectedRevision: 1, input: { content: "secret: v2" }) { revision } }`,
      { d: a.design },
    );
    await asA.data(
      `mutation ($d: ID!, $i: ID!) { publishDesign(input: { designId: $d, catalogItemId: $i }) { version } }`,
      { d: a.design, i: first.itemId },
    );
    await asA.data(
      `mutation ($i: ID!) { addCatalogFeedback(input: { catalogItemId: $i, rating: 2, comment: "internal-only remark" }) { id } }`,
      { i: first.itemId },
    );

    // B's owner never belonged to A.
    expect(await asB.codes(`query ($i: ID!) { catalogItem(id: $i) { id } }`, { i: first.itemId })).toEqual([
      'NOT_FOUND',
    ]);
    const origin = await asB.data(
      `query ($d: ID!) { design(id: $d) { clonedFrom { id version item { id name slug } } } }`,
      { d: cloned },
    );
    expect(origin.design.clonedFrom).toMatchObject({
      id: first.id,
      version: '1.0.0',
      item: { id: first.itemId, name: 'Internal baseline' },
    });
    for (const beyond of [
      'latestVersion { content }',
      'feedback { nodes { comment } }',
      'versions { content }',
      'rating',
      'publisher { name }',
    ]) {
      const response = await asB.send(
        `query ($d: ID!) { design(id: $d) { clonedFrom { item { ${beyond} } } } }`,
        { d: cloned },
      );
      expect({ beyond, codes: errorCodes(response) }).toEqual({ beyond, codes: ['NOT_FOUND'] });
      expect(JSON.stringify(response)).not.toMatch(/secret: v2|internal-only remark/);
    }
    for (const beyond of ['content', 'status', 'changelog']) {
      const response = await asB.send(`query ($d: ID!) { design(id: $d) { clonedFrom { ${beyond} } } }`, {
        d: cloned,
      });
      expect({ beyond, codes: errorCodes(response) }).toEqual({ beyond, codes: ['NOT_FOUND'] });
    }
  });
});
