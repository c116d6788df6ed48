import { ANONYMOUS, EnvelopeError, ReplayGuard, Viewer } from '../src';
import { SECRET, adaWith, sign, verify } from './fixtures';

const USER = adaWith('01900000-0000-7000-8000-000000000001', 'ADMIN', 'MAINTAINER');

describe('the signed identity envelope', () => {
  it('round-trips the principal and the request id', async () => {
    const token = await sign(USER, { requestId: 'req-1' });
    await expect(verify(token)).resolves.toMatchObject({ principal: USER, requestId: 'req-1' });
  });

  it.each([
    ['missing', async () => verify(undefined)],
    ['signed for another audience', async () => verify(await sign(USER, { audience: 'catalog' }))],
    ['signed with another secret', async () => verify(await sign(USER, { secret: `${SECRET}-other` }))],
    ['for another body', async () => verify(await sign(USER, { body: '{}' }))],
    ['signed for another path', async () => verify(await sign(USER, { path: '/internal/designs/clone' }))],
    ['signed for another method', async () => verify(await sign(USER, { method: 'GET' }))],
  ])('is refused when %s', async (_label, attempt) => {
    await expect(attempt()).rejects.toBeInstanceOf(EnvelopeError);
  });

  it('is accepted with the previous key during a rotation, and refused with any other', async () => {
    const signWith = (secret: string) => sign(USER, { secret });
    const previousSecret = `${SECRET}-previous`;
    await expect(verify(await signWith(previousSecret), { previousSecret })).resolves.toMatchObject({
      principal: USER,
    });
    await expect(verify(await signWith(SECRET), { previousSecret })).resolves.toMatchObject({
      principal: USER,
    });
    await expect(verify(await signWith(`${SECRET}-other`), { previousSecret })).rejects.toBeInstanceOf(
      EnvelopeError,
    );
    await expect(verify(await signWith(previousSecret))).rejects.toBeInstanceOf(EnvelopeError);
  });

  it('is refused the second time it is presented', async () => {
    const guard = new ReplayGuard();
    const token = await sign(ANONYMOUS);
    await verify(token, { replayGuard: guard });
    await expect(verify(token, { replayGuard: guard })).rejects.toThrow('replayed request');
  });

  it('is refused once expired', async () => {
    jest.useFakeTimers({ now: Date.now() - 10 * 60 * 1000 });
    const token = await sign(USER);
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
