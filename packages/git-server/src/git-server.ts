import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One request the Git server answered (or refused), for assertions. */
export type GitRequest = {
  method: string;
  path: string;
  query: string;
  user: string | undefined;
  status: number;
};

export type GitServerOptions = {
  /** HTTP basic-auth accounts: user name -> password (or token). */
  accounts: Record<string, string>;
  /** The folder of bare repositories; kept on close. Default: a fresh temporary folder, removed on close. */
  root?: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
};

export type GitServer = {
  /** http://<host>:<port> */
  origin: string;
  /** Creates an empty bare repository that accepts pushes (or keeps the one already there); returns its URL. */
  createRepository(name: string): string;
  /** The bare repository's directory, for `git --git-dir` inspection. */
  repositoryPath(name: string): string;
  requests: GitRequest[];
  /** Holds the next request matching `match` until the returned release() is called. */
  holdNext(match: (request: IncomingMessage, user: string | undefined) => boolean): {
    arrived: Promise<void>;
    release: () => void;
  };
  close(): Promise<void>;
};

const gitExecPath = execFileSync('git', ['--exec-path'], { encoding: 'utf8' }).trim();

/**
 * A real smart-HTTP Git server on loopback: `git http-backend` (CGI) behind a Node server that
 * checks HTTP basic auth against `accounts` (user -> password) before anything reaches Git.
 * For tests and the local demo (`npm start`); it has no TLS and serves every repository under root.
 */
export async function startGitServer(options: GitServerOptions): Promise<GitServer> {
  const { accounts } = options;
  const temporary = options.root === undefined;
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'git-server-'));
  mkdirSync(root, { recursive: true });
  const requests: GitRequest[] = [];
  const holds: {
    match: (request: IncomingMessage, user: string | undefined) => boolean;
    arrived: () => void;
    released: Promise<void>;
  }[] = [];

  const server = createServer((request, response) => {
    const user = authenticatedUser(request, accounts);
    const url = new URL(request.url ?? '/', 'http://git.test');
    const record = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: url.search.replace(/^\?/, ''),
      user,
      status: 0,
    };
    requests.push(record);
    if (user === undefined) {
      record.status = 401;
      response.writeHead(401, { 'www-authenticate': 'Basic realm="git"' }).end();
      return;
    }
    const hold = holds.findIndex((candidate) => candidate.match(request, user));
    const released = hold >= 0 ? holds.splice(hold, 1)[0] : undefined;
    released?.arrived();
    void (released?.released ?? Promise.resolve()).then(() =>
      runBackend({ root, request, response, user, url, record }),
    );
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    requests,
    createRepository(name) {
      const path = join(root, name);
      if (existsSync(path)) return `${origin}/${name}`;
      execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', path]);
      execFileSync('git', ['--git-dir', path, 'config', 'http.receivepack', 'true']);
      return `${origin}/${name}`;
    },
    repositoryPath: (name) => join(root, name),
    holdNext(match) {
      let arrived!: () => void;
      let release!: () => void;
      const arrivedPromise = new Promise<void>((resolve) => (arrived = resolve));
      holds.push({ match, arrived, released: new Promise<void>((resolve) => (release = resolve)) });
      return { arrived: arrivedPromise, release };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (temporary) rmSync(root, { recursive: true, force: true });
    },
  };
}

function authenticatedUser(request: IncomingMessage, accounts: Record<string, string>): string | undefined {
  const match = /^Basic (.+)$/i.exec(request.headers.authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = decoded.slice(0, colon);
  return colon > 0 && accounts[user] === decoded.slice(colon + 1) ? user : undefined;
}

type BackendCall = {
  root: string;
  request: IncomingMessage;
  response: ServerResponse;
  user: string;
  url: URL;
  record: GitRequest;
};

/** Runs one CGI request through git http-backend and relays its answer. */
function runBackend({ root, request, response, user, url, record }: BackendCall): void {
  const backend = spawn(join(gitExecPath, 'git-http-backend'), [], {
    env: {
      PATH: process.env.PATH ?? '',
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: url.pathname,
      REQUEST_METHOD: request.method ?? 'GET',
      QUERY_STRING: url.search.replace(/^\?/, ''),
      CONTENT_TYPE: request.headers['content-type'] ?? '',
      REMOTE_USER: user,
      REMOTE_ADDR: '127.0.0.1',
      ...(request.headers['content-encoding']
        ? { HTTP_CONTENT_ENCODING: request.headers['content-encoding'] }
        : {}),
      ...(request.headers['git-protocol'] ? { GIT_PROTOCOL: String(request.headers['git-protocol']) } : {}),
    },
  });
  request.pipe(backend.stdin);
  let head = Buffer.alloc(0);
  let headersSent = false;
  backend.stdout.on('data', (chunk: Buffer) => {
    if (headersSent) {
      response.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    const headers: Record<string, string> = {};
    let status = 200;
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'status') status = Number.parseInt(value, 10);
      else headers[name] = value;
    }
    record.status = status;
    response.writeHead(status, headers);
    response.write(head.subarray(end + 4));
    headersSent = true;
  });
  backend.stdout.on('end', () => response.end());
  backend.on('error', (error) => response.destroy(error));
}
