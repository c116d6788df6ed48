import { errorCodes, useStack } from '@controlplane/testkit';

const { stack, make, db } = useStack();

const INVITE = `mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { token invitation { id email role status expiresAt teams { id } invitedBy { id } organization { id } } } }`;
const ACCEPT = `mutation ($t: String!) { acceptInvitation(token: $t) { role organization { id } user { id } } }`;
const REVOKE = `mutation ($id: ID!) { revokeInvitation(id: $id) { status } }`;

describe('inviteMember and acceptInvitation', () => {
  it('joins the invitee with the role and teams, once', async () => {
    const { owner, admin, organization } = await make.organizationWithAdmin();
    const team = await make.team(owner, organization);
    const invitee = await make.user();
    const invited = (
      await stack.as(admin).data(INVITE, {
        input: {
          organizationId: organization.id,
          email: invitee.email.toUpperCase(),
          role: 'MEMBER',
          teamIds: [team.id],
        },
      })
    ).inviteMember;
    expect(invited.invitation).toMatchObject({
      email: invitee.email,
      role: 'MEMBER',
      status: 'PENDING',
      teams: [{ id: team.id }],
      invitedBy: { id: admin.id },
    });
    const expiresInHours = (Date.parse(invited.invitation.expiresAt) - Date.now()) / 3_600_000;
    expect(expiresInHours).toBeGreaterThan(167);
    expect(expiresInHours).toBeLessThanOrEqual(168);

    const accepted = await stack.as(invitee).data(ACCEPT, { t: invited.token });
    expect(accepted.acceptInvitation).toEqual({
      role: 'MEMBER',
      organization: { id: organization.id },
      user: { id: invitee.id },
    });
    const me = await stack.as(invitee).data(`
      {
        me {
          teams {
            team {
              id
            }
          }
        }
      }
    `);
    expect(me.me.teams).toEqual([{ team: { id: team.id } }]);

    const again = await stack.as(invitee).send(ACCEPT, { t: invited.token });
    expect(again.errors?.[0]).toMatchObject({
      message: 'token: this invitation was already accepted',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses an invitation addressed to another email with FORBIDDEN and joins nobody', async () => {
    const { owner, organization } = await make.organizationWithAdmin();
    const token = await make.invitation(owner, organization, 'someone-else@example.test', 'ADMIN');
    const thief = await make.user();
    expect(await stack.as(thief).codes(ACCEPT, { t: token })).toEqual(['FORBIDDEN']);
    expect(
      (
        await stack.as(thief).data(`
          {
            organizations {
              id
            }
          }
        `)
      ).organizations,
    ).toEqual([]);
  });

  it('refuses revoked and expired tokens clearly, and unknown ones as NOT_FOUND', async () => {
    const { owner, organization } = await make.organizationWithAdmin();
    const invitee = await make.user();
    const revoked = (
      await stack
        .as(owner)
        .data(INVITE, { input: { organizationId: organization.id, email: invitee.email, role: 'MEMBER' } })
    ).inviteMember;
    expect((await stack.as(owner).data(REVOKE, { id: revoked.invitation.id })).revokeInvitation.status).toBe(
      'REVOKED',
    );
    const afterRevoke = await stack.as(invitee).send(ACCEPT, { t: revoked.token });
    expect(afterRevoke.errors?.[0]).toMatchObject({
      message: 'token: this invitation was revoked',
      extensions: { code: 'BAD_USER_INPUT' },
    });

    const expired = (
      await stack.as(owner).data(INVITE, {
        input: { organizationId: organization.id, email: invitee.email, role: 'MEMBER', expiresInHours: 1 },
      })
    ).inviteMember;
    await db.query(
      `UPDATE identity."Invitation" SET "expiresAt" = now() - interval '1 minute' WHERE id = $1`,
      [expired.invitation.id],
    );
    const afterExpiry = await stack.as(invitee).send(ACCEPT, { t: expired.token });
    expect(afterExpiry.errors?.[0]?.message).toBe('token: this invitation has expired; ask for a new one');

    expect(await stack.as(invitee).codes(ACCEPT, { t: 'cpi_not-a-real-token' })).toEqual(['NOT_FOUND']);
  });

  it('stores only a hash of the token', async () => {
    const { owner, organization } = await make.organizationWithAdmin();
    const token = await make.invitation(owner, organization, 'hash-check@example.test', 'MEMBER');
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM identity."Invitation" WHERE "tokenHash" = $1 OR "tokenHash" LIKE '%' || $1 || '%'`,
      [token],
    );
    expect(rows[0].n).toBe(0);
  });
});

describe('who may invite', () => {
  it('refuses an ADMIN inviting an OWNER, and lets an OWNER do it', async () => {
    const { owner, admin, organization } = await make.organizationWithAdmin();
    const input = { organizationId: organization.id, email: 'future-owner@example.test', role: 'OWNER' };
    expect(await stack.as(admin).codes(INVITE, { input })).toEqual(['FORBIDDEN']);
    expect((await stack.as(owner).data(INVITE, { input })).inviteMember.invitation.role).toBe('OWNER');
  });

  it('refuses a MEMBER with FORBIDDEN and an outsider with NOT_FOUND', async () => {
    const { owner, organization } = await make.organizationWithAdmin();
    const member = await make.member(owner, organization, 'MEMBER');
    const outsider = await make.user();
    const input = { organizationId: organization.id, email: 'x@example.test', role: 'MEMBER' };
    expect(await stack.as(member).codes(INVITE, { input })).toEqual(['FORBIDDEN']);
    expect(await stack.as(outsider).codes(INVITE, { input })).toEqual(['NOT_FOUND']);
  });

  it('rejects a malformed email, a team of another organization, and an existing member', async () => {
    const { owner, admin, organization } = await make.organizationWithAdmin();
    const other = await make.organization(owner);
    const foreignTeam = await make.team(owner, other);
    const bad = await stack
      .as(owner)
      .send(INVITE, { input: { organizationId: organization.id, email: 'nope', role: 'MEMBER' } });
    expect(bad.errors?.[0]).toMatchObject({
      message: 'input.email: must be a valid email address',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const foreign = await stack.as(owner).send(INVITE, {
      input: {
        organizationId: organization.id,
        email: 'y@example.test',
        role: 'MEMBER',
        teamIds: [foreignTeam.id],
      },
    });
    expect(errorCodes(foreign)).toEqual(['BAD_USER_INPUT']);
    const existing = await stack
      .as(owner)
      .send(INVITE, { input: { organizationId: organization.id, email: admin.email, role: 'MEMBER' } });
    expect(errorCodes(existing)).toEqual(['CONFLICT']);
  });

  it('lists invitations to OWNER and ADMIN only', async () => {
    const { owner, admin, organization } = await make.organizationWithAdmin();
    await make.invitation(owner, organization, 'listed@example.test', 'MEMBER');
    const member = await make.member(owner, organization, 'MEMBER');
    const query = `query ($id: ID!) { organization(id: $id) { invitations { email status } } }`;
    const seen = (await stack.as(admin).data(query, { id: organization.id })).organization.invitations;
    expect(seen).toEqual(expect.arrayContaining([{ email: 'listed@example.test', status: 'PENDING' }]));
    expect(await stack.as(member).codes(query, { id: organization.id })).toEqual(['FORBIDDEN']);
  });
});

/** Guards issue 11 (4): an invitation grants only what its inviter could still grant today. */
describe('an invitation whose inviter lost the power to grant it', () => {
  const statusOf = async (owner: { token: string }, organizationId: string, id: string) =>
    (
      await stack.as(owner).data(
        `
          query ($o: ID!) {
            organization(id: $o) {
              invitations {
                id
                status
              }
            }
          }
        `,
        { o: organizationId },
      )
    ).organization.invitations.find((invitation: { id: string }) => invitation.id === id)?.status;

  it('is revoked when the inviter is removed, so a removed ADMIN cannot come back through an alias', async () => {
    const { owner, admin, organization } = await make.organizationWithAdmin();
    const alias = `${admin.email.replace('@', '+alias@')}`;
    const invited = (
      await stack
        .as(admin)
        .data(INVITE, { input: { organizationId: organization.id, email: alias, role: 'ADMIN' } })
    ).inviteMember;
    await stack.as(owner).data(
      `
        mutation ($o: ID!, $u: ID!) {
          removeMember(organizationId: $o, userId: $u)
        }
      `,
      { o: organization.id, u: admin.id },
    );
    expect(await statusOf(owner, organization.id, invited.invitation.id)).toBe('REVOKED');
    const comeback = await make.user({ email: alias });
    expect(await stack.as(comeback).codes(ACCEPT, { t: invited.token })).toEqual(['BAD_USER_INPUT']);
    expect(
      await stack.as(comeback).codes(
        `
          query ($o: ID!) {
            organization(id: $o) {
              members {
                totalCount
              }
            }
          }
        `,
        { o: organization.id },
      ),
    ).toEqual(['NOT_FOUND']);
  });

  it('is refused (FORBIDDEN) when the inviter was demoted below ADMIN', async () => {
    const { owner, admin, organization } = await make.organizationWithAdmin();
    const invitee = await make.user();
    const token = await make.invitation(admin, organization, invitee.email, 'ADMIN');
    await make.memberRole(owner, organization, admin, 'MEMBER');
    expect(await stack.as(invitee).codes(ACCEPT, { t: token })).toEqual(['FORBIDDEN']);
  });

  it('to OWNER is refused when its inviter is no longer an OWNER, while an ADMIN invitation of theirs still holds', async () => {
    const { owner, organization } = await make.organizationWithAdmin();
    const coOwner = await make.member(owner, organization, 'OWNER');
    const toOwner = await make.user();
    const toAdmin = await make.user();
    const ownerInvite = await make.invitation(coOwner, organization, toOwner.email, 'OWNER');
    const adminInvite = await make.invitation(coOwner, organization, toAdmin.email, 'ADMIN');
    await make.memberRole(owner, organization, coOwner, 'ADMIN');
    expect(await stack.as(toOwner).codes(ACCEPT, { t: ownerInvite })).toEqual(['FORBIDDEN']);
    expect((await stack.as(toAdmin).data(ACCEPT, { t: adminInvite })).acceptInvitation.role).toBe('ADMIN');
  });

  it('made by an API key is refused once the key is revoked', async () => {
    const { owner, admin, organization } = await make.organizationWithAdmin();
    const key = await make.apiKey(admin, organization, 'ADMIN');
    const invitee = await make.user();
    const token = await make.invitation(key, organization, invitee.email, 'MEMBER');
    await stack.as(owner).data(
      `
        mutation ($id: ID!) {
          revokeApiKey(id: $id) {
            id
          }
        }
      `,
      { id: key.id },
    );
    expect(await stack.as(invitee).codes(ACCEPT, { t: token })).toEqual(['FORBIDDEN']);
  });

  it('made by an API key that still acts as ADMIN is accepted', async () => {
    const { admin, organization } = await make.organizationWithAdmin();
    const key = await make.apiKey(admin, organization, 'ADMIN');
    const invitee = await make.user();
    const token = await make.invitation(key, organization, invitee.email, 'MEMBER');
    expect((await stack.as(invitee).data(ACCEPT, { t: token })).acceptInvitation.role).toBe('MEMBER');
  });
});
