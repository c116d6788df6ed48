import { useStack } from '@controlplane/testkit';

/** A subgraph that is down must leave the others answering: partial data plus errors. */
describe('a subgraph that is down', () => {
  const { stack, make } = useStack();

  it('leaves the other subgraphs answering, with an error for the missing part only', async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    await make.workspace(owner, organization, { name: 'still-here' });
    stack.stopSubgraph('catalog');
    // catalogItem is nullable, so its failure leaves the rest of the data in place.
    const response = await stack
      .as(owner)
      .send(
        `query ($id: ID!) { organization(id: $id) { name workspaces { name } } catalogItem(slug: "anything") { id } }`,
        { id: organization.id },
      );
    expect(response.status).toBe(200);
    expect(response.data?.organization).toEqual({
      name: organization.name,
      workspaces: [{ name: 'still-here' }],
    });
    expect(response.data?.catalogItem).toBeNull();
    expect(response.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(response.errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|stack/i);
    const ready = await fetch(new URL('/ready', stack.gatewayUrl));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      subgraphs: { identity: 'ready', workspace: 'ready', catalog: 'unavailable' },
    });
    expect((await stack.as(owner).data(`{ me { user { id } } }`)).me.user.id).toBe(owner.id);
  });
});
