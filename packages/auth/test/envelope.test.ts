import {
  ANONYMOUS,
  EnvelopeError,
  ReplayGuard,
  signEnvelope,
  verifyEnvelope,
  Viewer,
  type Principal,
} from '../src';

const SECRET = 'a-test-secret-that-is-at-least-32-chars';
const BODY = '{"query":"{ me { user { id } } }"}';
const USER: Principal = {
  kind: 'user',
  userId: '01900000-0000-7000-8000-000000000001',
  displayName: 'Ada',
  organizations: [{ organizationId: 'org-1', role: 'ADMIN' }],
  teams: [{ teamId: 'team-1', organizationId: 'org-1', role: 'MAINTAINER' }],
};

function verify(token: string | undefined, overrides: Partial<Parameters<typeof verifyEnvelope>[0]> = {}) {
  return verifyEnvelope({
    token,
    secret: SECRET,
    audience: 'workspace',
    method: 'POST',
    path: '/graphql',
    body: BODY,
    replayGuard: new ReplayGuard(),
    ...overrides,
  });
}

describe('the signed identity envelope', () => {
  it('round-trips the principal and the request id', async () => {
    const token = await signEnvelope({
      secret: SECRET,
      audience: 'workspace',
      principal: USER,
      requestId: 'req-1',
      method: 'POST',
      path: '/graphql',
      body: BODY,
    });
    await expect(verify(token)).resolves.toMatchObject({ principal: USER, requestId: 'req-1' });
  });

  it.each([
    ['missing', async () => verify(undefined)],
    [
      'signed for another audience',
      async () =>
        verify(
          await signEnvelope({
            secret: SECRET,
            audience: 'catalog',
            principal: USER,
            requestId: 'r',
            method: 'POST',
            path: '/graphql',
            body: BODY,
          }),
        ),
    ],
    [
      'signed with another secret',
      async () =>
        verify(
          await signEnvelope({
            secret: `${SECRET}-other`,
            audience: 'workspace',
            principal: USER,
            requestId: 'r',
            method: 'POST',
            path: '/graphql',
            body: BODY,
          }),
        ),
    ],
    [
      'for another body',
      async () =>
        verify(
          await signEnvelope({
            secret: SECRET,
            audience: 'workspace',
            principal: USER,
            requestId: 'r',
            method: 'POST',
            path: '/graphql',
            body: '{}',
          }),
        ),
    ],
    [
      'signed for another path',
      async () =>
        verify(
          await signEnvelope({
            secret: SECRET,
            audience: 'workspace',
            principal: USER,
            requestId: 'r',
            method: 'POST',
            path: '/internal/designs/clone',
            body: BODY,
          }),
        ),
    ],
    [
      'signed for another method',
      async () =>
        verify(
          await signEnvelope({
            secret: SECRET,
            audience: 'workspace',
            principal: USER,
            requestId: 'r',
            method: 'GET',
            path: '/graphql',
            body: BODY,
          }),
        ),
    ],
  ])('is refused when %s', async (_label, attempt) => {
    await expect(attempt()).rejects.toBeInstanceOf(EnvelopeError);
  });

  it('is accepted with the previous key during a rotation, and refused with any other', async () => {
    const sign = (secret: string) =>
      signEnvelope({
        secret,
        audience: 'workspace',
        principal: USER,
        requestId: 'r',
        method: 'POST',
        path: '/graphql',
        body: BODY,
      });
    const previousSecret = `${SECRET}-previous`;
    await expect(verify(await sign(previousSecret), { previousSecret })).resolves.toMatchObject({
      principal: USER,
    });
    await expect(verify(await sign(SECRET), { previousSecret })).resolves.toMatchObject({ principal: USER });
    await expect(verify(await sign(`${SECRET}-other`), { previousSecret })).rejects.toBeInstanceOf(
      EnvelopeError,
    );
    await expect(verify(await sign(previousSecret))).rejects.toBeInstanceOf(EnvelopeError);
  });

  it('is refused the second time it is presented', async () => {
    const guard = new ReplayGuard();
    const token = await signEnvelope({
      secret: SECRET,
      audience: 'workspace',
      principal: ANONYMOUS,
      requestId: 'r',
      method: 'POST',
      path: '/graphql',
      body: BODY,
    });
    await verify(token, { replayGuard: guard });
    await expect(verify(token, { replayGuard: guard })).rejects.toThrow('replayed request');
  });

  it('is refused once expired', async () => {
    jest.useFakeTimers({ now: Date.now() - 10 * 60 * 1000 });
    const token = await signEnvelope({
      secret: SECRET,
      audience: 'workspace',
      principal: USER,
      requestId: 'r',
      method: 'POST',
      path: '/graphql',
      body: BODY,
    });
    jest.useRealTimers();
    await expect(verify(token)).rejects.toThrow('invalid gateway signature');
  });
});

describe('the Viewer', () => {
  it('answers role questions for users and API keys, and nothing for anonymous callers', () => {
    const user = new Viewer(USER);
    expect(user.roleIn('org-1')).toBe('ADMIN');
    expect(user.teamRole('team-1')).toBe('MAINTAINER');
    expect(user.roleIn('org-2')).toBeUndefined();

    const key = new Viewer({
      kind: 'apiKey',
      apiKeyId: 'k',
      name: 'ci',
      organizationId: 'org-9',
      role: 'AUDITOR',
    });
    expect(key.organizationIds).toEqual(['org-9']);
    expect(key.userId).toBeUndefined();
    expect(key.actor).toEqual({ type: 'API_KEY', id: 'k', displayName: 'ci' });

    const anonymous = new Viewer();
    expect(anonymous.isAuthenticated).toBe(false);
    expect(anonymous.organizationIds).toEqual([]);
  });
});
