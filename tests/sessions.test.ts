import {
  errorCodes,
  TEST_PASSWORD,
  useStack,
  type TestOrganization,
  type TestUser,
} from '@controlplane/testkit';

/**
 * Sessions (issue 16): every user token belongs to a session, and an ended session's tokens
 * answer UNAUTHENTICATED on their next request, through the gateway on PostgreSQL.
 */
const { stack, make, db } = useStack();

const ME = `{ me { user { id } organizations { organization { id } } } }`;
const LOG_OUT = `mutation { logOut }`;
const LOG_OUT_EVERYWHERE = `mutation { logOutEverywhere }`;
const CHANGE_PASSWORD = `mutation ($current: String!, $next: String!) {
  changePassword(currentPassword: $current, newPassword: $next) { token user { id email } }
}`;
const LOG_IN = `mutation ($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }`;
const AUDIT = `query ($orgs: [ID!]!, $filter: AuditFilter) {
  auditLog(organizationIds: $orgs, filter: $filter, first: 100) {
    nodes { action targetType targetId metadata organization { id } actor { type id } }
  }
}`;
const NEW_PASSWORD = 'a-new-password-2026';

/** Whether a token still signs its user in: its user id, or the refusal (status and codes). */
async function signsIn(user: TestUser): Promise<string | [number, string[]]> {
  const response = await stack.as(user).send(ME);
  if (response.errors === undefined) return response.data.me.user.id;
  return [response.status, errorCodes(response)];
}
const ENDED: [number, string[]] = [401, ['UNAUTHENTICATED']];

async function accountEvents(reader: TestUser, organization: TestOrganization, user: TestUser) {
  const { auditLog } = await stack.as(reader).data(AUDIT, {
    orgs: [organization.id],
    filter: { actions: ['password.change', 'session.revoke'], targetId: user.id },
  });
  return auditLog.nodes as {
    action: string;
    targetType: string;
    targetId: string;
    metadata: Record<string, unknown>;
    organization: { id: string };
    actor: { type: string; id: string };
  }[];
}

describe('logOut', () => {
  it('ends the session of the token that sends it and no other session of the user', async () => {
    const user = await make.user();
    const elsewhere = await make.session(user);
    expect((await stack.as(user).data(LOG_OUT)).logOut).toBe(true);
    expect(await signsIn(user)).toEqual(ENDED);
    expect(await signsIn(elsewhere)).toBe(user.id);
  });

  it('answers UNAUTHENTICATED to the ended token on its next request, logOut included', async () => {
    const user = await make.user();
    await stack.as(user).data(LOG_OUT);
    const again = await stack.as(user).send(LOG_OUT);
    expect([again.status, errorCodes(again)]).toEqual(ENDED);
    // Logging in again opens a new session.
    expect(await signsIn(await make.session(user))).toBe(user.id);
  });

  it("removes the user's ended sessions at its next logIn, so they never pile up", async () => {
    const user = await make.user();
    const kept = await make.session(user);
    await stack.as(user).data(LOG_OUT);
    await make.session(user);
    const { rows } = await db.query<{ ended: boolean }>(
      `SELECT "endedAt" IS NOT NULL AS ended FROM "identity"."Session" WHERE "userId" = $1`,
      [user.id],
    );
    expect(rows).toEqual([{ ended: false }, { ended: false }]);
    expect(await signsIn(kept)).toBe(user.id);
    expect(await signsIn(user)).toEqual(ENDED);
  });
});

describe('logOutEverywhere', () => {
  it("ends every session of the caller, this one included, and no other user's", async () => {
    const user = await make.user();
    const other = await make.session(user);
    const someoneElse = await make.user();
    expect((await stack.as(user).data(LOG_OUT_EVERYWHERE)).logOutEverywhere).toBe(true);
    expect(await signsIn(user)).toEqual(ENDED);
    expect(await signsIn(other)).toEqual(ENDED);
    expect(await signsIn(someoneElse)).toBe(someoneElse.id);
    expect(await signsIn(await make.session(user))).toBe(user.id);
  });
});

describe('changePassword', () => {
  it('refuses a wrong current password as UNAUTHENTICATED and changes nothing', async () => {
    const user = await make.user();
    const organization = await make.organization(user);
    const other = await make.session(user);
    const refused = await stack.as(user).send(CHANGE_PASSWORD, {
      current: 'not-the-password-1',
      next: NEW_PASSWORD,
    });
    expect(errorCodes(refused)).toEqual(['UNAUTHENTICATED']);
    expect(refused.errors?.[0]?.message).toBe('currentPassword: is not correct');
    expect(await signsIn(user)).toBe(user.id);
    expect(await signsIn(other)).toBe(user.id);
    expect(
      errorCodes(await stack.anonymous.send(LOG_IN, { email: user.email, password: NEW_PASSWORD })),
    ).toEqual(['UNAUTHENTICATED']);
    expect(await signsIn(await make.session(user))).toBe(user.id);
    expect(await accountEvents(user, organization, user)).toEqual([]);
  });

  it('refuses a new password that signUp would refuse, as BAD_USER_INPUT naming newPassword', async () => {
    const user = await make.user();
    const response = await stack.as(user).send(CHANGE_PASSWORD, { current: TEST_PASSWORD, next: 'short' });
    expect(response.errors?.[0]).toMatchObject({
      message: 'newPassword: must be at least 10 characters',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(await signsIn(await make.session(user))).toBe(user.id);
  });

  it('ends every other session, keeps the calling one and returns a working fresh token', async () => {
    const user = await make.user();
    const other = await make.session(user);
    const { changePassword } = await stack
      .as(user)
      .data(CHANGE_PASSWORD, { current: TEST_PASSWORD, next: NEW_PASSWORD });
    expect(changePassword.user).toEqual({ id: user.id, email: user.email });
    expect(changePassword.token).not.toBe(user.token);
    const { decodeJwt } = await import('jose');
    expect(decodeJwt(changePassword.token).exp).toBeGreaterThanOrEqual(decodeJwt(user.token).exp as number);
    expect(await signsIn({ ...user, token: changePassword.token })).toBe(user.id);
    expect(await signsIn(user)).toBe(user.id);
    expect(await signsIn(other)).toEqual(ENDED);

    const oldPassword = await stack.anonymous.send(LOG_IN, { email: user.email, password: TEST_PASSWORD });
    expect(errorCodes(oldPassword)).toEqual(['UNAUTHENTICATED']);
    expect(await signsIn(await make.session(user, NEW_PASSWORD))).toBe(user.id);
  });
});

describe('who may end sessions', () => {
  it('refuses API keys as FORBIDDEN: only a signed-in user has sessions', async () => {
    const owner = await make.user();
    const key = await make.apiKey(owner, await make.organization(owner), 'ADMIN');
    for (const [operation, variables] of [
      [LOG_OUT, {}],
      [LOG_OUT_EVERYWHERE, {}],
      [CHANGE_PASSWORD, { current: TEST_PASSWORD, next: NEW_PASSWORD }],
    ] as const) {
      expect(await stack.as(key.secret).codes(operation, variables)).toEqual(['FORBIDDEN']);
    }
    expect(await signsIn(owner)).toBe(owner.id);
  });

  it('refuses anonymous callers as UNAUTHENTICATED', async () => {
    expect(await stack.anonymous.codes(LOG_OUT)).toEqual(['UNAUTHENTICATED']);
    expect(await stack.anonymous.codes(LOG_OUT_EVERYWHERE)).toEqual(['UNAUTHENTICATED']);
  });

  it("does not end a member's sessions when an organization removes it", async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const member = await make.member(owner, organization, 'MEMBER');
    const own = await make.organization(member);
    await stack
      .as(owner)
      .data(`mutation ($o: ID!, $u: ID!) { removeMember(organizationId: $o, userId: $u) }`, {
        o: organization.id,
        u: member.id,
      });
    const { me } = await stack.as(member).data(ME);
    expect(me.organizations).toEqual([{ organization: { id: own.id } }]);
  });
});

describe('audit events of sessions', () => {
  /** A user who owns one organization and is a MEMBER of another one, whose OWNER audits it. */
  async function userInTwoOrganizations() {
    const user = await make.user();
    const own = await make.organization(user);
    const otherOwner = await make.user();
    const other = await make.organization(otherOwner);
    const token = await make.invitation(otherOwner, other, user.email, 'MEMBER');
    await stack
      .as(user)
      .data(`mutation ($t: String!) { acceptInvitation(token: $t) { role } }`, { t: token });
    return { user, own, other, otherOwner };
  }

  /** An event of `user`'s own account, as the trail of `organization` records it. */
  function accountEvent(user: TestUser, organization: TestOrganization, action: string, metadata: object) {
    return {
      action,
      targetType: 'User',
      targetId: user.id,
      metadata,
      organization: { id: organization.id },
      actor: { type: 'USER', id: user.id },
    };
  }

  it('records password.change in every organization of the user, without secrets', async () => {
    const { user, own, other, otherOwner } = await userInTwoOrganizations();
    await make.session(user);
    const { changePassword } = await stack
      .as(user)
      .data(CHANGE_PASSWORD, { current: TEST_PASSWORD, next: NEW_PASSWORD });
    const expected = (organization: TestOrganization) =>
      accountEvent(user, organization, 'password.change', { otherSessionsEnded: 1 });
    const mine = await accountEvents(user, own, user);
    const theirs = await accountEvents(otherOwner, other, user);
    expect(mine).toEqual([expected(own)]);
    expect(theirs).toEqual([expected(other)]);
    const text = JSON.stringify([mine, theirs]);
    for (const secret of [TEST_PASSWORD, NEW_PASSWORD, user.token, changePassword.token])
      expect(text).not.toContain(secret);
  });

  it('records session.revoke for logOutEverywhere in every organization, and nothing for logOut', async () => {
    const { user, own, other, otherOwner } = await userInTwoOrganizations();
    const second = await make.session(user);
    await stack.as(second).data(LOG_OUT);
    expect(await accountEvents(otherOwner, other, user)).toEqual([]);
    await make.session(user);
    await stack.as(user).data(LOG_OUT_EVERYWHERE);
    const reader = await make.session(user);
    for (const [auditor, organization] of [
      [reader, own],
      [otherOwner, other],
    ] as const) {
      expect(await accountEvents(auditor, organization, user)).toEqual([
        accountEvent(user, organization, 'session.revoke', { sessionsEnded: 2 }),
      ]);
    }
  });
});

describe('the cost of checking sessions', () => {
  /** Guards issue 16's rule: revocation adds no database round trip to authenticating a request. */
  it('keeps the principal lookup of a signed-in request to one SQL statement, live or ended', async () => {
    const user = await make.user();
    const live = await stack.as(user).send(`{ __typename }`);
    expect(live.errors).toBeUndefined();
    expect(stack.sqlStatementsOf(live.headers.get('x-request-id') as string)).toEqual({
      identity: 1,
      workspace: 0,
      catalog: 0,
    });
    await stack.as(user).data(LOG_OUT);
    const ended = await stack.as(user).send(`{ __typename }`);
    expect(ended.status).toBe(401);
    expect(stack.sqlStatementsOf(ended.headers.get('x-request-id') as string).identity).toBe(1);
  });
});
