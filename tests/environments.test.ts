import { errorCodes, useStack } from '@controlplane/testkit';

const { stack, make, db } = useStack();

const CREATE_ENV = `mutation ($input: CreateEnvironmentInput!) { createEnvironment(input: $input) { id name } }`;
const CREATE_CONN = `mutation ($input: CreateConnectionInput!) { createConnection(input: $input) { id name kind url status hasCredentials } }`;
const SECRET = 'kube-token-ultra-secret-123';

async function setup() {
  const owner = await make.user();
  const organization = await make.organization(owner);
  const member = await make.member(owner, organization, 'MEMBER');
  const environment = (
    await stack.as(owner).data(CREATE_ENV, { input: { organizationId: organization.id, name: 'prod' } })
  ).createEnvironment;
  const connection = (
    await stack.as(owner).data(CREATE_CONN, {
      input: {
        organizationId: organization.id,
        name: 'prod-cluster',
        kind: 'KUBERNETES',
        url: 'https://k8s.example.test',
        credentials: { token: SECRET },
      },
    })
  ).createConnection;
  return { owner, member, organization, environment, connection, outsider: await make.user() };
}

describe('connection credentials', () => {
  it('are write-only: stored encrypted, reported only as hasCredentials, never returned', async () => {
    const { owner, organization, connection } = await setup();
    expect(connection).toMatchObject({ kind: 'KUBERNETES', status: 'REGISTERED', hasCredentials: true });
    const read = await stack
      .as(owner)
      .send(
        `query ($id: ID!, $o: ID!) { connection(id: $id) { id hasCredentials url } organization(id: $o) { connections { id hasCredentials } } }`,
        { id: connection.id, o: organization.id },
      );
    expect(JSON.stringify(read)).not.toContain(SECRET);
    const { rows } = await db.query(
      `SELECT "encryptedCredentials" FROM workspace."Connection" WHERE id = $1`,
      [connection.id],
    );
    // v2:<key id>:<iv>:<tag>:<body> (packages/config credential-cipher)
    expect(rows[0].encryptedCredentials).toMatch(/^v2:[\w-]{11}:/);
    expect(rows[0].encryptedCredentials).not.toContain(SECRET);
    expect(Buffer.from(rows[0].encryptedCredentials.split(':')[4], 'base64').toString('utf8')).not.toContain(
      SECRET,
    );
  });

  it('can be replaced and cleared', async () => {
    const { owner, connection } = await setup();
    const update = `mutation ($id: ID!, $input: UpdateConnectionInput!) { updateConnection(id: $id, input: $input) { hasCredentials status } }`;
    expect(
      (await stack.as(owner).data(update, { id: connection.id, input: { status: 'CONNECTED' } }))
        .updateConnection,
    ).toEqual({ hasCredentials: true, status: 'CONNECTED' });
    expect(
      (await stack.as(owner).data(update, { id: connection.id, input: { credentials: null } }))
        .updateConnection.hasCredentials,
    ).toBe(false);
  });

  it('never appear in an error for bad input', async () => {
    const { owner, organization } = await setup();
    const response = await stack.as(owner).send(CREATE_CONN, {
      input: {
        organizationId: organization.id,
        name: 'bad',
        kind: 'GIT',
        url: 'not a url',
        credentials: { password: SECRET },
      },
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(response)).not.toContain(SECRET);
  });
});

describe('environments and connections', () => {
  it('are read by any member and changed only by OWNER/ADMIN', async () => {
    const { member, organization, environment } = await setup();
    const read = await stack
      .as(member)
      .data(`query ($id: ID!) { organization(id: $id) { environments { id } connections { name } } }`, {
        id: organization.id,
      });
    expect(read.organization.environments).toEqual([{ id: environment.id }]);
    expect(
      await stack.as(member).codes(CREATE_ENV, { input: { organizationId: organization.id, name: 'dev' } }),
    ).toEqual(['FORBIDDEN']);
    expect(
      await stack
        .as(member)
        .codes(`mutation ($id: ID!) { deleteEnvironment(id: $id) }`, { id: environment.id }),
    ).toEqual(['FORBIDDEN']);
  });

  it('are invisible to another tenant, as NOT_FOUND', async () => {
    const { outsider, environment, connection } = await setup();
    for (const [field, id] of [
      ['environment', environment.id],
      ['connection', connection.id],
    ]) {
      const read = `query ($id: ID!) { ${field}(id: $id) { id } }`;
      expect({ field, codes: await stack.as(outsider).codes(read, { id }) }).toEqual({
        field,
        codes: ['NOT_FOUND'],
      });
    }
  });

  it('attach and detach on both sides within one organization', async () => {
    const { owner, organization, environment, connection } = await setup();
    const workspace = await make.workspace(owner, organization);
    await stack
      .as(owner)
      .data(`mutation ($w: ID!, $e: ID!) { attachEnvironment(workspaceId: $w, environmentId: $e) { id } }`, {
        w: workspace.id,
        e: environment.id,
      });
    await stack
      .as(owner)
      .data(`mutation ($e: ID!, $c: ID!) { attachConnection(environmentId: $e, connectionId: $c) { id } }`, {
        e: environment.id,
        c: connection.id,
      });
    const both = await stack
      .as(owner)
      .data(
        `query ($w: ID!, $c: ID!) { workspace(id: $w) { environments { id connections { id } workspaces { id } } } connection(id: $c) { environments { id } } }`,
        { w: workspace.id, c: connection.id },
      );
    expect(both.workspace.environments).toEqual([
      { id: environment.id, connections: [{ id: connection.id }], workspaces: [{ id: workspace.id }] },
    ]);
    expect(both.connection.environments).toEqual([{ id: environment.id }]);
    const detached = await stack
      .as(owner)
      .data(
        `mutation ($w: ID!, $e: ID!) { detachEnvironment(workspaceId: $w, environmentId: $e) { environments { id } } }`,
        { w: workspace.id, e: environment.id },
      );
    expect(detached.detachEnvironment.environments).toEqual([]);
  });

  it("refuse attaching another organization's environment or connection as NOT_FOUND", async () => {
    const mine = await setup();
    const theirs = await setup();
    const workspace = await make.workspace(mine.owner, mine.organization);
    expect(
      await stack
        .as(mine.owner)
        .codes(
          `mutation ($w: ID!, $e: ID!) { attachEnvironment(workspaceId: $w, environmentId: $e) { id } }`,
          { w: workspace.id, e: theirs.environment.id },
        ),
    ).toEqual(['NOT_FOUND']);
    expect(
      await stack
        .as(mine.owner)
        .codes(
          `mutation ($e: ID!, $c: ID!) { attachConnection(environmentId: $e, connectionId: $c) { id } }`,
          { e: mine.environment.id, c: theirs.connection.id },
        ),
    ).toEqual(['NOT_FOUND']);
  });

  it('reject a duplicate name with CONFLICT and a non-http URL with BAD_USER_INPUT', async () => {
    const { owner, organization } = await setup();
    expect(
      await stack.as(owner).codes(CREATE_ENV, { input: { organizationId: organization.id, name: 'prod' } }),
    ).toEqual(['CONFLICT']);
    const ftp = await stack.as(owner).send(CREATE_CONN, {
      input: {
        organizationId: organization.id,
        name: 'ftp',
        kind: 'OTHER',
        url: 'ftp://files.example.test',
      },
    });
    expect(ftp.errors?.[0]?.message).toMatch(/^input\.url: /);
  });
});
