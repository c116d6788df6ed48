import { Buffer } from 'node:buffer';
import {
  applyToKubernetes,
  deleteFromKubernetes,
  DeployTargetError,
  parseManifests,
  type KubernetesConnection,
} from '../src';
import { createSelfSignedCertificate } from '../../outbound/test/servers';
import { rejectionOf } from '../../testkit/src/rejection';
import { webDeployment } from './fixtures';
import { startFakeKubernetesApi, status, type FakeKubernetesApi } from './kubernetes-api-server';

const token = 'k8s-sa-token-3b1f9c';
const fastRetry = { attempts: 4, baseDelayMs: 1, maxDelayMs: 5 };
const options = { allowedHosts: ['127.0.0.1'], retry: fastRetry };
const DEPLOYMENT_PATH = '/apis/apps/v1/namespaces/team-a/deployments/web';
const APPLY_QUERY = 'fieldManager=controlplane&force=true';

const design = `${webDeployment('futureField: kept as written')}---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
---
apiVersion: v1
kind: Namespace
metadata: { name: shop }
`;
const { manifests } = parseManifests(design);
const deploymentOnly = manifests.slice(0, 1);

let api: FakeKubernetesApi;
let connection: KubernetesConnection;
beforeEach(async () => {
  api = await startFakeKubernetesApi({ token });
  connection = { url: api.url, credentials: { token }, settings: { namespace: 'team-a' } };
});
afterEach(() => api.close());

const failure = (promise: Promise<unknown>) => rejectionOf(DeployTargetError, promise);

/** `METHOD /path?query` of every request the fake cluster got, in order. */
function requestLines(): string[] {
  return api.requests.map(
    (r) => `${r.method} ${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query)}` : ''}`,
  );
}

describe('applyToKubernetes', () => {
  it('server-side applies every document with field manager controlplane, the namespace first', async () => {
    const result = await applyToKubernetes({ connection, manifests }, options);

    expect(requestLines()).toEqual([
      'GET /api/v1',
      `PATCH /api/v1/namespaces/shop?${APPLY_QUERY}`,
      'GET /apis/apps/v1',
      `PATCH ${DEPLOYMENT_PATH}?${APPLY_QUERY}`,
      `PATCH /api/v1/namespaces/shop/services/web?${APPLY_QUERY}`,
    ]);
    for (const request of api.requests) expect(request.authorization).toBe(`Bearer ${token}`);
    for (const request of api.requests.filter((r) => r.method === 'PATCH'))
      expect(request.contentType).toBe('application/apply-patch+yaml');
    expect(result).toEqual({
      resources: ['Namespace//shop', 'Deployment/team-a/web', 'Service/shop/web'],
      message: 'Applied 3 resources by server-side apply (field manager controlplane).',
    });
  });

  it('sends each manifest as written, with the default namespace filled in only where the kind is namespaced', async () => {
    await applyToKubernetes({ connection, manifests }, options);
    const deployment = api.objects.get(DEPLOYMENT_PATH);
    expect(deployment).toMatchObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'team-a', labels: { app: 'web' } },
    });
    // A field the client library's generated models do not know survives: nothing re-serializes it.
    expect(deployment).toMatchObject({
      spec: { template: { spec: { containers: [{ futureField: 'kept as written' }] } } },
    });
    expect(api.objects.get('/api/v1/namespaces/shop')).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop' },
    });
  });

  it('uses the "default" namespace when the connection names none', async () => {
    const result = await applyToKubernetes(
      { connection: { ...connection, settings: null }, manifests: deploymentOnly },
      options,
    );
    expect(result.resources).toEqual(['Deployment/default/web']);
  });

  it('sends dryRun=All on a dry run and changes nothing', async () => {
    const result = await applyToKubernetes({ connection, manifests, dryRun: true }, options);
    expect(api.requests.filter((r) => r.method === 'PATCH').map((r) => r.query)).toEqual(
      Array(3).fill({ dryRun: 'All', fieldManager: 'controlplane', force: 'true' }),
    );
    expect(api.objects.size).toBe(0);
    expect(result.message).toBe('Dry run: the cluster accepted 3 resources; nothing was changed.');
  });

  it('sends force=false when taking over conflicting fields is turned off', async () => {
    await applyToKubernetes({ connection, manifests: deploymentOnly }, { ...options, forceConflicts: false });
    expect(requestLines()).toContain(`PATCH ${DEPLOYMENT_PATH}?fieldManager=controlplane&force=false`);
  });

  it('retries a reset connection and a 503 with backoff, then succeeds', async () => {
    api.fail({ method: 'GET', status: 'reset' });
    api.fail({ method: 'PATCH', status: 503, times: 2 });
    const result = await applyToKubernetes({ connection, manifests: deploymentOnly }, options);
    expect(requestLines()).toEqual([
      'GET /apis/apps/v1',
      'GET /apis/apps/v1',
      ...Array(3).fill(`PATCH ${DEPLOYMENT_PATH}?${APPLY_QUERY}`),
    ]);
    expect(result.resources).toEqual(['Deployment/team-a/web']);
  });

  it('retries a 429 until the attempts run out, then fails as transient', async () => {
    api.fail({
      method: 'PATCH',
      status: 429,
      headers: { 'retry-after': '0' },
      body: status(429, 'TooManyRequests', 'slow down'),
      times: 4,
    });
    const error = await failure(applyToKubernetes({ connection, manifests: deploymentOnly }, options));
    expect(api.requests.filter((r) => r.method === 'PATCH')).toHaveLength(4);
    expect(error.message).toBe('Deployment/team-a/web: slow down (HTTP 429)');
    expect(error.transient).toBe(true);
  });

  it('does not retry a 4xx, stops there and reports what was applied before', async () => {
    const invalid =
      'Deployment.apps "web" is invalid: spec.template.spec.containers[0].image: Required value';
    api.fail({ method: 'PATCH', path: DEPLOYMENT_PATH, status: 422, body: status(422, 'Invalid', invalid) });
    const error = await failure(applyToKubernetes({ connection, manifests }, options));
    expect(requestLines().filter((line) => line.startsWith('PATCH'))).toEqual([
      `PATCH /api/v1/namespaces/shop?${APPLY_QUERY}`,
      `PATCH ${DEPLOYMENT_PATH}?${APPLY_QUERY}`,
    ]);
    expect(error.message).toBe(`Deployment/team-a/web: ${invalid} (HTTP 422)`);
    expect(error.transient).toBe(false);
    expect(error.resources).toEqual(['Namespace//shop']);
  });

  it('says when the cluster does not serve a kind', async () => {
    const { manifests: widgets } = parseManifests(
      'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w1 }\n',
    );
    const error = await failure(applyToKubernetes({ connection, manifests: widgets }, options));
    expect(error.message).toBe('Widget "w1": the cluster does not serve example.com/v1');
    const { manifests: unknownKind } = parseManifests(
      'apiVersion: v1\nkind: Gadget\nmetadata: { name: g1 }\n',
    );
    const second = await failure(applyToKubernetes({ connection, manifests: unknownKind }, options));
    expect(second.message).toBe(
      'Gadget "g1": the cluster has no kind Gadget in v1 (is its CustomResourceDefinition installed?)',
    );
  });

  it('fails within its time budget when the cluster never answers', async () => {
    api.fail({ method: 'GET', status: 'hang' });
    const error = await failure(
      applyToKubernetes({ connection, manifests: deploymentOnly }, { ...options, timeBudgetMs: 300 }),
    );
    expect(error.message).toBe(
      'Deployment "web": the time budget of 300 ms ran out before the cluster answered',
    );
    expect(error.transient).toBe(true);
  });

  it('never lets the token into an error, even when the server echoes it', async () => {
    api.fail({
      method: 'PATCH',
      status: 403,
      body: status(403, 'Forbidden', `token ${token} (Authorization: Bearer ${token}) is not allowed`),
    });
    const error = await failure(applyToKubernetes({ connection, manifests: deploymentOnly }, options));
    expect(error.message).toBe(
      'Deployment/team-a/web: token [REDACTED] (Authorization: Bearer [REDACTED]) is not allowed (HTTP 403)',
    );
  });

  it('reports a wrong token as the cluster says it', async () => {
    const error = await failure(
      applyToKubernetes(
        { connection: { ...connection, credentials: { token: 'wrong-token' } }, manifests: deploymentOnly },
        options,
      ),
    );
    expect(error.message).toBe('Deployment "web": Unauthorized (HTTP 401)');
    expect(error.transient).toBe(false);
  });

  it('goes through the outbound guard: a loopback API server is refused unless allowed, before any request', async () => {
    const error = await failure(
      applyToKubernetes({ connection, manifests: deploymentOnly }, { ...options, allowedHosts: [] }),
    );
    expect(error.message).toMatch(
      /^Deployment "web": plain http is only allowed for hosts the operator allows/,
    );
    const overHttps = await failure(
      applyToKubernetes(
        { connection: { ...connection, url: api.url.replace('http:', 'https:') }, manifests: deploymentOnly },
        { ...options, allowedHosts: [] },
      ),
    );
    expect(overHttps.message).toMatch(/^Deployment "web": 127\.0\.0\.1 is a loopback address/);
    expect(api.requests).toEqual([]);
  });

  it('does not follow a redirect from the API server', async () => {
    api.fail({
      method: 'GET',
      status: 302,
      headers: { location: 'http://169.254.169.254/latest/meta-data/' },
    });
    const error = await failure(applyToKubernetes({ connection, manifests: deploymentOnly }, options));
    expect(error.message).toMatch(
      /answered with a redirect \(HTTP 302 to http:\/\/169\.254\.169\.254\); redirects are not followed$/,
    );
  });
});

describe('deleteFromKubernetes', () => {
  it('deletes the contents of a namespace before the namespace, and counts what is already gone', async () => {
    await applyToKubernetes(
      { connection, manifests: manifests.filter((m) => m.kind !== 'Service') },
      options,
    );
    api.requests.length = 0;

    const result = await deleteFromKubernetes({ connection, objects: manifests }, options);
    expect(requestLines()).toEqual([
      'GET /api/v1',
      'DELETE /api/v1/namespaces/shop/services/web?propagationPolicy=Background',
      'GET /apis/apps/v1',
      `DELETE ${DEPLOYMENT_PATH}?propagationPolicy=Background`,
      'DELETE /api/v1/namespaces/shop?propagationPolicy=Background',
    ]);
    expect(result).toEqual({
      resources: ['Service/shop/web', 'Deployment/team-a/web', 'Namespace//shop'],
      message: 'Deleted 2 resources. Already gone: Service/shop/web.',
    });
    expect(api.objects.size).toBe(0);
  });

  it('sends dryRun=All on a dry run and deletes nothing', async () => {
    await applyToKubernetes({ connection, manifests: deploymentOnly }, options);
    const result = await deleteFromKubernetes({ connection, objects: deploymentOnly, dryRun: true }, options);
    expect(api.requests.at(-1)?.query).toEqual({ dryRun: 'All', propagationPolicy: 'Background' });
    expect(api.objects.has(DEPLOYMENT_PATH)).toBe(true);
    expect(result.message).toBe('Dry run: the cluster would delete 1 resource.');
  });
});

describe('a cluster served over https', () => {
  it('is trusted through the connection CA (base64 PEM, as in a kubeconfig) and refused without it', async () => {
    const certificate = createSelfSignedCertificate();
    const secure = await startFakeKubernetesApi({ token, tls: certificate });
    try {
      const caData = Buffer.from(certificate.cert).toString('base64');
      const result = await applyToKubernetes(
        { connection: { url: secure.url, credentials: { token, caData } }, manifests: deploymentOnly },
        options,
      );
      expect(result.resources).toEqual(['Deployment/default/web']);

      const error = await failure(
        applyToKubernetes(
          { connection: { url: secure.url, credentials: { token } }, manifests: deploymentOnly },
          options,
        ),
      );
      expect(error.message).toMatch(/self[- ]signed certificate/);
    } finally {
      await secure.close();
    }
  });
});
