import { generateKeyPairSync, randomUUID } from 'node:crypto';
import {
  ANONYMOUS,
  createEnvelopeSigner,
  hashBody,
  IDENTITY_HEADER,
  servicePrincipal,
  signEnvelope,
  type Principal,
} from '@controlplane/auth';
import { callersOf } from '@controlplane/internal-api';
import { SignJWT } from 'jose';
import {
  SUBGRAPH_NAMES,
  useStack,
  type ServiceClient,
  type SubgraphName,
  type TestUser,
} from '@controlplane/testkit';

const { stack, make } = useStack();
let user: TestUser;

beforeAll(async () => {
  user = await make.user();
});

const BODY = JSON.stringify({ query: '{ __typename }' });

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] },
  };
}

/** The identity header the gateway would send with `body` to the subgraph `audience`. */
const sign = (audience: SubgraphName, body: string) => stack.asService(audience).sign(body);

describe.each(SUBGRAPH_NAMES)('the %s subgraph trusts only the gateway', (name) => {
  it('refuses a request without a signature', async () => {
    const response = await post(stack.subgraphUrls[name], BODY);
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.body.data).toBeUndefined();
  });

  it("accepts a request signed with the gateway's key", async () => {
    const response = await post(stack.subgraphUrls[name], BODY, {
      [IDENTITY_HEADER]: await sign(name, BODY),
    });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ __typename: 'Query' });
  });

  it('refuses a replay of a signed request', async () => {
    const headers = { [IDENTITY_HEADER]: await sign(name, BODY) };
    expect((await post(stack.subgraphUrls[name], BODY, headers)).status).toBe(200);
    expect((await post(stack.subgraphUrls[name], BODY, headers)).status).toBe(401);
  });

  it('refuses a signed request whose body was altered', async () => {
    const headers = { [IDENTITY_HEADER]: await sign(name, BODY) };
    const altered = JSON.stringify({ query: '{ __schema { types { name } } }' });
    expect((await post(stack.subgraphUrls[name], altered, headers)).status).toBe(401);
  });

  it('refuses a request signed for another subgraph', async () => {
    const other = SUBGRAPH_NAMES.find((candidate) => candidate !== name) as SubgraphName;
    expect(
      (await post(stack.subgraphUrls[name], BODY, { [IDENTITY_HEADER]: await sign(other, BODY) })).status,
    ).toBe(401);
  });

  it('refuses a request signed with a key it does not know (an unknown key id)', async () => {
    const forged = await signEnvelope({
      signer: createEnvelopeSigner('gateway', generateKeyPairSync('ed25519').privateKey),
      audience: name,
      principal: ANONYMOUS,
      requestId: 'test',
      method: 'POST',
      path: '/graphql',
      body: BODY,
    });
    expect((await post(stack.subgraphUrls[name], BODY, { [IDENTITY_HEADER]: forged })).status).toBe(401);
  });

  it('refuses a signed identity whose principal was edited', async () => {
    const token = await sign(name, BODY);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    claims.prn = { kind: 'user', userId: user.id, displayName: 'x', organizations: [], teams: [] };
    const edited = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    expect((await post(stack.subgraphUrls[name], BODY, { [IDENTITY_HEADER]: edited })).status).toBe(401);
  });
});

describe('the identity service-to-service endpoint', () => {
  it('refuses an unsigned principal lookup', async () => {
    const url = new URL('/internal/principal', stack.subgraphUrls.identity).toString();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credential: user.token }),
    });
    expect(response.status).toBe(401);
    expect(JSON.stringify(await response.json())).not.toContain(user.id);
  });
});

/**
 * Guards issue 16's key per caller: a service that holds its own key cannot speak as the gateway
 * (forward an end user, or reach GraphQL) nor as another service.
 */
describe('each caller signs with its own key', () => {
  const QUERY = { query: '{ __typename }' };
  const endUser = (): Principal => ({
    kind: 'user',
    userId: user.id,
    displayName: 'x',
    organizations: [],
    teams: [],
  });
  const status = async (client: ServiceClient, path: string, body: unknown) =>
    (await client.post(path, body)).status;

  it.each(SUBGRAPH_NAMES)(
    "refuses an envelope signed with the catalog's key on the %s GraphQL route",
    async (name) => {
      // 403 where the catalog's key is known (it calls an internal route there), 401 where it is not.
      const known = callersOf(name).includes('catalog');
      const asCatalog = stack.asService(name, servicePrincipal('catalog'));
      expect(await status(asCatalog, '/graphql', QUERY)).toBe(known ? 403 : 401);
      // For an end user, as only the gateway may sign: refused before any route sees it.
      const forUser = stack.asService(name, endUser(), { signedBy: 'catalog' });
      expect(await status(forUser, '/graphql', QUERY)).toBe(401);
    },
  );

  it("refuses an envelope signed with the workspace's key that claims to be the gateway", async () => {
    // The workspace's key id, an end user (only the gateway forwards them).
    const forged = stack.asService('identity', endUser(), { signedBy: 'workspace' });
    expect(await status(forged, '/graphql', QUERY)).toBe(401);
    expect(await status(forged, '/internal/principal', { credential: user.token })).toBe(401);
    // The gateway's issuer and key id with the workspace's signature; the gateway's issuer with the workspace's key id.
    const body = JSON.stringify(QUERY);
    for (const keyId of [stack.signers.gateway.keyId, stack.signers.workspace.keyId]) {
      const token = await new SignJWT({
        prn: endUser(),
        rid: 'r',
        htm: 'POST',
        htp: '/graphql',
        bh: hashBody(body),
      })
        .setProtectedHeader({ alg: 'EdDSA', kid: keyId })
        .setIssuer('controlplane-gateway')
        .setAudience('identity')
        .setIssuedAt()
        .setExpirationTime('60s')
        .setJti(randomUUID())
        .sign(stack.signers.workspace.privateKey);
      expect((await post(stack.subgraphUrls.identity, body, { [IDENTITY_HEADER]: token })).status).toBe(401);
    }
  });

  it("refuses a service's key signing another service's principal", async () => {
    const asCatalog = stack.asService('identity', servicePrincipal('catalog'), { signedBy: 'workspace' });
    const body = { organizationId: randomUUID() };
    expect(await status(asCatalog, '/internal/organizations/public-publisher', body)).toBe(401);
  });

  it("refuses the gateway's key on the audit ingest, whatever principal it signs", async () => {
    const events = { events: [] };
    const path = '/internal/audit-events';
    expect(await status(stack.asService('identity', servicePrincipal('gateway')), path, events)).toBe(403);
    expect(await status(stack.asService('identity', endUser()), path, events)).toBe(403);
    const forged = stack.asService('identity', servicePrincipal('workspace'), { signedBy: 'gateway' });
    expect(await status(forged, path, events)).toBe(401);
    // The workspace's own key passes the signature and the caller check: only the empty batch is refused.
    expect(await status(stack.asService('identity', servicePrincipal('workspace')), path, events)).toBe(400);
  });

  it("refuses a service whose key it was not given: the catalog does not know the workspace's", async () => {
    // The catalog accepts the gateway and identity only.
    const asWorkspace = stack.asService('catalog', servicePrincipal('workspace'));
    expect(await status(asWorkspace, '/internal/events', { events: [] })).toBe(401);
  });
});
