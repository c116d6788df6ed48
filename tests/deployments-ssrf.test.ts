import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useStack } from '@controlplane/testkit';
import { deployAndFinish, makeDeploySetup, type TargetSpec } from './support/deployments';

/**
 * No SSRF through deployDesign: a connection may be saved with any URL, but the worker refuses,
 * at deploy time and after DNS resolution, every target that is (or resolves to) a loopback,
 * private, link-local or metadata address, and never follows a redirect. The operator allows only
 * 127.0.0.2 here, the host of the redirecting server.
 */
const { stack, make } = useStack({
  isolatedDatabase: true,
  serviceEnv: { workspace: { DEPLOY_ALLOWED_HOSTS: '127.0.0.2' } },
});

/** Loopback listeners that count the TCP connections they accept: a refused target never gets one. */
type Listener = { server: Server; port: number; connections: number };
async function listenOn(host: string, handler?: Parameters<typeof createServer>[1]): Promise<Listener> {
  const server = createServer(handler ?? ((_, response) => response.writeHead(200).end('reached')));
  const listener = { server, port: 0, connections: 0 };
  server.on('connection', () => (listener.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  listener.port = (server.address() as AddressInfo).port;
  return listener;
}
async function close(listener: Listener): Promise<void> {
  listener.server.closeAllConnections();
  await new Promise<void>((resolve) => listener.server.close(() => resolve()));
}

let ipv4: Listener;
let ipv6: Listener;
let redirecting: Listener;
beforeAll(async () => {
  ipv4 = await listenOn('127.0.0.1');
  ipv6 = await listenOn('::1');
  redirecting = await listenOn('127.0.0.2', (_, response) =>
    response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/iam' }).end(),
  );
});
afterAll(async () => {
  for (const listener of [ipv4, ipv6, redirecting]) await close(listener);
});

const ONLY_PUBLIC =
  'only public addresses can be reached unless the operator allows the host (DEPLOY_ALLOWED_HOSTS)';
const git = (url: string): TargetSpec => ({ kind: 'GIT', url, credentials: { token: 'ssrf-token-1' } });
const kubernetes = (url: string): TargetSpec => ({
  kind: 'KUBERNETES',
  url,
  credentials: { token: 'ssrf-token-2' },
});
/** A Kubernetes target's message names the resource it was applying when refused. */
const prefixOf = (target: (url: string) => TargetSpec) => (target === kubernetes ? 'Deployment "web": ' : '');

/** Deploys to an environment holding only `target`; the finished deployment. */
async function deployTo(target: TargetSpec) {
  const setup = await makeDeploySetup(stack, make, [target]);
  // Saving the connection was not refused: the check that counts is the one made when connecting.
  const done = await deployAndFinish(stack, setup);
  expect(done.status).toBe('FAILED');
  expect(done.targets).toHaveLength(1);
  expect(done.targets[0]).toMatchObject({ status: 'FAILED', commit: null, resources: [] });
  return done.targets[0]?.message;
}

describe('a deployment target', () => {
  it.each([
    ['GIT', 'http://127.0.0.1', git],
    ['KUBERNETES', 'http://127.0.0.1', kubernetes],
  ])('%s at %s over plain http is refused before any connection', async (_, host, target) => {
    const before = ipv4.connections;
    expect(await deployTo(target(`${host}:${ipv4.port}/fleet.git`))).toBe(
      `${prefixOf(target)}plain http is only allowed for hosts the operator allows (DEPLOY_ALLOWED_HOSTS); use https for 127.0.0.1`,
    );
    expect(ipv4.connections).toBe(before);
  });

  it.each([
    ['GIT', git],
    ['KUBERNETES', kubernetes],
  ])('%s at https://127.0.0.1 is refused as loopback, with no connection made', async (_, target) => {
    const before = ipv4.connections;
    expect(await deployTo(target(`https://127.0.0.1:${ipv4.port}/fleet.git`))).toBe(
      `${prefixOf(target)}127.0.0.1 is a loopback address; ${ONLY_PUBLIC}`,
    );
    expect(ipv4.connections).toBe(before);
  });

  it('at https://[::1] is refused as loopback, with no connection made', async () => {
    const before = ipv6.connections;
    expect(await deployTo(git(`https://[::1]:${ipv6.port}/fleet.git`))).toBe(
      `::1 is a loopback address; ${ONLY_PUBLIC}`,
    );
    expect(ipv6.connections).toBe(before);
  });

  it.each([
    ['GIT', git],
    ['KUBERNETES', kubernetes],
  ])('%s at the metadata address 169.254.169.254 is refused', async (_, target) => {
    // The range is named as ipaddr.js names it ("linkLocal").
    const message = await deployTo(target('https://169.254.169.254/fleet.git'));
    expect(message?.startsWith(`${prefixOf(target)}169.254.169.254 is a `)).toBe(true);
    expect(message).toMatch(
      new RegExp(`is a link-?local address; ${ONLY_PUBLIC.replace(/[()]/g, '\\$&')}$`, 'i'),
    );
  });

  it('at a name that resolves to loopback (localhost) is refused after resolution', async () => {
    const before = ipv4.connections + ipv6.connections;
    expect(await deployTo(git(`https://localhost:${ipv4.port}/fleet.git`))).toMatch(
      new RegExp(`^localhost \\(resolves to (127\\.0\\.0\\.1|::1)\\) is a loopback address; `),
    );
    expect(ipv4.connections + ipv6.connections).toBe(before);
  });

  it('on an allowed host that redirects to the metadata address is refused: the redirect is not followed', async () => {
    const before = redirecting.connections;
    const message = await deployTo(git(`http://127.0.0.2:${redirecting.port}/fleet.git`));
    expect(message).toBe(
      `http://127.0.0.2:${redirecting.port} answered with a redirect (HTTP 302 to http://169.254.169.254); redirects are not followed`,
    );
    // The allowed host was reached (once per try), the address it pointed to never was.
    expect(redirecting.connections).toBeGreaterThan(before);
  });
});
