import { randomBytes } from 'node:crypto';
import { decodeJwt, SignJWT } from 'jose';
import { expectData, postSigned, SUBGRAPH_NAMES, useStack, type SubgraphName } from '@controlplane/testkit';

/**
 * Guards issue 16's rotation without downtime: while GATEWAY_SIGNING_SECRET_PREVIOUS is set, the
 * subgraphs accept envelopes signed with either key (callers still on the old key keep working),
 * and none signed with any other; likewise identity with JWT_SECRET_PREVIOUS for bearer tokens.
 */
const previous = randomBytes(32).toString('base64url');
const previousJwtSecret = randomBytes(32).toString('base64url');
const { stack, make } = useStack({
  serviceEnv: Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [
      name,
      {
        GATEWAY_SIGNING_SECRET_PREVIOUS: previous,
        ...(name === 'identity' ? { JWT_SECRET_PREVIOUS: previousJwtSecret } : {}),
      },
    ]),
  ),
});

const BODY = JSON.stringify({ query: '{ __typename }' });

async function statusOf(name: SubgraphName, secret: string): Promise<number> {
  return (await postSigned(stack.subgraphUrls[name], { secret, audience: name, body: BODY })).status;
}

describe.each(SUBGRAPH_NAMES)('the %s subgraph during a signing key rotation', (name) => {
  it('accepts envelopes signed with the previous key and with the current one, and no other', async () => {
    expect(await statusOf(name, previous)).toBe(200);
    expect(await statusOf(name, stack.gatewaySecret)).toBe(200);
    expect(await statusOf(name, randomBytes(32).toString('base64url'))).toBe(401);
  });
});

describe('bearer tokens during a JWT_SECRET rotation', () => {
  it('are accepted signed with the previous key or the current one, and refused with any other', async () => {
    const user = await make.user();
    const { sid } = decodeJwt(user.token);
    const tokenSignedWith = (secret: string) =>
      new SignJWT({ sid })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(user.id)
        .setIssuer('controlplane-identity')
        .setAudience('controlplane')
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode(secret));
    const ME = '{ me { user { id } } }';
    for (const secret of [previousJwtSecret, stack.jwtSecret]) {
      expect(expectData(await stack.as(await tokenSignedWith(secret)).send(ME)).me.user.id).toBe(user.id);
    }
    const forged = await stack.as(await tokenSignedWith(randomBytes(32).toString('base64url'))).send(ME);
    expect(forged.status).toBe(401);
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
