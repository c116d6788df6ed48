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

const INVITE = `mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { token invitation { id email role status expiresAt teams { id } invitedBy { id } organization { id } } } }`;
const ACCEPT = `mutation ($t: String!) { acceptInvitation(token: $t) { role organization { id } user { id } } }`;
const REVOKE = `mutation ($id: ID!) { revokeInvitation(id: $id) { status } }`;

async function setup() {
  const owner = await make.user();
  const organization = await make.organization(owner);
  const admin = await make.member(owner, organization, 'ADMIN');
  return { owner, admin, organization };
}

describe('inviteMember and acceptInvitation', () => {
  it('joins the invitee with the role and teams, once', async () => {
    const { owner, admin, organization } = await setup();
    const team = await make.team(owner, organization);
    const invitee = await make.user();
    const invited = expectData(
      await graphql(stack.gatewayUrl, INVITE, { input: { organizationId: organization.id, email: invitee.email.toUpperCase(), role: 'MEMBER', teamIds: [team.id] } }, { token: admin.token }),
    ).inviteMember;
    expect(invited.invitation).toMatchObject({ email: invitee.email, role: 'MEMBER', status: 'PENDING', teams: [{ id: team.id }], invitedBy: { id: admin.id } });
    const expiresInHours = (Date.parse(invited.invitation.expiresAt) - Date.now()) / 3_600_000;
    expect(expiresInHours).toBeGreaterThan(167);
    expect(expiresInHours).toBeLessThanOrEqual(168);

    const accepted = expectData(await graphql(stack.gatewayUrl, ACCEPT, { t: invited.token }, { token: invitee.token }));
    expect(accepted.acceptInvitation).toEqual({ role: 'MEMBER', organization: { id: organization.id }, user: { id: invitee.id } });
    const me = expectData(await graphql(stack.gatewayUrl, `{ me { teams { team { id } } } }`, {}, { token: invitee.token }));
    expect(me.me.teams).toEqual([{ team: { id: team.id } }]);

    const again = await graphql(stack.gatewayUrl, ACCEPT, { t: invited.token }, { token: invitee.token });
    expect(again.errors?.[0]).toMatchObject({ message: 'token: this invitation was already accepted', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('refuses an invitation addressed to another email with FORBIDDEN and joins nobody', async () => {
    const { owner, organization } = await setup();
    const token = await make.invitation(owner, organization, 'someone-else@example.test', 'ADMIN');
    const thief = await make.user();
    expect(errorCodes(await graphql(stack.gatewayUrl, ACCEPT, { t: token }, { token: thief.token }))).toEqual(['FORBIDDEN']);
    expect(expectData(await graphql(stack.gatewayUrl, `{ organizations { id } }`, {}, { token: thief.token })).organizations).toEqual([]);
  });

  it('refuses revoked and expired tokens clearly, and unknown ones as NOT_FOUND', async () => {
    const { owner, organization } = await setup();
    const invitee = await make.user();
    const revoked = expectData(await graphql(stack.gatewayUrl, INVITE, { input: { organizationId: organization.id, email: invitee.email, role: 'MEMBER' } }, { token: owner.token })).inviteMember;
    expect(expectData(await graphql(stack.gatewayUrl, REVOKE, { id: revoked.invitation.id }, { token: owner.token })).revokeInvitation.status).toBe('REVOKED');
    const afterRevoke = await graphql(stack.gatewayUrl, ACCEPT, { t: revoked.token }, { token: invitee.token });
    expect(afterRevoke.errors?.[0]).toMatchObject({ message: 'token: this invitation was revoked', extensions: { code: 'BAD_USER_INPUT' } });

    const expired = expectData(await graphql(stack.gatewayUrl, INVITE, { input: { organizationId: organization.id, email: invitee.email, role: 'MEMBER', expiresInHours: 1 } }, { token: owner.token })).inviteMember;
    await db.query(`UPDATE identity."Invitation" SET "expiresAt" = now() - interval '1 minute' WHERE id = $1`, [expired.invitation.id]);
    const afterExpiry = await graphql(stack.gatewayUrl, ACCEPT, { t: expired.token }, { token: invitee.token });
    expect(afterExpiry.errors?.[0]?.message).toBe('token: this invitation has expired; ask for a new one');

    expect(errorCodes(await graphql(stack.gatewayUrl, ACCEPT, { t: 'cpi_not-a-real-token' }, { token: invitee.token }))).toEqual(['NOT_FOUND']);
  });

  it('stores only a hash of the token', async () => {
    const { owner, organization } = await setup();
    const token = await make.invitation(owner, organization, 'hash-check@example.test', 'MEMBER');
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM identity."Invitation" WHERE "tokenHash" = $1 OR "tokenHash" LIKE '%' || $1 || '%'`, [token]);
    expect(rows[0].n).toBe(0);
  });
});

describe('who may invite', () => {
  it('refuses an ADMIN inviting an OWNER, and lets an OWNER do it', async () => {
    const { owner, admin, organization } = await setup();
    const input = { organizationId: organization.id, email: 'future-owner@example.test', role: 'OWNER' };
    expect(errorCodes(await graphql(stack.gatewayUrl, INVITE, { input }, { token: admin.token }))).toEqual(['FORBIDDEN']);
    expect(expectData(await graphql(stack.gatewayUrl, INVITE, { input }, { token: owner.token })).inviteMember.invitation.role).toBe('OWNER');
  });

  it('refuses a MEMBER with FORBIDDEN and an outsider with NOT_FOUND', async () => {
    const { owner, organization } = await setup();
    const member = await make.member(owner, organization, 'MEMBER');
    const outsider = await make.user();
    const input = { organizationId: organization.id, email: 'x@example.test', role: 'MEMBER' };
    expect(errorCodes(await graphql(stack.gatewayUrl, INVITE, { input }, { token: member.token }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await graphql(stack.gatewayUrl, INVITE, { input }, { token: outsider.token }))).toEqual(['NOT_FOUND']);
  });

  it('rejects a malformed email, a team of another organization, and an existing member', async () => {
    const { owner, admin, organization } = await setup();
    const other = await make.organization(owner);
    const foreignTeam = await make.team(owner, other);
    const bad = await graphql(stack.gatewayUrl, INVITE, { input: { organizationId: organization.id, email: 'nope', role: 'MEMBER' } }, { token: owner.token });
    expect(bad.errors?.[0]).toMatchObject({ message: 'input.email: must be a valid email address', extensions: { code: 'BAD_USER_INPUT' } });
    const foreign = await graphql(stack.gatewayUrl, INVITE, { input: { organizationId: organization.id, email: 'y@example.test', role: 'MEMBER', teamIds: [foreignTeam.id] } }, { token: owner.token });
    expect(errorCodes(foreign)).toEqual(['BAD_USER_INPUT']);
    const existing = await graphql(stack.gatewayUrl, INVITE, { input: { organizationId: organization.id, email: admin.email, role: 'MEMBER' } }, { token: owner.token });
    expect(errorCodes(existing)).toEqual(['CONFLICT']);
  });

  it('lists invitations to OWNER and ADMIN only', async () => {
    const { owner, admin, organization } = await setup();
    await make.invitation(owner, organization, 'listed@example.test', 'MEMBER');
    const member = await make.member(owner, organization, 'MEMBER');
    const query = `query ($id: ID!) { organization(id: $id) { invitations { email status } } }`;
    const seen = expectData(await graphql(stack.gatewayUrl, query, { id: organization.id }, { token: admin.token })).organization.invitations;
    expect(seen).toEqual(expect.arrayContaining([{ email: 'listed@example.test', status: 'PENDING' }]));
    expect(errorCodes(await graphql(stack.gatewayUrl, query, { id: organization.id }, { token: member.token }))).toEqual(['FORBIDDEN']);
  });
});
