import type { Express } from 'express';
import { listen } from './subgraph-server';

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
