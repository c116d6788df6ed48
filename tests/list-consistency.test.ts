import { useStack, type GraphQLClient } from '@controlplane/testkit';
import { ACTORS, buildWorld, clientOf, newObject, type World } from './support/world';

/**
 * Every list returns exactly the objects that single reads allow, for every actor of the matrix;
 * and no nested path shows more of a catalog item than catalogItem(id) does.
 */
const { stack } = useStack();
/** The lists of an organization this file compares with single reads (all of them, for its owner). */
const ORGANIZATION_LISTS = `
  workspaces { id designs(first: 100) { nodes { id } } }
  environments { id }
  connections { id }
  catalogItems { id }
`;
let world: World;
let all: {
  workspaces: string[];
  designs: string[];
  environments: string[];
  connections: string[];
  items: string[];
};

beforeAll(async () => {
  world = await buildWorld(stack);
  // A second workspace granted to nobody, with a design of its own.
  const hidden = await world.make.workspace(world.owner, world.organization, { name: 'hidden' });
  await world.make.design(world.owner, hidden, { name: 'secret', content: 's: 1' });
  await newObject(world, 'pendingVersion'); // an item whose only version awaits review
  const everything = (
    await stack.as(world.owner).data(
      `
        query ($o: ID!) {
          organization(id: $o) {
            ${ORGANIZATION_LISTS}
          }
        }
      `,
      { o: world.organization.id },
    )
  ).organization;
  all = {
    workspaces: everything.workspaces.map((w: { id: string }) => w.id),
    designs: everything.workspaces.flatMap((w: { designs: { nodes: { id: string }[] } }) =>
      w.designs.nodes.map((d) => d.id),
    ),
    environments: everything.environments.map((e: { id: string }) => e.id),
    connections: everything.connections.map((c: { id: string }) => c.id),
    items: everything.catalogItems.map((i: { id: string }) => i.id),
  };
}, 300_000);

async function readable(client: GraphQLClient, field: string, ids: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const id of ids) {
    const response = await client.send(`query ($id: ID!) { ${field}(id: $id) { id } }`, { id });
    if (response.data?.[field]) found.push(id);
  }
  return found.sort();
}

describe.each([...ACTORS])('for %s', (actor) => {
  it('lists exactly what single reads allow: workspaces, designs, environments, connections, catalog items', async () => {
    const client = clientOf(world, actor);
    const listed = await client.send(
      `
        query ($o: ID!) {
          organization(id: $o) {
            ${ORGANIZATION_LISTS}
          }
          catalog(filter: { publisherOrganizationId: $o }, first: 100) {
            nodes {
              id
            }
          }
        }
      `,
      { o: world.organization.id },
    );
    const organization = listed.data?.organization ?? {
      workspaces: [],
      environments: [],
      connections: [],
      catalogItems: [],
    };
    const ids = (list: { id: string }[]) => list.map((entry) => entry.id).sort();
    expect(ids(organization.workspaces)).toEqual(await readable(client, 'workspace', all.workspaces));
    expect(
      organization.workspaces
        .flatMap((w: { designs: { nodes: { id: string }[] } }) => w.designs.nodes.map((d) => d.id))
        .sort(),
    ).toEqual(await readable(client, 'design', all.designs));
    expect(ids(organization.environments)).toEqual(await readable(client, 'environment', all.environments));
    expect(ids(organization.connections)).toEqual(await readable(client, 'connection', all.connections));
    const visibleItems = await readable(client, 'catalogItem', all.items);
    expect(ids(organization.catalogItems)).toEqual(visibleItems);
    // The catalog lists published items only: a member's own item awaiting review is read, not listed.
    const listedInCatalog = ids(listed.data?.catalog.nodes ?? []);
    expect(listedInCatalog.every((id) => visibleItems.includes(id))).toBe(true);
  }, 300_000);
});

/** The catalog items a response shows in full (their versions), wherever they sit in it. */
function itemsShownInFull(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const entry of value) itemsShownInFull(entry, found);
  else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.id === 'string' && Array.isArray(record.versions)) found.add(record.id);
    for (const nested of Object.values(record)) itemsShownInFull(nested, found);
  }
  return found;
}

const ITEM_IN_FULL =
  'id versions { id } derivedFrom { id versions { id } } derivatives { id versions { id } }';
const NESTED_PATHS: [string, string][] = [
  // The world's own publisher only: other test files withdraw their items while this one runs.
  [
    'catalog',
    `query ($o: ID!) { catalog(first: 100, filter: { publisherOrganizationId: $o }) { nodes { ${ITEM_IN_FULL} } } }`,
  ],
  [
    'organization.catalogItems',
    `query ($o: ID!) { organization(id: $o) { catalogItems { ${ITEM_IN_FULL} } } }`,
  ],
  [
    'design.clonedFrom.item',
    `query ($d: ID!) { design(id: $d) { clonedFrom { item { ${ITEM_IN_FULL} } } } }`,
  ],
  [
    'workspace designs clonedFrom.item',
    `query ($w: ID!) { workspace(id: $w) { designs(first: 100) { nodes { clonedFrom { item { ${ITEM_IN_FULL} } } } } } }`,
  ],
];

describe.each([...ACTORS])('nested catalog paths for %s', (actor) => {
  it('show in full only the items that catalogItem(id) shows', async () => {
    const client = clientOf(world, actor);
    const variables = { o: world.organization.id, d: world.ids.crossClone, w: world.ids.workspace };
    for (const [path, query] of NESTED_PATHS) {
      const used = Object.fromEntries(
        Object.entries(variables).filter(([name]) => query.includes(`$${name}`)),
      );
      const response = await client.send(query, used);
      const shown = [...itemsShownInFull(response.data)].sort();
      expect({ path, shown }).toEqual({ path, shown: await readable(client, 'catalogItem', shown) });
    }
  }, 300_000);
});
