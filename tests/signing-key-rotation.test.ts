import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  ANONYMOUS,
  createEnvelopeSigner,
  servicePrincipal,
  type EnvelopeSigner,
  type Principal,
} from '@controlplane/auth';
import { decodeJwt, SignJWT } from 'jose';
import { expectData, postSigned, SUBGRAPH_NAMES, useStack, type SubgraphName } from '@controlplane/testkit';

/**
 * Guards issue 16's rotation without downtime: while a caller's `…_PUBLIC_KEY_PREVIOUS` is set, a
 * service accepts that caller's envelopes signed with either key (replicas still on the old key
 * keep working), and none signed with any third key; likewise identity with JWT_SECRET_PREVIOUS
 * for bearer tokens.
 */
const keyPair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64') };
};
const previousGateway = keyPair();
const previousWorkspace = keyPair();
const previousJwtSecret = randomBytes(32).toString('base64url');
const { stack, make } = useStack({
  serviceEnv: Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [
      name,
      {
        GATEWAY_PUBLIC_KEY_PREVIOUS: previousGateway.publicKey,
        ...(name === 'identity'
          ? {
              JWT_SECRET_PREVIOUS: previousJwtSecret,
              WORKSPACE_PUBLIC_KEY_PREVIOUS: previousWorkspace.publicKey,
            }
          : {}),
      },
    ]),
  ),
});

/** The status of a POST to `path` of subgraph `name`, signed with `signer` for `principal`. */
async function statusOf(
  name: SubgraphName,
  signer: EnvelopeSigner,
  path: string,
  body: string,
  principal: Principal,
): Promise<number> {
  const url = new URL(path, stack.subgraphUrls[name]).toString();
  return (await postSigned(url, { signer, audience: name, principal, body })).status;
}

const QUERY = JSON.stringify({ query: '{ __typename }' });

describe.each(SUBGRAPH_NAMES)("the %s subgraph during a rotation of the gateway's key", (name) => {
  it('accepts envelopes signed with the previous key and with the current one, and no other', async () => {
    const gatewayWith = (privateKey: Parameters<typeof createEnvelopeSigner>[1]) =>
      createEnvelopeSigner('gateway', privateKey);
    const send = (signer: EnvelopeSigner) => statusOf(name, signer, '/graphql', QUERY, ANONYMOUS);
    expect(await send(gatewayWith(previousGateway.privateKey))).toBe(200);
    expect(await send(stack.signers.gateway)).toBe(200);
    expect(await send(gatewayWith(keyPair().privateKey))).toBe(401);
  });
});

describe("identity during a rotation of the workspace's key", () => {
  it('accepts the workspace signed with its previous key and its current one, and no other', async () => {
    const send = (privateKey: Parameters<typeof createEnvelopeSigner>[1]) =>
      statusOf(
        'identity',
        createEnvelopeSigner('workspace', privateKey),
        '/internal/teams',
        JSON.stringify({ ids: [] }),
        servicePrincipal('workspace'),
      );
    expect(await send(previousWorkspace.privateKey)).toBe(200);
    expect(await send(stack.signers.workspace.privateKey)).toBe(200);
    expect(await send(keyPair().privateKey)).toBe(401);
  });

  it("does not take the workspace's previous key for another caller's", async () => {
    const asGateway = createEnvelopeSigner('gateway', previousWorkspace.privateKey);
    expect(await statusOf('identity', asGateway, '/graphql', QUERY, ANONYMOUS)).toBe(401);
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
