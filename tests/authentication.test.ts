import { errorCodes, TEST_PASSWORD, unique, useStack } from '@controlplane/testkit';

const { stack, make } = useStack();

const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id email displayName } } }`;
const LOG_IN = `mutation ($email: String!, $password: String!) { logIn(email: $email, password: $password) { token user { id email } } }`;
const ME = `{ me { user { id email displayName } organizations { role organization { id } } teams { role } } }`;

describe('signUp, logIn and me through the gateway', () => {
  it('signs up, logs in with a differently cased email, and sees itself in me', async () => {
    const email = `${unique('Mixed')}@Example.TEST`;
    const signUp = await stack.anonymous.data(SIGN_UP, {
      input: { email, password: TEST_PASSWORD, displayName: 'Dana' },
    });
    expect(signUp.signUp.user).toMatchObject({ email: email.toLowerCase(), displayName: 'Dana' });

    const logIn = await stack.anonymous.data(LOG_IN, { email: email.toUpperCase(), password: TEST_PASSWORD });
    expect(logIn.logIn.user.id).toBe(signUp.signUp.user.id);

    const me = await stack.as(logIn.logIn).data(ME);
    expect(me.me).toEqual({
      user: { id: signUp.signUp.user.id, email: email.toLowerCase(), displayName: 'Dana' },
      organizations: [],
      teams: [],
    });
  });

  it('shows a new organization in me with the OWNER role', async () => {
    const user = await make.user();
    const organization = await make.organization(user);
    const me = await stack.as(user).data(ME);
    expect(me.me.organizations).toEqual([{ role: 'OWNER', organization: { id: organization.id } }]);
  });

  it('returns null for me without credentials', async () => {
    const response = await stack.anonymous.send(ME);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ me: null });
  });

  it('refuses a second account with the same email in any case as CONFLICT', async () => {
    const user = await make.user();
    const again = await stack.anonymous.send(SIGN_UP, {
      input: { email: user.email.toUpperCase(), password: TEST_PASSWORD, displayName: 'Again' },
    });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
  });

  it('gives the same UNAUTHENTICATED answer for a wrong password and an unknown email', async () => {
    const user = await make.user();
    const wrongPassword = await stack.anonymous.send(LOG_IN, {
      email: user.email,
      password: 'wrong-password-123',
    });
    const unknownEmail = await stack.anonymous.send(LOG_IN, {
      email: `${unique('nobody')}@example.test`,
      password: TEST_PASSWORD,
    });
    expect(errorCodes(wrongPassword)).toEqual(['UNAUTHENTICATED']);
    expect(unknownEmail.errors?.[0]?.message).toBe(wrongPassword.errors?.[0]?.message);
  });

  it.each([
    [
      { email: 'not-an-email', password: TEST_PASSWORD, displayName: 'X' },
      'input.email: must be a valid email address',
    ],
    [
      { email: 'short@example.test', password: 'short', displayName: 'X' },
      'input.password: must be at least 10 characters',
    ],
    [
      { email: 'blank@example.test', password: TEST_PASSWORD, displayName: '' },
      'input.displayName: must not be empty',
    ],
    [
      { email: 'long@example.test', password: TEST_PASSWORD, displayName: 'x'.repeat(101) },
      'input.displayName: must be at most 100 characters',
    ],
  ])('rejects bad sign-up input %j with BAD_USER_INPUT', async (input, message) => {
    const response = await stack.anonymous.send(SIGN_UP, { input });
    expect(response.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('rejects a malformed or forged bearer token with UNAUTHENTICATED and HTTP 401', async () => {
    for (const token of ['garbage', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl']) {
      const response = await stack.as(token).send(ME);
      expect(response.status).toBe(401);
      expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('never returns a password hash or the token in me', async () => {
    const user = await make.user();
    const response = await stack.as(user).send(ME);
    const text = JSON.stringify(response);
    expect(text).not.toContain('argon2');
    expect(text).not.toContain(user.token);
  });
});

describe('bearer tokens', () => {
  it('refuses an expired token and one signed with another secret, as UNAUTHENTICATED', async () => {
    const { decodeJwt, SignJWT } = await import('jose');
    const user = await make.user();
    const { sid } = decodeJwt(user.token);
    const sign = (secret: string, expiresAt: number, claims: Record<string, unknown> = { sid }) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(user.id)
        .setIssuer('controlplane-identity')
        .setAudience('controlplane')
        .setIssuedAt(expiresAt - 3600)
        .setExpirationTime(expiresAt)
        .sign(new TextEncoder().encode(secret));
    const now = Math.floor(Date.now() / 1000);
    const valid = await sign(stack.jwtSecret, now + 600);
    expect((await stack.as(valid).data(ME)).me.user.id).toBe(user.id);
    const expired = await stack.as(await sign(stack.jwtSecret, now - 60)).send(ME);
    expect([expired.status, errorCodes(expired)]).toEqual([401, ['UNAUTHENTICATED']]);
    const forged = await stack.as(await sign('an-attacker-secret-that-is-long-enough-9', now + 600)).send(ME);
    expect([forged.status, errorCodes(forged)]).toEqual([401, ['UNAUTHENTICATED']]);
  });

  /** Guards issue 16: a token without a session (issued before sessions existed) signs nobody in. */
  it('refuses a well-signed token that names no session, or a session of another user', async () => {
    const { decodeJwt, SignJWT } = await import('jose');
    const user = await make.user();
    const other = await make.user();
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(user.id)
        .setIssuer('controlplane-identity')
        .setAudience('controlplane')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(stack.jwtSecret));
    for (const token of [await sign({}), await sign({ sid: decodeJwt(other.token).sid })]) {
      const response = await stack.as(token).send(ME);
      expect([response.status, errorCodes(response)]).toEqual([401, ['UNAUTHENTICATED']]);
    }
  });
});
