import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createEnvelopeSigner, ReplayGuard, trustCallers, verifyEnvelope, Viewer } from '@controlplane/auth';
import { createServiceCaller, identityApi, InternalCallError, workspaceApi, type Fetch } from '../src';
import { cloneRequest } from './fixtures';

const CATALOG_KEYS = generateKeyPairSync('ed25519');
const TRUSTED = trustCallers({ catalog: [CATALOG_KEYS.publicKey] });
const USER = {
  kind: 'user' as const,
  userId: randomUUID(),
  displayName: 'Ada',
  organizations: [{ organizationId: randomUUID(), role: 'ADMIN' as const }],
  teams: [],
};

/** A fake peer: records what it was sent and answers `status` with `body`. */
function peer(status: number, body: unknown) {
  const sent: { url: string; headers: Record<string, string>; body: string }[] = [];
  const fetch: Fetch = async (url, init) => {
    sent.push({ url, headers: init.headers, body: init.body });
    return { status, text: async () => JSON.stringify(body) };
  };
  return { sent, fetch };
}

function callerWith(fetch: Fetch) {
  return createServiceCaller({
    signer: createEnvelopeSigner('catalog', CATALOG_KEYS.privateKey),
    peers: { identity: 'http://identity.test/graphql', workspace: 'http://workspace.test/graphql' },
    fetch,
  });
}

describe('a service caller', () => {
  it('signs as its own service, acting for the end user of the request it serves', async () => {
    const { sent, fetch } = peer(200, { designs: [] });
    await callerWith(fetch).call(
      workspaceApi.designsByCloneKey,
      { cloneKeys: [] },
      new Viewer(USER, 'req-1'),
    );
    const [request] = sent;
    expect(request?.url).toBe('http://workspace.test/internal/designs/by-clone-key');
    const claims = await verifyEnvelope({
      token: request?.headers['x-gateway-identity'],
      trusted: TRUSTED,
      audience: 'workspace',
      method: 'POST',
      path: '/internal/designs/by-clone-key',
      body: request?.body ?? '',
      replayGuard: new ReplayGuard(),
    });
    expect(claims).toMatchObject({
      caller: 'catalog',
      principal: { kind: 'service', service: 'catalog', actingFor: USER },
      requestId: 'req-1',
    });
  });

  it('acts for nobody on its own work', async () => {
    const { sent, fetch } = peer(200, { stored: 0, refused: 0 });
    const events = [
      {
        id: randomUUID(),
        organizationId: randomUUID(),
        actorType: 'SYSTEM' as const,
        actorId: null,
        actorDisplayName: null,
        action: 'catalog.item.withdraw',
        targetType: 'CatalogItem',
        targetId: null,
        metadata: null,
        requestId: null,
        occurredAt: new Date().toISOString(),
      },
    ];
    await callerWith(fetch).call(identityApi.auditEvents, { events }, { requestId: 'audit-relay' });
    const claims = await verifyEnvelope({
      token: sent[0]?.headers['x-gateway-identity'],
      trusted: TRUSTED,
      audience: 'identity',
      method: 'POST',
      path: '/internal/audit-events',
      body: sent[0]?.body ?? '',
      replayGuard: new ReplayGuard(),
    });
    expect(claims.principal).toEqual({ kind: 'service', service: 'catalog' });
  });

  it('rejects a malformed answer instead of handing it on', async () => {
    const { fetch } = peer(200, { designs: [{ id: 42 }] });
    const call = callerWith(fetch).call(
      workspaceApi.designsByCloneKey,
      { cloneKeys: [] },
      { requestId: 'r' },
    );
    await expect(call).rejects.toBeInstanceOf(InternalCallError);
    await expect(call).rejects.toThrow('malformed response');
  });

  it('rejects an answer that is not JSON', async () => {
    const fetch: Fetch = async () => ({ status: 200, text: async () => '<html>' });
    await expect(
      callerWith(fetch).call(workspaceApi.designsByCloneKey, { cloneKeys: [] }, { requestId: 'r' }),
    ).rejects.toThrow('malformed response');
  });

  it('reports a declared refusal as an answer, and fails on any other status', async () => {
    const request = cloneRequest(new Date().toISOString());
    const refused = await callerWith(peer(410, { error: 'expired' }).fetch).ask(
      workspaceApi.cloneDesign,
      request,
      { requestId: 'r' },
    );
    expect(refused).toEqual({ ok: false, refusal: 'expired' });
    await expect(
      callerWith(peer(500, { error: 'internal error' }).fetch).ask(workspaceApi.cloneDesign, request, {
        requestId: 'r',
      }),
    ).rejects.toMatchObject({ status: 500 });
  });

  it('does not send a request its own schema refuses', async () => {
    const { sent, fetch } = peer(200, { teams: [] });
    await expect(
      callerWith(fetch).call(identityApi.principal, { credential: '' }, { requestId: 'r' }),
    ).rejects.toBeInstanceOf(InternalCallError);
    expect(sent).toEqual([]);
  });
});
