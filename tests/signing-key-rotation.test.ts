import { randomBytes, randomUUID } from 'node:crypto';
import { ANONYMOUS, IDENTITY_HEADER, REQUEST_ID_HEADER, signEnvelope } from '@controlplane/auth';
import { expectData, SUBGRAPH_NAMES, useStack, type SubgraphName } from '@controlplane/testkit';

/**
 * Guards issue 16's rotation without downtime: while GATEWAY_SIGNING_SECRET_PREVIOUS is set, the
 * subgraphs accept envelopes signed with either key (callers still on the old key keep working),
 * and none signed with any other.
 */
const previous = randomBytes(32).toString('base64url');
const { stack, make } = useStack({
  serviceEnv: Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, { GATEWAY_SIGNING_SECRET_PREVIOUS: previous }]),
  ),
});

const BODY = JSON.stringify({ query: '{ __typename }' });

async function statusOf(name: SubgraphName, secret: string): Promise<number> {
  const requestId = randomUUID();
  const response = await fetch(stack.subgraphUrls[name], {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [REQUEST_ID_HEADER]: requestId,
      [IDENTITY_HEADER]: await signEnvelope({
        secret,
        audience: name,
        principal: ANONYMOUS,
        requestId,
        method: 'POST',
        path: '/graphql',
        body: BODY,
      }),
    },
    body: BODY,
  });
  return response.status;
}

describe.each(SUBGRAPH_NAMES)('the %s subgraph during a signing key rotation', (name) => {
  it('accepts envelopes signed with the previous key and with the current one, and no other', async () => {
    expect(await statusOf(name, previous)).toBe(200);
    expect(await statusOf(name, stack.gatewaySecret)).toBe(200);
    expect(await statusOf(name, randomBytes(32).toString('base64url'))).toBe(401);
  });
});

describe('the stack during a signing key rotation', () => {
  it('serves through the gateway, which signs with the current key', async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const { organization: read } = expectData(
      await stack
        .as(owner)
        .send(`query ($id: ID!) { organization(id: $id) { id } }`, { id: organization.id }),
    );
    expect(read).toEqual({ id: organization.id });
  });
});
