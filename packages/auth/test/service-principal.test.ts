import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { ANONYMOUS, callerOf, hashBody, servicePrincipal, Viewer } from '../src';
import { BODY, CATALOG, adaWith, sign, verify } from './fixtures';

const USER = adaWith('user-1', 'MEMBER', 'MEMBER');

describe('a service principal', () => {
  it('gives the Viewer the memberships and the name of the end user it acts for', () => {
    const viewer = new Viewer(servicePrincipal('catalog', USER), 'req-1');
    expect(viewer.service).toBe('catalog');
    expect(viewer.isAuthenticated).toBe(true);
    expect(viewer.userId).toBe('user-1');
    expect(viewer.roleIn('org-1')).toBe('MEMBER');
    expect(viewer.teamRole('team-1')).toBe('MEMBER');
    expect(viewer.actor).toEqual({ type: 'USER', id: 'user-1', displayName: 'Ada' });
  });

  it('gives a service on its own account no memberships, like an anonymous caller', () => {
    const viewer = new Viewer(servicePrincipal('workspace'), 'audit-relay');
    expect(viewer.isAuthenticated).toBe(false);
    expect(viewer.organizationIds).toEqual([]);
    expect(viewer.actor).toEqual({ type: 'SYSTEM', id: null, displayName: null });
  });

  it('never nests: a service acting for another service acts for the end user behind it', () => {
    expect(servicePrincipal('workspace', servicePrincipal('catalog', USER))).toEqual({
      kind: 'service',
      service: 'workspace',
      actingFor: USER,
    });
    expect(servicePrincipal('workspace', ANONYMOUS)).toEqual({ kind: 'service', service: 'workspace' });
  });

  it('names its service as the caller; everything else came through the gateway', () => {
    expect(callerOf(servicePrincipal('identity'))).toBe('identity');
    expect(callerOf(USER)).toBe('gateway');
    expect(callerOf(ANONYMOUS)).toBe('gateway');
  });

  it('round-trips through the envelope', async () => {
    const principal = servicePrincipal('catalog', USER);
    const token = await sign(principal, { signer: CATALOG.signer });
    await expect(verify(token)).resolves.toMatchObject({ principal, requestId: 'r' });
  });

  it('is refused when the signer named in the envelope is not the service the principal names', async () => {
    const token = await new SignJWT({
      prn: servicePrincipal('workspace'),
      rid: 'r',
      htm: 'POST',
      htp: '/graphql',
      bh: hashBody(BODY),
    })
      .setProtectedHeader({ alg: 'EdDSA', kid: CATALOG.signer.keyId })
      .setIssuer('controlplane-catalog')
      .setAudience('identity')
      .setIssuedAt()
      .setExpirationTime('60s')
      .setJti(randomUUID())
      .sign(CATALOG.signer.privateKey);
    await expect(verify(token, { audience: 'identity' })).rejects.toThrow(
      'signer does not match the principal',
    );
  });
});
