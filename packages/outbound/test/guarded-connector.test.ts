import { OutboundError } from '../src';
import { createGuardedConnector } from '../src/guarded-connector';
import { compilePolicy } from '../src/policy';
import { startHttpServer } from './servers';

/**
 * Guards the socket-level check on its own: even a caller that skipped the URL check (or a URL
 * check with a bug) cannot open a connection to a loopback IP literal through the connector.
 */
describe('the guarded connector', () => {
  it('refuses to open a socket to a loopback IP literal, and opens one when it is allowed', async () => {
    const server = await startHttpServer((_request, response) => response.end());
    const connectTo = (allowedHosts: string[]) =>
      new Promise<unknown>((resolve) => {
        createGuardedConnector(compilePolicy({ allowedHosts }))(
          { hostname: '127.0.0.1', protocol: 'http:', port: String(server.port) },
          (error, socket) => {
            socket?.destroy();
            resolve(error ?? 'connected');
          },
        );
      });
    try {
      const refused = await connectTo([]);
      expect(refused).toBeInstanceOf(OutboundError);
      expect((refused as OutboundError).code).toBe('blocked-address');
      expect(server.connections()).toBe(0);

      expect(await connectTo(['127.0.0.1'])).toBe('connected');
    } finally {
      await server.close();
    }
  });
});
