import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** One request the fake API server received. */
export type RecordedRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string | undefined;
  authorization: string | undefined;
  body: unknown;
};

type Resource = { name: string; kind: string; namespaced: boolean };

/** The group versions this fake cluster serves, and the resources in each. */
const DISCOVERY: Record<string, Resource[]> = {
  '/api/v1': [
    { name: 'namespaces', kind: 'Namespace', namespaced: false },
    { name: 'services', kind: 'Service', namespaced: true },
    { name: 'configmaps', kind: 'ConfigMap', namespaced: true },
  ],
  '/apis/apps/v1': [{ name: 'deployments', kind: 'Deployment', namespaced: true }],
};

/** A scripted answer for the next matching requests, instead of the normal one. */
type Fault = {
  method: string;
  path?: string;
  status: number | 'hang' | 'reset';
  body?: unknown;
  headers?: Record<string, string>;
  times: number;
};

export type FakeKubernetesApi = {
  url: string;
  requests: RecordedRequest[];
  /** Stored objects by API path, as the fake persisted them. */
  objects: Map<string, Record<string, unknown>>;
  /** The next `times` requests with this method (and path, if given) get `status`, hang, or have their connection reset. */
  fail(fault: Omit<Fault, 'times'> & { times?: number }): void;
  close(): Promise<void>;
};

/**
 * A small Kubernetes API server for tests: discovery (/api, /apis, /api/v1, /apis/apps/v1),
 * server-side apply (PATCH application/apply-patch+yaml with fieldManager, dryRun=All honoured),
 * GET and DELETE of objects, bearer-token auth; it records every request it gets.
 */
export async function startFakeKubernetesApi(options: {
  token: string;
  tls?: { key: string; cert: string };
}): Promise<FakeKubernetesApi> {
  const requests: RecordedRequest[] = [];
  const objects = new Map<string, Record<string, unknown>>();
  const faults: Fault[] = [];

  const handler = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: request.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        contentType: request.headers['content-type'],
        authorization: request.headers.authorization,
        body: text === '' ? undefined : JSON.parse(text),
      };
      requests.push(recorded);
      const fault = faults.find(
        (candidate) =>
          candidate.method === recorded.method &&
          (candidate.path === undefined || candidate.path === recorded.path) &&
          candidate.times > 0,
      );
      if (fault) {
        fault.times -= 1;
        if (fault.status === 'hang') return;
        if (fault.status === 'reset') return void request.socket.destroy();
        return void send(
          response,
          fault.status,
          fault.body ?? status(fault.status, 'InternalError', 'scripted failure'),
          fault.headers,
        );
      }
      if (recorded.authorization !== `Bearer ${options.token}`)
        return void send(response, 401, status(401, 'Unauthorized', 'Unauthorized'));
      answer(recorded, response, objects);
    });
  };
  const server = options.tls ? createHttpsServer(options.tls, handler) : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    objects,
    fail: (fault) => faults.push({ times: 1, ...fault }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(
  request: RecordedRequest,
  response: ServerResponse,
  objects: Map<string, Record<string, unknown>>,
): void {
  if (request.method === 'GET' && request.path === '/api')
    return send(response, 200, { kind: 'APIVersions', versions: ['v1'] });
  if (request.method === 'GET' && request.path === '/apis') {
    return send(response, 200, {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [{ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }] }],
    });
  }
  const resources = DISCOVERY[request.path];
  if (request.method === 'GET' && resources) {
    return send(response, 200, {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: request.path.replace(/^\/apis?\//, ''),
      resources: resources.map((r) => ({ ...r, singularName: '', verbs: ['get', 'patch', 'delete'] })),
    });
  }
  const target = parseObjectPath(request.path);
  if (!target)
    return send(response, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
  const stored = objects.get(request.path);
  const dryRun = request.query.dryRun === 'All';
  switch (request.method) {
    case 'PATCH': {
      if (request.contentType !== 'application/apply-patch+yaml')
        return send(response, 415, status(415, 'UnsupportedMediaType', `unsupported ${request.contentType}`));
      if (!request.query.fieldManager)
        return send(response, 422, status(422, 'Invalid', 'fieldManager is required for apply requests'));
      const object = request.body as Record<string, unknown>;
      if (!dryRun) objects.set(request.path, object);
      return send(response, stored ? 200 : 201, object);
    }
    case 'GET':
      return stored
        ? send(response, 200, stored)
        : send(response, 404, status(404, 'NotFound', `${target.resource} "${target.name}" not found`));
    case 'DELETE':
      if (!stored)
        return send(response, 404, status(404, 'NotFound', `${target.resource} "${target.name}" not found`));
      if (!dryRun) objects.delete(request.path);
      return send(response, 200, status(200, '', '', 'Success'));
    default:
      return send(response, 405, status(405, 'MethodNotAllowed', 'method not allowed'));
  }
}

/** `/apis/apps/v1/namespaces/x/deployments/web` or `/api/v1/namespaces/shop` (cluster-scoped). */
function parseObjectPath(path: string): { resource: string; name: string } | undefined {
  const match = /^\/(?:api\/v1|apis\/[^/]+\/[^/]+)(?:\/namespaces\/[^/]+)?\/([^/]+)\/([^/]+)$/.exec(path);
  return match?.[1] && match[2] ? { resource: match[1], name: match[2] } : undefined;
}

export function status(code: number, reason: string, message: string, outcome = 'Failure') {
  return { kind: 'Status', apiVersion: 'v1', status: outcome, reason, message, code };
}

function send(
  response: ServerResponse,
  code: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(code, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}
