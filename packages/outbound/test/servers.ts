import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A loopback server on a free port that counts the TCP connections it accepted. */
export type TestServer = { port: number; connections: () => number; close: () => Promise<void> };

/** Starts a plain HTTP server on 127.0.0.1, port 0. */
export function startHttpServer(handler: Handler): Promise<TestServer> {
  return listen(createHttpServer(handler));
}

/** Starts an HTTPS server on 127.0.0.1, port 0, with the given key and certificate. */
export function startHttpsServer(tls: SelfSignedCertificate, handler: Handler): Promise<TestServer> {
  return listen(createHttpsServer({ key: tls.key, cert: tls.cert }, handler));
}

async function listen(server: Server): Promise<TestServer> {
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export type SelfSignedCertificate = { key: string; cert: string };

/** A fresh self-signed certificate for 127.0.0.1 and localhost, made by the openssl CLI. */
export function createSelfSignedCertificate(): SelfSignedCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'outbound-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'pipe' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
