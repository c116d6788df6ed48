import {
  createFactories,
  errorCodes,
  expectData,
  graphql,
  startStack,
  testDatabaseUrl,
  type Factories,
  type Stack,
} from '@controlplane/testkit';
import pg from 'pg';

let stack: Stack;
let make: Factories;
let db: pg.Pool;

beforeAll(async () => {
  stack = await startStack();
  make = createFactories(stack.gatewayUrl);
  db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
});
afterAll(async () => {
  await db.end();
  await stack.close();
});

const CREATE_ENV = `mutation ($input: CreateEnvironmentInput!) { createEnvironment(input: $input) { id name } }`;
const CREATE_CONN = `mutation ($input: CreateConnectionInput!) { createConnection(input: $input) { id name kind url status hasCredentials } }`;
const SECRET = 'kube-token-ultra-secret-123';

async function setup() {
  const owner = await make.user();
  const organization = await make.organization(owner);
  const member = await make.member(owner, organization, 'MEMBER');
  const environment = expectData(
    await graphql(
      stack.gatewayUrl,
      CREATE_ENV,
      { input: { organizationId: organization.id, name: 'prod' } },
      { token: owner.token },
    ),
  ).createEnvironment;
  const connection = expectData(
    await graphql(
      stack.gatewayUrl,
      CREATE_CONN,
      {
        input: {
          organizationId: organization.id,
          name: 'prod-cluster',
          kind: 'KUBERNETES',
          url: 'https://k8s.example.test',
          credentials: { token: SECRET },
        },
      },
      { token: owner.token },
    ),
  ).createConnection;
  return { owner, member, organization, environment, connection, outsider: await make.user() };
}

describe('connection credentials', () => {
  it('are write-only: stored encrypted, reported only as hasCredentials, never returned', async () => {
    const { owner, organization, connection } = await setup();
    expect(connection).toMatchObject({ kind: 'KUBERNETES', status: 'REGISTERED', hasCredentials: true });
    const read = await graphql(
      stack.gatewayUrl,
      `
        query ($id: ID!, $o: ID!) {
          connection(id: $id) {
            id
            hasCredentials
            url
          }
          organization(id: $o) {
            connections {
              id
              hasCredentials
            }
          }
        }
      `,
      { id: connection.id, o: organization.id },
      { token: owner.token },
    );
    expect(JSON.stringify(read)).not.toContain(SECRET);
    const { rows } = await db.query(
      `SELECT "encryptedCredentials" FROM workspace."Connection" WHERE id = $1`,
      [connection.id],
    );
    expect(rows[0].encryptedCredentials).toMatch(/^v1:/);
    expect(rows[0].encryptedCredentials).not.toContain(SECRET);
    expect(Buffer.from(rows[0].encryptedCredentials.split(':')[3], 'base64').toString('utf8')).not.toContain(
      SECRET,
    );
  });

  it('can be replaced and cleared', async () => {
    const { owner, connection } = await setup();
    const update = `mutation ($id: ID!, $input: UpdateConnectionInput!) { updateConnection(id: $id, input: $input) { hasCredentials status } }`;
    expect(
      expectData(
        await graphql(
          stack.gatewayUrl,
          update,
          { id: connection.id, input: { status: 'CONNECTED' } },
          { token: owner.token },
        ),
      ).updateConnection,
    ).toEqual({ hasCredentials: true, status: 'CONNECTED' });
    expect(
      expectData(
        await graphql(
          stack.gatewayUrl,
          update,
          { id: connection.id, input: { credentials: null } },
          { token: owner.token },
        ),
      ).updateConnection.hasCredentials,
    ).toBe(false);
  });

  it('never appear in an error for bad input', async () => {
    const { owner, organization } = await setup();
    const response = await graphql(
      stack.gatewayUrl,
      CREATE_CONN,
      {
        input: {
          organizationId: organization.id,
          name: 'bad',
          kind: 'GIT',
          url: 'not a url',
          credentials: { password: SECRET },
        },
      },
      { token: owner.token },
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(response)).not.toContain(SECRET);
  });
});

describe('environments and connections', () => {
  it('are read by any member and changed only by OWNER/ADMIN', async () => {
    const { member, organization, environment } = await setup();
    const read = expectData(
      await graphql(
        stack.gatewayUrl,
        `
          query ($id: ID!) {
            organization(id: $id) {
              environments {
                id
              }
              connections {
                name
              }
            }
          }
        `,
        { id: organization.id },
        { token: member.token },
      ),
    );
    expect(read.organization.environments).toEqual([{ id: environment.id }]);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          CREATE_ENV,
          { input: { organizationId: organization.id, name: 'dev' } },
          { token: member.token },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          `
            mutation ($id: ID!) {
              deleteEnvironment(id: $id)
            }
          `,
          { id: environment.id },
          { token: member.token },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('are invisible to another tenant, as NOT_FOUND', async () => {
    const { outsider, environment, connection } = await setup();
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          `
            query ($id: ID!) {
              environment(id: $id) {
                id
              }
            }
          `,
          { id: environment.id },
          { token: outsider.token },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          `
            query ($id: ID!) {
              connection(id: $id) {
                id
              }
            }
          `,
          { id: connection.id },
          { token: outsider.token },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
  });

  it('attach and detach on both sides within one organization', async () => {
    const { owner, organization, environment, connection } = await setup();
    const workspace = await make.workspace(owner, organization);
    expectData(
      await graphql(
        stack.gatewayUrl,
        `
          mutation ($w: ID!, $e: ID!) {
            attachEnvironment(workspaceId: $w, environmentId: $e) {
              id
            }
          }
        `,
        { w: workspace.id, e: environment.id },
        { token: owner.token },
      ),
    );
    expectData(
      await graphql(
        stack.gatewayUrl,
        `
          mutation ($e: ID!, $c: ID!) {
            attachConnection(environmentId: $e, connectionId: $c) {
              id
            }
          }
        `,
        { e: environment.id, c: connection.id },
        { token: owner.token },
      ),
    );
    const both = expectData(
      await graphql(
        stack.gatewayUrl,
        `
          query ($w: ID!, $c: ID!) {
            workspace(id: $w) {
              environments {
                id
                connections {
                  id
                }
                workspaces {
                  id
                }
              }
            }
            connection(id: $c) {
              environments {
                id
              }
            }
          }
        `,
        { w: workspace.id, c: connection.id },
        { token: owner.token },
      ),
    );
    expect(both.workspace.environments).toEqual([
      { id: environment.id, connections: [{ id: connection.id }], workspaces: [{ id: workspace.id }] },
    ]);
    expect(both.connection.environments).toEqual([{ id: environment.id }]);
    const detached = expectData(
      await graphql(
        stack.gatewayUrl,
        `
          mutation ($w: ID!, $e: ID!) {
            detachEnvironment(workspaceId: $w, environmentId: $e) {
              environments {
                id
              }
            }
          }
        `,
        { w: workspace.id, e: environment.id },
        { token: owner.token },
      ),
    );
    expect(detached.detachEnvironment.environments).toEqual([]);
  });

  it("refuse attaching another organization's environment or connection as NOT_FOUND", async () => {
    const mine = await setup();
    const theirs = await setup();
    const workspace = await make.workspace(mine.owner, mine.organization);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          `
            mutation ($w: ID!, $e: ID!) {
              attachEnvironment(workspaceId: $w, environmentId: $e) {
                id
              }
            }
          `,
          { w: workspace.id, e: theirs.environment.id },
          { token: mine.owner.token },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          `
            mutation ($e: ID!, $c: ID!) {
              attachConnection(environmentId: $e, connectionId: $c) {
                id
              }
            }
          `,
          { e: mine.environment.id, c: theirs.connection.id },
          { token: mine.owner.token },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
  });

  it('reject a duplicate name with CONFLICT and a non-http URL with BAD_USER_INPUT', async () => {
    const { owner, organization } = await setup();
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          CREATE_ENV,
          { input: { organizationId: organization.id, name: 'prod' } },
          { token: owner.token },
        ),
      ),
    ).toEqual(['CONFLICT']);
    const ftp = await graphql(
      stack.gatewayUrl,
      CREATE_CONN,
      {
        input: {
          organizationId: organization.id,
          name: 'ftp',
          kind: 'OTHER',
          url: 'ftp://files.example.test',
        },
      },
      { token: owner.token },
    );
    expect(ftp.errors?.[0]?.message).toMatch(/^input\.url: /);
  });
});
