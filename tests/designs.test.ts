import { IDENTITY_HEADER, signEnvelope } from '@controlplane/auth';
import {
  createFactories,
  errorCodes,
  expectData,
  graphql,
  startStack,
  type Factories,
  type Stack,
} from '@controlplane/testkit';

let stack: Stack;
let make: Factories;

beforeAll(async () => {
  stack = await startStack();
  make = createFactories(stack.gatewayUrl);
});
afterAll(() => stack.close());

const CREATE = `mutation ($input: CreateDesignInput!) { createDesign(input: $input) { id revision name content createdBy { id } workspace { id } } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateDesignInput!, $rev: Int!) { updateDesign(id: $id, input: $input, expectedRevision: $rev) { revision name content updatedBy { id } } }`;
const CONTENT = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: payments\n';

async function setup() {
  const owner = await make.user();
  const organization = await make.organization(owner);
  const workspace = await make.workspace(owner, organization);
  const team = await make.team(owner, organization);
  const viewer = await make.member(owner, organization, 'MEMBER', { teamIds: [team.id] });
  expectData(
    await graphql(
      stack.gatewayUrl,
      `
        mutation ($w: ID!, $t: ID!) {
          grantWorkspaceAccess(workspaceId: $w, teamId: $t, role: VIEWER) {
            role
          }
        }
      `,
      { w: workspace.id, t: team.id },
      { token: owner.token },
    ),
  );
  const design = expectData(
    await graphql(
      stack.gatewayUrl,
      CREATE,
      { input: { workspaceId: workspace.id, name: 'namespace', content: CONTENT } },
      { token: owner.token },
    ),
  ).createDesign;
  return { owner, viewer, organization, workspace, design, outsider: await make.user() };
}

describe('designs and their revisions', () => {
  it('start at revision 1 and keep every change, newest first', async () => {
    const { owner, design } = await setup();
    expect(design).toMatchObject({ revision: 1, createdBy: { id: owner.id } });
    const second = expectData(
      await graphql(
        stack.gatewayUrl,
        UPDATE,
        { id: design.id, input: { content: '{"kind": "Namespace"}' }, rev: 1 },
        { token: owner.token },
      ),
    );
    expect(second.updateDesign).toMatchObject({
      revision: 2,
      content: '{"kind": "Namespace"}',
      updatedBy: { id: owner.id },
    });
    expectData(
      await graphql(
        stack.gatewayUrl,
        UPDATE,
        { id: design.id, input: { name: 'renamed' }, rev: 2 },
        { token: owner.token },
      ),
    );
    const history = expectData(
      await graphql(
        stack.gatewayUrl,
        `
          query ($id: ID!) {
            design(id: $id) {
              revision
              revisions {
                revision
                name
                author {
                  id
                }
              }
            }
          }
        `,
        { id: design.id },
        { token: owner.token },
      ),
    );
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
    expectData(
      await graphql(
        stack.gatewayUrl,
        UPDATE,
        { id: design.id, input: { name: 'first' }, rev: 1 },
        { token: owner.token },
      ),
    );
    const stale = await graphql(
      stack.gatewayUrl,
      UPDATE,
      { id: design.id, input: { name: 'lost' }, rev: 1 },
      { token: owner.token },
    );
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    const now = expectData(
      await graphql(
        stack.gatewayUrl,
        `
          query ($id: ID!) {
            design(id: $id) {
              name
              revision
            }
          }
        `,
        { id: design.id },
        { token: owner.token },
      ),
    );
    expect(now.design).toEqual({ name: 'first', revision: 2 });
  });

  it('let exactly one of many concurrent editors win from the same revision', async () => {
    const { owner, design } = await setup();
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        graphql(
          stack.gatewayUrl,
          UPDATE,
          { id: design.id, input: { content: `editor: ${i}\n` }, rev: 1 },
          { token: owner.token },
        ),
      ),
    );
    const winners = attempts.filter((attempt) => attempt.errors === undefined);
    expect(winners).toHaveLength(1);
    expect(attempts.filter((attempt) => errorCodes(attempt)[0] === 'CONFLICT')).toHaveLength(5);
    const now = expectData(
      await graphql(
        stack.gatewayUrl,
        `
          query ($id: ID!) {
            design(id: $id) {
              revision
              content
              revisions {
                revision
              }
            }
          }
        `,
        { id: design.id },
        { token: owner.token },
      ),
    );
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
    const response = await graphql(
      stack.gatewayUrl,
      CREATE,
      { input: { workspaceId: workspace.id, name: 'bad', content } },
      { token: owner.token },
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toMatch(message);
  });

  it('accept multi-document YAML, as Kubernetes manifests are written, and show only the newest revisions asked for', async () => {
    const { owner, workspace } = await setup();
    const created = expectData(
      await graphql(
        stack.gatewayUrl,
        CREATE,
        { input: { workspaceId: workspace.id, name: 'multi', content: 'a: 1\n---\nb: 2\n' } },
        { token: owner.token },
      ),
    ).createDesign;
    expectData(
      await graphql(
        stack.gatewayUrl,
        UPDATE,
        { id: created.id, input: { content: 'a: 2\n' }, rev: 1 },
        { token: owner.token },
      ),
    );
    const latest = expectData(
      await graphql(
        stack.gatewayUrl,
        `
          query ($id: ID!) {
            design(id: $id) {
              revisions(first: 1) {
                revision
                content
              }
            }
          }
        `,
        { id: created.id },
        { token: owner.token },
      ),
    );
    expect(latest.design.revisions).toEqual([{ revision: 2, content: 'a: 2\n' }]);
  });

  it('accept content of exactly 1 MiB', async () => {
    const { owner, workspace } = await setup();
    const prefix = 'data: "';
    const content = `${prefix}${'y'.repeat(1024 * 1024 - prefix.length - 1)}"`;
    expect(Buffer.byteLength(content)).toBe(1024 * 1024);
    const response = await graphql(
      stack.gatewayUrl,
      CREATE,
      { input: { workspaceId: workspace.id, name: 'big', content } },
      { token: owner.token },
    );
    expect(response.errors).toBeUndefined();
  });

  it('soft-delete a design so it disappears from reads and lists', async () => {
    const { owner, workspace, design } = await setup();
    expect(
      expectData(
        await graphql(
          stack.gatewayUrl,
          `
            mutation ($id: ID!) {
              deleteDesign(id: $id)
            }
          `,
          { id: design.id },
          { token: owner.token },
        ),
      ).deleteDesign,
    ).toBe(true);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          `
            query ($id: ID!) {
              design(id: $id) {
                id
              }
            }
          `,
          { id: design.id },
          { token: owner.token },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
    const list = expectData(
      await graphql(
        stack.gatewayUrl,
        `
          query ($id: ID!) {
            workspace(id: $id) {
              designs {
                totalCount
                nodes {
                  id
                }
              }
            }
          }
        `,
        { id: workspace.id },
        { token: owner.token },
      ),
    );
    expect(list.workspace.designs).toEqual({ totalCount: 0, nodes: [] });
  });
});

describe('who may read and edit designs', () => {
  it('lets a VIEWER read but not edit, create or delete (FORBIDDEN)', async () => {
    const { viewer, workspace, design } = await setup();
    expect(
      expectData(
        await graphql(
          stack.gatewayUrl,
          `
            query ($id: ID!) {
              design(id: $id) {
                content
              }
            }
          `,
          { id: design.id },
          { token: viewer.token },
        ),
      ).design.content,
    ).toBe(CONTENT);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          UPDATE,
          { id: design.id, input: { name: 'x' }, rev: 1 },
          { token: viewer.token },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          CREATE,
          { input: { workspaceId: workspace.id, name: 'x', content: 'a: 1' } },
          { token: viewer.token },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          `
            mutation ($id: ID!) {
              deleteDesign(id: $id)
            }
          `,
          { id: design.id },
          { token: viewer.token },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('hides designs from other tenants as NOT_FOUND, in reads and writes alike', async () => {
    const { outsider, design } = await setup();
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          `
            query ($id: ID!) {
              design(id: $id) {
                id
              }
            }
          `,
          { id: design.id },
          { token: outsider.token },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          UPDATE,
          { id: design.id, input: { name: 'x' }, rev: 1 },
          { token: outsider.token },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
  });

  it('resolves a foreign design to nothing through _entities, as the gateway would ask for it', async () => {
    const { outsider, owner, design } = await setup();
    const body = JSON.stringify({
      query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Design { id content } } }',
      variables: { r: [{ __typename: 'Design', id: design.id }] },
    });
    const ask = async (principal: unknown) => {
      const response = await fetch(stack.subgraphUrls.workspace, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [IDENTITY_HEADER]: await signEnvelope({
            secret: stack.gatewaySecret,
            audience: 'workspace',
            principal: principal as never,
            requestId: 'entities-test',
            body,
          }),
        },
        body,
      });
      return (await response.json()) as { data: { _entities: unknown[] } };
    };
    const outsiderPrincipal = {
      kind: 'user',
      userId: outsider.id,
      displayName: 'x',
      organizations: [],
      teams: [],
    };
    expect((await ask(outsiderPrincipal)).data._entities).toEqual([null]);
    const memberships = expectData(
      await graphql(
        stack.gatewayUrl,
        `
          {
            me {
              organizations {
                role
                organization {
                  id
                }
              }
            }
          }
        `,
        {},
        { token: owner.token },
      ),
    ).me.organizations;
    const ownerPrincipal = {
      kind: 'user',
      userId: owner.id,
      displayName: 'owner',
      organizations: memberships.map((m: { role: string; organization: { id: string } }) => ({
        organizationId: m.organization.id,
        role: m.role,
      })),
      teams: [],
    };
    expect((await ask(ownerPrincipal)).data._entities).toEqual([{ id: design.id, content: CONTENT }]);
  });
});

describe('listing designs', () => {
  it('pages newest first with a total count, and rejects first over 100', async () => {
    const { owner, workspace, design } = await setup();
    const later = [];
    for (let i = 0; i < 3; i += 1) {
      later.push(
        expectData(
          await graphql(
            stack.gatewayUrl,
            CREATE,
            { input: { workspaceId: workspace.id, name: `d${i}`, content: `n: ${i}` } },
            { token: owner.token },
          ),
        ).createDesign.id,
      );
    }
    const query = `query ($id: ID!, $after: String) { workspace(id: $id) { designs(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } }`;
    const first = expectData(
      await graphql(stack.gatewayUrl, query, { id: workspace.id }, { token: owner.token }),
    ).workspace.designs;
    expect(first.totalCount).toBe(4);
    expect(first.nodes.map((n: { id: string }) => n.id)).toEqual([...later].reverse());
    const second = expectData(
      await graphql(
        stack.gatewayUrl,
        query,
        { id: workspace.id, after: first.pageInfo.endCursor },
        { token: owner.token },
      ),
    ).workspace.designs;
    expect(second).toMatchObject({ pageInfo: { hasNextPage: false }, nodes: [{ id: design.id }] });
    const tooMany = await graphql(
      stack.gatewayUrl,
      `
        query ($id: ID!) {
          workspace(id: $id) {
            designs(first: 101) {
              totalCount
            }
          }
        }
      `,
      { id: workspace.id },
      { token: owner.token },
    );
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
            graphql(
              stack.gatewayUrl,
              CREATE,
              { input: { workspaceId: workspace.id, name: `d${i}`, content: `i: ${i}` } },
              { token: owner.token },
            ),
          ),
        );
      }
      const query = `query ($id: ID!) { organization(id: $id) { name workspaces { name designs(first: 100) { totalCount nodes { id name revision workspace { id name organization { id name } } } } } } }`;
      const response = await graphql(
        stack.gatewayUrl,
        query,
        { id: organization.id },
        { token: owner.token },
      );
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
  }, 60_000);
});
