import { randomUUID } from 'node:crypto';
import {
  BadUserInputError,
  ConflictError,
  createControlPlaneClient,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  type ClientOptions,
} from '@controlplane/client';
import { unique, useStack } from '@controlplane/testkit';

const { stack, make } = useStack();

/** A client of the test stack's gateway that counts its HTTP requests. */
function clientOf(credential: Pick<ClientOptions, 'apiKey' | 'token'>) {
  const requests: string[] = [];
  const client = createControlPlaneClient({
    url: stack.gatewayUrl,
    ...credential,
    fetch: (input, init) => {
      requests.push(JSON.parse(String(init?.body)).operationName);
      return fetch(input, init);
    },
  });
  return { client, requests };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

async function world() {
  const owner = await make.user();
  const organization = await make.organization(owner);
  const workspace = await make.workspace(owner, organization);
  const key = await make.apiKey(owner, organization, 'ADMIN');
  return { owner, organization, workspace, key };
}

describe('@controlplane/client against the real stack', () => {
  it('acts with an API key inside its organization, and is no user', async () => {
    const { organization, workspace, key } = await world();
    const { client } = clientOf({ apiKey: key.secret });
    expect(await client.me()).toBeNull();
    expect(await client.organizations()).toEqual([
      { id: organization.id, slug: organization.slug, name: organization.name, viewerRole: 'ADMIN' },
    ]);
    expect((await client.workspaces(organization.id)).map((w) => w.id)).toEqual([workspace.id]);
  });

  it('signs in a user with a token', async () => {
    const { owner, organization } = await world();
    const { client } = clientOf({ token: owner.token });
    expect(await client.me()).toMatchObject({
      user: { id: owner.id },
      organizations: [{ role: 'OWNER', organization: { id: organization.id } }],
    });
  });

  it('iterates over every design of a workspace, page after page', async () => {
    const { owner, workspace, key } = await world();
    const names = ['d-1', 'd-2', 'd-3', 'd-4', 'd-5'];
    for (const name of names) await make.design(owner, workspace, { name });
    const { client, requests } = clientOf({ apiKey: key.secret });
    const designs = await collect(client.designs(workspace.id, { pageSize: 2 }));
    expect(designs.map((d) => d.name).sort()).toEqual(names);
    expect(new Set(designs.map((d) => d.id)).size).toBe(5);
    expect(requests).toEqual(['Designs', 'Designs', 'Designs']);
  });

  it('stops fetching pages when the loop stops', async () => {
    const { owner, workspace, key } = await world();
    for (let i = 0; i < 3; i++) await make.design(owner, workspace);
    const { client, requests } = clientOf({ apiKey: key.secret });
    for await (const design of client.designs(workspace.id, { pageSize: 1 })) {
      expect(design.workspace.id).toBe(workspace.id);
      break;
    }
    expect(requests).toEqual(['Designs']);
  });

  it('iterates over catalog search results and the audit log across pages', async () => {
    const { owner, organization, workspace, key } = await world();
    const tag = unique('tag');
    for (let i = 0; i < 3; i++) {
      const design = await make.design(owner, workspace);
      await make.catalogVersion(owner, design, { tags: [tag] });
    }
    const { client, requests } = clientOf({ apiKey: key.secret });
    const items = await collect(client.searchCatalog({ tags: [tag] }, { pageSize: 2 }));
    expect(items).toHaveLength(3);
    expect(items.every((item) => item.publisher.id === organization.id)).toBe(true);
    // Identity records team events in the same transaction (no relay to wait for).
    for (let i = 0; i < 3; i++) await make.team(owner, organization);
    const events = await collect(
      client.auditLog([organization.id], { actions: ['team.create'] }, { pageSize: 2 }),
    );
    expect(events).toHaveLength(3);
    expect(requests).toEqual(['Catalog', 'Catalog', 'AuditLog', 'AuditLog']);
  });

  it('creates, clones and updates designs, and reads an item with its versions', async () => {
    const { owner, organization, workspace, key } = await world();
    const { client } = clientOf({ apiKey: key.secret });
    const source = await client.createDesign({ workspaceId: workspace.id, name: 'source', content: 'a: 1' });
    const version = await make.catalogVersion(owner, source, { name: unique('Item') });
    const item = await client.catalogItem(version.itemId);
    expect(item).toMatchObject({ publisher: { id: organization.id }, latestVersion: { id: version.id } });
    expect(item.versions.map((v) => v.status)).toEqual(['PUBLISHED']);
    const clone = await client.cloneCatalogItem({
      catalogItemId: item.id,
      workspaceId: workspace.id,
      name: 'clone',
    });
    expect(clone.clonedFrom).toMatchObject({ id: version.id, item: { id: item.id } });
    const updated = await client.updateDesign({
      id: clone.id,
      input: { content: 'a: 2' },
      expectedRevision: 1,
    });
    expect(updated.revision).toBe(2);
    expect((await client.design(clone.id)).content).toBe('a: 2');
  });

  it('throws the exception class of each contract code, with the request id', async () => {
    const { owner, organization, workspace, key } = await world();
    const { client } = clientOf({ apiKey: key.secret });
    const design = await client.createDesign({ workspaceId: workspace.id, name: 'x', content: 'a: 1' });

    const notFound = await client.design(randomUUID()).catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(NotFoundError);
    expect((notFound as NotFoundError).requestId).toMatch(/\S/);

    const conflict = client.updateDesign({ id: design.id, input: { name: 'y' }, expectedRevision: 7 });
    await expect(conflict).rejects.toBeInstanceOf(ConflictError);

    const badInput = await client
      .createDesign({ workspaceId: workspace.id, name: '', content: 'a: 1' })
      .catch((e: unknown) => e);
    expect(badInput).toBeInstanceOf(BadUserInputError);
    expect((badInput as BadUserInputError).field).toMatch(/name/);

    const auditorKey = await make.apiKey(owner, organization, 'AUDITOR');
    const auditor = clientOf({ apiKey: auditorKey.secret }).client;
    await expect(
      auditor.createDesign({ workspaceId: workspace.id, name: 'z', content: 'a: 1' }),
    ).rejects.toBeInstanceOf(ForbiddenError);

    const stranger = clientOf({ apiKey: 'cp_not_a_key' }).client;
    await expect(stranger.organizations()).rejects.toMatchObject({
      constructor: UnauthenticatedError,
      code: 'UNAUTHENTICATED',
      status: 401,
    });
  });
});
