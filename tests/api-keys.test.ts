import { createFactories, errorCodes, expectData, graphql, startStack, testDatabaseUrl, type Factories, type Stack } from '@controlplane/testkit';
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

const CREATE = `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id name role prefix createdBy { id } revokedAt lastUsedAt } } }`;
const REVOKE = `mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`;

async function setup() {
  const owner = await make.user();
  const organization = await make.organization(owner);
  const admin = await make.member(owner, organization, 'ADMIN');
  return { owner, admin, organization };
}

describe('createApiKey', () => {
  it('returns the secret once, stores only its hash, and lists the key with its prefix', async () => {
    const { admin, organization } = await setup();
    const created = expectData(await graphql(stack.gatewayUrl, CREATE, { input: { organizationId: organization.id, name: 'CI', role: 'AUDITOR' } }, { token: admin.token })).createApiKey;
    expect(created.secret).toMatch(/^cpk_/);
    expect(created.secret.startsWith(created.apiKey.prefix)).toBe(true);
    expect(created.apiKey).toMatchObject({ name: 'CI', role: 'AUDITOR', createdBy: { id: admin.id }, revokedAt: null });

    const listed = await graphql(stack.gatewayUrl, `query ($id: ID!) { organization(id: $id) { apiKeys { id prefix } } }`, { id: organization.id }, { token: admin.token });
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    const { rows } = await db.query(`SELECT "secretHash" FROM identity."ApiKey" WHERE id = $1`, [created.apiKey.id]);
    expect(rows[0].secretHash).not.toContain(created.secret.slice(4));
  });

  it('refuses an OWNER key, a key above the creator\'s role, and a MEMBER or API key creating keys', async () => {
    const { owner, admin, organization } = await setup();
    const member = await make.member(owner, organization, 'MEMBER');
    const input = (role: string) => ({ input: { organizationId: organization.id, name: 'k', role } });
    expect(errorCodes(await graphql(stack.gatewayUrl, CREATE, input('OWNER'), { token: owner.token }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await graphql(stack.gatewayUrl, CREATE, input('MEMBER'), { token: member.token }))).toEqual(['FORBIDDEN']);
    const key = await make.apiKey(admin, organization, 'ADMIN');
    expect(errorCodes(await graphql(stack.gatewayUrl, CREATE, input('AUDITOR'), { token: key.secret }))).toEqual(['FORBIDDEN']);
  });
});

describe('an API key at the gateway', () => {
  it('acts inside its one organization with its role', async () => {
    const { owner, admin, organization } = await setup();
    const other = await make.organization(owner);
    const key = await make.apiKey(admin, organization, 'AUDITOR');
    const data = expectData(await graphql(stack.gatewayUrl, `{ organizations { id viewerRole } me { user { id } } }`, {}, { token: key.secret }));
    expect(data).toEqual({ organizations: [{ id: organization.id, viewerRole: 'AUDITOR' }], me: null });
    const foreign = await graphql(stack.gatewayUrl, `query ($id: ID!) { organization(id: $id) { id } }`, { id: other.id }, { token: key.secret });
    expect(errorCodes(foreign)).toEqual(['NOT_FOUND']);
  });

  it('gives an AUDITOR key read-only access', async () => {
    const { admin, organization } = await setup();
    const key = await make.apiKey(admin, organization, 'AUDITOR');
    const write = await graphql(stack.gatewayUrl, `mutation ($input: CreateTeamInput!) { createTeam(input: $input) { id } }`, { input: { organizationId: organization.id, name: 'nope' } }, { token: key.secret });
    expect(errorCodes(write)).toEqual(['FORBIDDEN']);
    const createOrganization = await graphql(stack.gatewayUrl, `mutation { createOrganization(input: { name: "Key Org" }) { id } }`, {}, { token: key.secret });
    expect(errorCodes(createOrganization)).toEqual(['FORBIDDEN']);
  });

  it('records lastUsedAt and stops working on the next request after revocation', async () => {
    const { admin, organization } = await setup();
    const key = await make.apiKey(admin, organization, 'MEMBER');
    expectData(await graphql(stack.gatewayUrl, `{ organizations { id } }`, {}, { token: key.secret }));
    const keys = expectData(await graphql(stack.gatewayUrl, `query ($id: ID!) { organization(id: $id) { apiKeys { id lastUsedAt } } }`, { id: organization.id }, { token: admin.token }));
    expect(keys.organization.apiKeys.find((k: { id: string }) => k.id === key.id).lastUsedAt).not.toBeNull();

    expect(expectData(await graphql(stack.gatewayUrl, REVOKE, { id: key.id }, { token: admin.token })).revokeApiKey.revokedAt).not.toBeNull();
    const after = await graphql(stack.gatewayUrl, `{ organizations { id } }`, {}, { token: key.secret });
    expect(after.status).toBe(401);
    expect(errorCodes(after)).toEqual(['UNAUTHENTICATED']);
  });

  it('stops working once expired', async () => {
    const { admin, organization } = await setup();
    const key = await make.apiKey(admin, organization, 'MEMBER');
    await db.query(`UPDATE identity."ApiKey" SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [key.id]);
    expect(errorCodes(await graphql(stack.gatewayUrl, `{ organizations { id } }`, {}, { token: key.secret }))).toEqual(['UNAUTHENTICATED']);
  });

  it('acts no higher than its creator\'s current role', async () => {
    const { owner, admin, organization } = await setup();
    const key = await make.apiKey(admin, organization, 'ADMIN');
    expectData(await graphql(stack.gatewayUrl, `mutation ($o: ID!, $u: ID!) { setMemberRole(organizationId: $o, userId: $u, role: MEMBER) { role } }`, { o: organization.id, u: admin.id }, { token: owner.token }));
    const data = expectData(await graphql(stack.gatewayUrl, `{ organizations { viewerRole } }`, {}, { token: key.secret }));
    expect(data.organizations).toEqual([{ viewerRole: 'MEMBER' }]);
  });

  it('lets only OWNER and ADMIN revoke keys; outsiders get NOT_FOUND', async () => {
    const { owner, admin, organization } = await setup();
    const member = await make.member(owner, organization, 'MEMBER');
    const outsider = await make.user();
    const key = await make.apiKey(admin, organization, 'MEMBER');
    expect(errorCodes(await graphql(stack.gatewayUrl, REVOKE, { id: key.id }, { token: member.token }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await graphql(stack.gatewayUrl, REVOKE, { id: key.id }, { token: outsider.token }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await graphql(stack.gatewayUrl, `query ($id: ID!) { organization(id: $id) { apiKeys { id } } }`, { id: organization.id }, { token: member.token }))).toEqual(['FORBIDDEN']);
  });
});
