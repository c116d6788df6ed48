import {
  checkOutboundUrl,
  checkOutboundUrlSyntax,
  createOutboundClient,
  OutboundError,
  type ResolveHost,
} from '../src';
import { rejectionOf } from '../../testkit/src/rejection';
import { createSelfSignedCertificate, startHttpServer, startHttpsServer, type TestServer } from './servers';

/** A resolver for names that exist only in the test; anything else does not resolve. */
function resolverOf(answers: Record<string, string[][]>): ResolveHost {
  const calls = new Map<string, number>();
  return async (hostname) => {
    const call = calls.get(hostname) ?? 0;
    calls.set(hostname, call + 1);
    const sequence = answers[hostname];
    const answer = sequence?.[Math.min(call, sequence.length - 1)];
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answer;
  };
}

const refusal = (promise: Promise<unknown>) => rejectionOf(OutboundError, promise);

let target: TestServer;
beforeAll(async () => {
  target = await startHttpServer((_request, response) => response.end('reached'));
});
afterAll(() => target.close());

describe('the guarded fetch, with an empty allow-list', () => {
  const client = createOutboundClient({ allowedHosts: [] });
  afterAll(() => client.close());

  it.each([
    'http://127.0.0.1',
    'http://169.254.169.254',
    'http://[::1]',
    'http://[::ffff:127.0.0.1]',
    'http://localhost',
  ])('refuses plain http to %s', async (url) => {
    const error = await refusal(client.fetch(`${url}:${target.port}/`));
    expect(error.code).toBe('insecure-protocol');
  });

  it.each([
    ['https://127.0.0.1', /127\.0\.0\.1 is a loopback address/],
    ['https://169.254.169.254', /169\.254\.169\.254 is a linkLocal address/],
    ['https://[::1]', /::1 is a loopback address/],
    ['https://[::ffff:127.0.0.1]', /ipv4Mapped\(loopback\) address/],
    ['https://[fd00:ec2::254]', /uniqueLocal address/],
    ['https://2130706433', /127\.0\.0\.1 is a loopback address/],
  ])('refuses %s by address, over https too', async (url, message) => {
    const error = await refusal(client.fetch(`${url}:${target.port}/`));
    expect(error.code).toBe('blocked-address');
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/DEPLOY_ALLOWED_HOSTS/);
  });

  it('refuses a name that the system resolver maps to loopback (localhost), without connecting', async () => {
    const before = target.connections();
    const error = await refusal(client.fetch(`https://localhost:${target.port}/`));
    expect(error.code).toBe('blocked-address');
    expect(error.message).toMatch(/^localhost \(resolves to (127\.0\.0\.1|::1)\) is a loopback address/);
    expect(target.connections()).toBe(before);
  });

  it('refuses URLs with user info, other schemes and garbage, with a reason', async () => {
    expect((await refusal(client.fetch('https://user:secret@example.com/'))).message).not.toMatch(/secret/);
    expect((await refusal(client.fetch('https://user:secret@example.com/'))).code).toBe('invalid-url');
    expect((await refusal(client.fetch('ftp://example.com/'))).code).toBe('insecure-protocol');
    expect((await refusal(client.fetch('not a url'))).code).toBe('invalid-url');
  });
});

describe('the connect-time check', () => {
  it('refuses a name that passed validation but resolves to loopback when connecting (DNS rebinding)', async () => {
    const policy = {
      allowedHosts: [],
      resolveHost: resolverOf({ 'rebind.test': [['93.184.216.34'], ['127.0.0.1']] }),
    };
    expect(await checkOutboundUrl(`https://rebind.test:${target.port}/`, policy)).toMatchObject({ ok: true });

    const client = createOutboundClient(policy);
    try {
      const before = target.connections();
      const error = await refusal(client.fetch(`https://rebind.test:${target.port}/`));
      expect(error.code).toBe('blocked-address');
      expect(error.message).toMatch(/rebind\.test \(resolves to 127\.0\.0\.1\) is a loopback address/);
      expect(target.connections()).toBe(before);
    } finally {
      await client.close();
    }
  });

  it('refuses a name when any one of its addresses is private', async () => {
    const policy = {
      allowedHosts: [],
      resolveHost: resolverOf({ 'mixed.test': [['93.184.216.34', '10.0.0.7']] }),
    };
    expect(await checkOutboundUrl('https://mixed.test/', policy)).toEqual({
      ok: false,
      code: 'blocked-address',
      reason: expect.stringMatching(/mixed\.test \(resolves to 10\.0\.0\.7\) is a private address/),
    });
  });

  it('says when a name does not resolve', async () => {
    const check = await checkOutboundUrl('https://nowhere.test/', {
      allowedHosts: [],
      resolveHost: resolverOf({}),
    });
    expect(check).toEqual({
      ok: false,
      code: 'unresolvable-host',
      reason: 'nowhere.test does not resolve (ENOTFOUND)',
    });
  });
});

describe('the guarded fetch, with an allow-list', () => {
  it('reaches an allowed 127.0.0.1 server over plain http', async () => {
    const client = createOutboundClient({ allowedHosts: ['127.0.0.1'] });
    try {
      const response = await client.fetch(`http://127.0.0.1:${target.port}/`);
      expect(await response.text()).toBe('reached');
    } finally {
      await client.close();
    }
  });

  it('reaches a name whose loopback address is allowed, over https only', async () => {
    const policy = { allowedHosts: ['127.0.0.1'], resolveHost: resolverOf({ 'kube.test': [['127.0.0.1']] }) };
    expect(checkOutboundUrlSyntax(`http://kube.test:${target.port}/`, policy)).toMatchObject({
      ok: false,
      code: 'insecure-protocol',
    });
    expect(await checkOutboundUrl(`https://kube.test:${target.port}/`, policy)).toMatchObject({ ok: true });
  });

  it('does not follow a redirect from an allowed host to a private address', async () => {
    const inner = await startHttpServer((_request, response) => response.end('inner'));
    const redirecting = await startHttpServer((_request, response) => {
      response
        .writeHead(302, { location: `http://127.0.0.1:${inner.port}/latest/meta-data?token=abc` })
        .end();
    });
    const client = createOutboundClient({ allowedHosts: ['127.0.0.1'] });
    try {
      const error = await refusal(client.fetch(`http://127.0.0.1:${redirecting.port}/`));
      expect(error.code).toBe('redirect');
      expect(error.message).toBe(
        `http://127.0.0.1:${redirecting.port} answered with a redirect (HTTP 302 to http://127.0.0.1:${inner.port}); redirects are not followed`,
      );
      expect(inner.connections()).toBe(0);
    } finally {
      await client.close();
      await Promise.all([inner.close(), redirecting.close()]);
    }
  });

  it('reports a broken connection as a transient network error naming the origin only', async () => {
    const broken = await startHttpServer((request) => request.socket.destroy());
    const client = createOutboundClient({ allowedHosts: ['127.0.0.1'] });
    try {
      const error = await refusal(client.fetch(`http://127.0.0.1:${broken.port}/secret-path?token=abc`));
      expect(error.code).toBe('network');
      expect(error.transient).toBe(true);
      expect(error.message).toMatch(new RegExp(`^could not reach http://127\\.0\\.0\\.1:${broken.port}: `));
      expect(error.message).not.toMatch(/secret-path|token/);
    } finally {
      await client.close();
      await broken.close();
    }
  });

  it('trusts the given CA instead of the system ones', async () => {
    const certificate = createSelfSignedCertificate();
    const secure = await startHttpsServer(certificate, (_request, response) => response.end('tls'));
    const trusting = createOutboundClient({ allowedHosts: ['127.0.0.1'], ca: certificate.cert });
    const untrusting = createOutboundClient({ allowedHosts: ['127.0.0.1'] });
    try {
      expect(await (await trusting.fetch(`https://127.0.0.1:${secure.port}/`)).text()).toBe('tls');
      const error = await refusal(untrusting.fetch(`https://127.0.0.1:${secure.port}/`));
      expect(error.code).toBe('network');
      expect(error.message).toMatch(/self[- ]signed certificate/);
    } finally {
      await Promise.all([trusting.close(), untrusting.close()]);
      await secure.close();
    }
  });
});
