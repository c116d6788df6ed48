import { randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import {
  ANONYMOUS,
  EnvelopeError,
  hashBody,
  ReplayGuard,
  servicePrincipal,
  trustCallers,
  Viewer,
} from '../src';
import { BODY, GATEWAY, WORKSPACE, adaWith, callerKeys, sign, verify } from './fixtures';

const USER = adaWith('01900000-0000-7000-8000-000000000001', 'ADMIN', 'MAINTAINER');
/** The gateway's key before a rotation. */
const GATEWAY_PREVIOUS = callerKeys('gateway');
/** A key no receiver was told about. */
const STRANGER = callerKeys('gateway');

describe('the signed identity envelope', () => {
  it('round-trips the principal and the request id', async () => {
    const token = await sign(USER, { requestId: 'req-1' });
    await expect(verify(token)).resolves.toMatchObject({ principal: USER, requestId: 'req-1' });
  });

  it.each([
    ['missing', async () => verify(undefined)],
    ['signed for another audience', async () => verify(await sign(USER, { audience: 'catalog' }))],
    [
      'signed with a key no receiver trusts',
      async () => verify(await sign(USER, { signer: STRANGER.signer })),
    ],
    ['for another body', async () => verify(await sign(USER, { body: '{}' }))],
    ['signed for another path', async () => verify(await sign(USER, { path: '/internal/designs/clone' }))],
    ['signed for another method', async () => verify(await sign(USER, { method: 'GET' }))],
  ])('is refused when %s', async (_label, attempt) => {
    await expect(attempt()).rejects.toBeInstanceOf(EnvelopeError);
  });

  it("is accepted with the caller's previous key during a rotation, and refused with any other", async () => {
    const signedBy = (signer: typeof GATEWAY.signer) => sign(USER, { signer });
    const trusted = trustCallers({ gateway: [GATEWAY.publicKey, GATEWAY_PREVIOUS.publicKey] });
    await expect(verify(await signedBy(GATEWAY_PREVIOUS.signer), { trusted })).resolves.toMatchObject({
      caller: 'gateway',
      principal: USER,
    });
    await expect(verify(await signedBy(GATEWAY.signer), { trusted })).resolves.toMatchObject({
      principal: USER,
    });
    await expect(verify(await signedBy(STRANGER.signer), { trusted })).rejects.toThrow('unknown signing key');
    await expect(verify(await signedBy(GATEWAY_PREVIOUS.signer))).rejects.toThrow('unknown signing key');
  });

  it('is refused when a service signs an end user with its own key: only the gateway forwards them', async () => {
    const token = await sign(USER, { signer: WORKSPACE.signer });
    await expect(verify(token)).rejects.toThrow('signer does not match the principal');
  });

  it("is refused when a service signs another service's principal", async () => {
    const token = await sign(servicePrincipal('catalog', USER), { signer: WORKSPACE.signer });
    await expect(verify(token)).rejects.toThrow('signer does not match the principal');
  });

  /** A hand-made envelope for the workspace's /graphql: `header`, issued as the gateway, signed with `key`. */
  const handMade = (header: { alg: string; kid?: string }, key: KeyObject | Uint8Array) =>
    new SignJWT({ prn: USER, rid: 'r', htm: 'POST', htp: '/graphql', bh: hashBody(BODY) })
      .setProtectedHeader(header)
      .setIssuer('controlplane-gateway')
      .setAudience('workspace')
      .setIssuedAt()
      .setExpirationTime('60s')
      .setJti(randomUUID())
      .sign(key);

  it("is refused when signed with the workspace's key but claiming to be the gateway", async () => {
    const workspaceKey = WORKSPACE.signer.privateKey;
    await expect(
      verify(await handMade({ alg: 'EdDSA', kid: WORKSPACE.signer.keyId }, workspaceKey)),
    ).rejects.toThrow('issuer does not match the signing key');
    await expect(
      verify(await handMade({ alg: 'EdDSA', kid: GATEWAY.signer.keyId }, workspaceKey)),
    ).rejects.toThrow('invalid signature');
  });

  it('is refused without a key id, or with an HMAC algorithm', async () => {
    await expect(verify(await handMade({ alg: 'EdDSA' }, GATEWAY.signer.privateKey))).rejects.toThrow(
      'unknown signing key',
    );
    const hmacKey = new TextEncoder().encode(GATEWAY.signer.keyId.padEnd(32, 'x'));
    await expect(
      verify(await handMade({ alg: 'HS256', kid: GATEWAY.signer.keyId }, hmacKey)),
    ).rejects.toBeInstanceOf(EnvelopeError);
  });

  it('refuses one public key configured for two callers', () => {
    expect(() => trustCallers({ gateway: [GATEWAY.publicKey], catalog: [GATEWAY.publicKey] })).toThrow(
      'configured with the same public key',
    );
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
    await expect(verify(token)).rejects.toThrow('invalid signature');
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
