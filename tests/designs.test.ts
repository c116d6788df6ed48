import { errorCodes, expectData, useStack, type TestUser } from '@controlplane/testkit';

const { stack, make } = useStack();

const CREATE = `mutation ($input: CreateDesignInput!) { createDesign(input: $input) { id revision name content createdBy { id } workspace { id } } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateDesignInput!, $rev: Int!) { updateDesign(id: $id, input: $input, expectedRevision: $rev) { revision name content updatedBy { id } } }`;
const CONTENT = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: payments\n';

async function setup() {
  const owner = await make.user();
  const organization = await make.organization(owner);
  const workspace = await make.workspace(owner, organization);
  const team = await make.team(owner, organization);
  const viewer = await make.member(owner, organization, 'MEMBER', { teamIds: [team.id] });
  await make.workspaceGrant(owner, workspace, team, 'VIEWER');
  const design = (
    await stack
      .as(owner)
      .data(CREATE, { input: { workspaceId: workspace.id, name: 'namespace', content: CONTENT } })
  ).createDesign;
  return { owner, viewer, organization, workspace, design, outsider: await make.user() };
}

describe('designs and their revisions', () => {
  it('start at revision 1 and keep every change, newest first', async () => {
    const { owner, design } = await setup();
    expect(design).toMatchObject({ revision: 1, createdBy: { id: owner.id } });
    const second = await stack
      .as(owner)
      .data(UPDATE, { id: design.id, input: { content: '{"kind": "Namespace"}' }, rev: 1 });
    expect(second.updateDesign).toMatchObject({
      revision: 2,
      content: '{"kind": "Namespace"}',
      updatedBy: { id: owner.id },
    });
    await stack.as(owner).data(UPDATE, { id: design.id, input: { name: 'renamed' }, rev: 2 });
    const history = await stack
      .as(owner)
      .data(`query ($id: ID!) { design(id: $id) { revision revisions { revision name author { id } } } }`, {
        id: design.id,
      });
    expect(history.design.revision).toBe(3);
    expect(
      history.design.revisions.map((r: { revision: number; name: string }) => [r.revision, r.name]),
    ).toEqual([
      [3, 'renamed'],
      [2, 'namespace'],
      [1, 'namespace'],
    ]);
  });

  it('refuse a stale expectedRevision with CONFLICT and change nothing', async () => {
    const { owner, design } = await setup();
    await stack.as(owner).data(UPDATE, { id: design.id, input: { name: 'first' }, rev: 1 });
    const stale = await stack.as(owner).send(UPDATE, { id: design.id, input: { name: 'lost' }, rev: 1 });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    const now = await stack
      .as(owner)
      .data(`query ($id: ID!) { design(id: $id) { name revision } }`, { id: design.id });
    expect(now.design).toEqual({ name: 'first', revision: 2 });
  });

  it('let exactly one of many concurrent editors win from the same revision', async () => {
    const { owner, design } = await setup();
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        stack.as(owner).send(UPDATE, { id: design.id, input: { content: `editor: ${i}\n` }, rev: 1 }),
      ),
    );
    const winners = attempts.filter((attempt) => attempt.errors === undefined);
    expect(winners).toHaveLength(1);
    expect(attempts.filter((attempt) => errorCodes(attempt)[0] === 'CONFLICT')).toHaveLength(5);
    const now = await stack
      .as(owner)
      .data(`query ($id: ID!) { design(id: $id) { revision content revisions { revision } } }`, {
        id: design.id,
      });
    expect(now.design.revision).toBe(2);
    expect(now.design.content).toBe(winners[0]?.data.updateDesign.content);
    expect(now.design.revisions).toHaveLength(2);
  });

  it.each([
    ['not YAML or JSON', 'key: [unclosed', /^input\.content: must be valid YAML or JSON/],
    ['over 1 MiB', `data: "${'x'.repeat(1024 * 1024)}"`, /^input\.content: must be at most 1 MiB$/],
    ['empty', '   ', /^input\.content: must not be empty$/],
  ])('reject content that is %s with BAD_USER_INPUT', async (_label, content, message) => {
    const { owner, workspace } = await setup();
    const response = await stack
      .as(owner)
      .send(CREATE, { input: { workspaceId: workspace.id, name: 'bad', content } });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toMatch(message);
  });

  it('accept multi-document YAML, as Kubernetes manifests are written, and show only the newest revisions asked for', async () => {
    const { owner, workspace } = await setup();
    const created = (
      await stack
        .as(owner)
        .data(CREATE, { input: { workspaceId: workspace.id, name: 'multi', content: 'a: 1\n---\nb: 2\n' } })
    ).createDesign;
    await stack.as(owner).data(UPDATE, { id: created.id, input: { content: 'a: 2\n' }, rev: 1 });
    const latest = await stack
      .as(owner)
      .data(`query ($id: ID!) { design(id: $id) { revisions(first: 1) { revision content } } }`, {
        id: created.id,
      });
    expect(latest.design.revisions).toEqual([{ revision: 2, content: 'a: 2\n' }]);
  });

  it('accept content of exactly 1 MiB', async () => {
    const { owner, workspace } = await setup();
    const prefix = 'data: "';
    const content = `${prefix}${'y'.repeat(1024 * 1024 - prefix.length - 1)}"`;
    expect(Buffer.byteLength(content)).toBe(1024 * 1024);
    const response = await stack
      .as(owner)
      .send(CREATE, { input: { workspaceId: workspace.id, name: 'big', content } });
    expect(response.errors).toBeUndefined();
  });

  it('soft-delete a design so it disappears from reads and lists', async () => {
    const { owner, workspace, design } = await setup();
    expect(
      (await stack.as(owner).data(`mutation ($id: ID!) { deleteDesign(id: $id) }`, { id: design.id }))
        .deleteDesign,
    ).toBe(true);
    expect(
      await stack.as(owner).codes(`query ($id: ID!) { design(id: $id) { id } }`, { id: design.id }),
    ).toEqual(['NOT_FOUND']);
    const list = await stack
      .as(owner)
      .data(`query ($id: ID!) { workspace(id: $id) { designs { totalCount nodes { id } } } }`, {
        id: workspace.id,
      });
    expect(list.workspace.designs).toEqual({ totalCount: 0, nodes: [] });
  });
});

describe('who may read and edit designs', () => {
  it('lets a VIEWER read but not edit, create or delete (FORBIDDEN)', async () => {
    const { viewer, workspace, design } = await setup();
    expect(
      (await stack.as(viewer).data(`query ($id: ID!) { design(id: $id) { content } }`, { id: design.id }))
        .design.content,
    ).toBe(CONTENT);
    expect(await stack.as(viewer).codes(UPDATE, { id: design.id, input: { name: 'x' }, rev: 1 })).toEqual([
      'FORBIDDEN',
    ]);
    expect(
      await stack
        .as(viewer)
        .codes(CREATE, { input: { workspaceId: workspace.id, name: 'x', content: 'a: 1' } }),
    ).toEqual(['FORBIDDEN']);
    expect(
      await stack.as(viewer).codes(`mutation ($id: ID!) { deleteDesign(id: $id) }`, { id: design.id }),
    ).toEqual(['FORBIDDEN']);
  });

  it('hides designs from other tenants as NOT_FOUND, in reads and writes alike', async () => {
    const { outsider, design } = await setup();
    expect(
      await stack.as(outsider).codes(`query ($id: ID!) { design(id: $id) { id } }`, { id: design.id }),
    ).toEqual(['NOT_FOUND']);
    expect(await stack.as(outsider).codes(UPDATE, { id: design.id, input: { name: 'x' }, rev: 1 })).toEqual([
      'NOT_FOUND',
    ]);
  });

  it('resolves a foreign design to nothing through _entities, as the gateway would ask for it', async () => {
    const { outsider, owner, design } = await setup();
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Design { id content } } }';
    const entitiesFor = async (user: TestUser) => {
      const subgraph = stack.asService('workspace', await stack.principalOf(user));
      return (await subgraph.send(query, { r: [{ __typename: 'Design', id: design.id }] })).data._entities;
    };
    expect(await entitiesFor(outsider)).toEqual([null]);
    expect(await entitiesFor(owner)).toEqual([{ id: design.id, content: CONTENT }]);
  });
});

describe('listing designs', () => {
  it('pages newest first with a total count, and rejects first over 100', async () => {
    const { owner, workspace, design } = await setup();
    const later = [];
    for (let i = 0; i < 3; i += 1) {
      later.push((await make.design(owner, workspace, { name: `d${i}`, content: `n: ${i}` })).id);
    }
    const query = `query ($id: ID!, $after: String) { workspace(id: $id) { designs(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } }`;
    const first = (await stack.as(owner).data(query, { id: workspace.id })).workspace.designs;
    expect(first.totalCount).toBe(4);
    expect(first.nodes.map((n: { id: string }) => n.id)).toEqual([...later].reverse());
    const second = (await stack.as(owner).data(query, { id: workspace.id, after: first.pageInfo.endCursor }))
      .workspace.designs;
    expect(second).toMatchObject({ pageInfo: { hasNextPage: false }, nodes: [{ id: design.id }] });
    const tooMany = await stack
      .as(owner)
      .send(`query ($id: ID!) { workspace(id: $id) { designs(first: 101) { totalCount } } }`, {
        id: workspace.id,
      });
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
  });

  /** Guards against N+1: the statements a dashboard query costs must not grow with the list. */
  it('costs the same number of SQL statements for 10 and 100 designs across workspaces', async () => {
    const statementsFor = async (designsPerWorkspace: number) => {
      const owner = await make.user();
      const organization = await make.organization(owner);
      for (let w = 0; w < 4; w += 1) {
        const workspace = await make.workspace(owner, organization);
        await Promise.all(
          Array.from({ length: designsPerWorkspace }, (_, i) =>
            make.design(owner, workspace, { name: `d${i}`, content: `i: ${i}` }),
          ),
        );
      }
      const query = `query ($id: ID!) { organization(id: $id) { name workspaces { name designs(first: 100) { totalCount nodes { id name revision workspace { id name organization { id name } } } } } } }`;
      const response = await stack.as(owner).send(query, { id: organization.id });
      const data = expectData(response);
      const listed = data.organization.workspaces.reduce(
        (sum: number, w: { designs: { nodes: unknown[] } }) => sum + w.designs.nodes.length,
        0,
      );
      expect(listed).toBe(4 * designsPerWorkspace);
      const { identity, workspace } = stack.sqlStatementsOf(response.headers.get('x-request-id') as string);
      return { identity, workspace };
    };
    const small = await statementsFor(3); // 12 designs
    const large = await statementsFor(25); // 100 designs
    expect(large).toEqual(small);
    expect(large.workspace).toBeLessThanOrEqual(8);
    expect(large.identity).toBeGreaterThan(0); // the counter sees this request's statements at all
  }, 300_000);
});
