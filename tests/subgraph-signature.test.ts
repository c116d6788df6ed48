import { ANONYMOUS, IDENTITY_HEADER, signEnvelope } from '@controlplane/auth';
import { SUBGRAPH_NAMES, useStack, type SubgraphName, type TestUser } from '@controlplane/testkit';

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

  it('accepts a request signed by the gateway secret', async () => {
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

  it('refuses a request signed with another secret', async () => {
    const forged = await signEnvelope({
      secret: 'an-attacker-secret-that-is-long-enough-1234',
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
