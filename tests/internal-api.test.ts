import { randomUUID } from 'node:crypto';
import {
  callerOf,
  IDENTITY_HEADER,
  servicePrincipal,
  signEnvelope,
  type Principal,
  type ServiceName,
} from '@controlplane/auth';
import { startStack, type Stack, type SubgraphName } from '@controlplane/testkit';
import { cloneRequest } from '../packages/internal-api/test/fixtures';

/**
 * The service-to-service endpoints check who calls them and what they are sent, whoever holds a
 * valid signature: each route names the services it accepts (issue 12).
 */
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

/**
 * POSTs `body` to a subgraph path, signed as `principal` would be by its service (with that
 * service's own key): for that path, or for `signedFor` (an envelope made for another route).
 */
async function post(
  subgraph: SubgraphName,
  path: string,
  principal: Principal,
  body: unknown,
  signedFor: string = path,
) {
  const text = JSON.stringify(body);
  const response = await fetch(new URL(path, stack.subgraphUrls[subgraph]), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [IDENTITY_HEADER]: await signEnvelope({
        signer: stack.signers[callerOf(principal)],
        audience: subgraph,
        principal,
        requestId: randomUUID(),
        method: 'POST',
        path: signedFor,
        body: text,
      }),
    },
    body: text,
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

const asService = (service: ServiceName) => servicePrincipal(service);
const auditEvent = () => ({
  id: randomUUID(),
  organizationId: randomUUID(),
  actorType: 'SYSTEM',
  actorId: null,
  actorDisplayName: null,
  action: 'organization.delete',
  targetType: 'Organization',
  targetId: null,
  metadata: null,
  requestId: null,
  occurredAt: '2020-01-01T00:00:00.000Z',
});

describe('an internal route', () => {
  it('refuses a service it does not accept with 403, or 401 when it does not know its key', async () => {
    const clone = cloneRequest();
    // Workspace does not even know identity's key (no route of its accepts identity): 401.
    expect((await post('workspace', '/internal/designs/clone', asService('identity'), clone)).status).toBe(
      401,
    );
    expect((await post('workspace', '/internal/designs/clone', asService('catalog'), clone)).status).not.toBe(
      401,
    );
    expect((await post('identity', '/internal/teams', asService('catalog'), { ids: [] })).status).toBe(403);
  });

  it("refuses an audit event sent with the gateway's signature for an end user", async () => {
    const user: Principal = {
      kind: 'user',
      userId: randomUUID(),
      displayName: 'x',
      organizations: [],
      teams: [],
    };
    const refused = await post('identity', '/internal/audit-events', user, { events: [auditEvent()] });
    expect(refused.status).toBe(403);
    expect(
      (await post('identity', '/internal/audit-events', asService('gateway'), { events: [auditEvent()] }))
        .status,
    ).toBe(403);
    // An accepted caller gets its batch answered; what identity stores of it: tests/audit-ingest.test.ts.
    const answered = await post('identity', '/internal/audit-events', asService('workspace'), {
      events: [auditEvent()],
    });
    expect(answered).toEqual({ status: 200, body: { stored: 0, refused: 1 } });
  });

  it('answers a malformed body with 400 from an accepted service', async () => {
    const response = await post('identity', '/internal/teams', asService('workspace'), { ids: 'all' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('ids');
  });

  it('answers the principal lookup to the gateway only', async () => {
    const body = { credential: 'not-a-token' };
    expect((await post('identity', '/internal/principal', asService('catalog'), body)).status).toBe(403);
    expect((await post('identity', '/internal/principal', asService('gateway'), body)).status).toBe(401);
  });
});

/** Guards issue 16: an envelope made for one internal route was accepted on another. */
describe('an envelope signed for one route', () => {
  it('is refused on another internal route of the same service, with the same body', async () => {
    const body = { ids: [] };
    expect(
      (await post('identity', '/internal/teams', asService('workspace'), body, '/internal/audit-events'))
        .status,
    ).toBe(401);
    expect((await post('identity', '/internal/teams', asService('workspace'), body)).status).toBe(200);
  });

  it('is refused on an internal route when it was made for /graphql', async () => {
    const body = { ids: [] };
    expect((await post('identity', '/internal/teams', asService('workspace'), body, '/graphql')).status).toBe(
      401,
    );
  });

  it('is refused on /graphql when it was made for an internal route', async () => {
    const query = { query: '{ __typename }' };
    expect((await post('workspace', '/graphql', asService('gateway'), query, '/internal/teams')).status).toBe(
      401,
    );
    expect((await post('workspace', '/graphql', asService('gateway'), query)).status).toBe(200);
  });
});

describe('GraphQL on a subgraph', () => {
  it('is served to the gateway only, not to another service signing with its own key', async () => {
    const query = { query: '{ __typename }' };
    const response = await post('workspace', '/graphql', asService('catalog'), query);
    expect(response.status).toBe(403);
    expect(JSON.stringify(response.body)).not.toContain('Query');
  });
});
