import type { Server } from 'node:http';
import type { Express } from 'express';

/**
 * Listens with keep-alive above the gateway's idle socket timeout, so the gateway never reuses a
 * socket that the subgraph is closing.
 */
export function listen(app: Express, port: number, host = '0.0.0.0'): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => {
      if (error) reject(error);
      else resolve(server);
    });
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
  });
}

/** Builds a service, listens, and closes it cleanly on SIGTERM/SIGINT; exits 1 if it cannot start. */
export function runService(
  build: () => Promise<{ app: Express; close(): Promise<void> }>,
  port: number,
  host: string,
): void {
  build()
    .then(async (service) => {
      const server = await listen(service.app, port, host);
      const shutdown = () => {
        server.close();
        void service.close().finally(() => process.exit(0));
      };
      process.once('SIGTERM', shutdown);
      process.once('SIGINT', shutdown);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
