import { createOutboundClient, type OutboundClient, type OutboundPolicy } from '@controlplane/outbound';
import { createConfiguration, ServerConfiguration, type RequestContext } from '@kubernetes/client-node';
import { DEFAULT_RETRY, type RetryPolicy } from '../retry';
import { DeployTargetError } from '../target-error';
import { apiFailure } from './kubernetes-errors';
import { createKubernetesHttp } from './kubernetes-http';
import { ManifestObjectApi } from './object-api';
import { formatResourceRef, type KubernetesObjectRef } from './resource-ref';

/** Write-only connection secrets: a bearer token (service account) and the cluster's CA. */
export type KubernetesCredentials = {
  token: string;
  /** The cluster CA as in a kubeconfig's certificate-authority-data (base64 of PEM), or PEM itself. */
  caData?: string;
};

/** A KUBERNETES connection as the workspace stores it. */
export type KubernetesConnection = {
  /** The API server, e.g. https://api.cluster.example:6443 (a path prefix is kept). */
  url: string;
  credentials: KubernetesCredentials;
  /** `namespace`: where namespaced objects without one go (default "default"). */
  settings?: { namespace?: string } | null;
};

export type KubernetesTargetOptions = OutboundPolicy & {
  /** Wall-clock limit of the whole call, retries and backoff included. Default 120 s. */
  timeBudgetMs?: number;
  retry?: RetryPolicy;
  /** Take over fields other managers own instead of failing with 409 Conflict. Default true. */
  forceConflicts?: boolean;
};

/** An object ready to send: namespace settled by discovery, and its kind/namespace/name. */
export type PlacedObject = { object: Record<string, unknown>; ref: string };

/** One call's connection to one cluster: a client, its time budget, and what to redact. */
export type KubernetesSession = {
  api: ManifestObjectApi;
  signal: AbortSignal;
  timeBudgetMs: number;
  secrets: readonly string[];
  close(): Promise<void>;
};

const DEFAULT_TIME_BUDGET_MS = 120_000;

/** Opens a session whose every request goes through the outbound guard, with the token as bearer. */
export function openKubernetesSession(
  connection: KubernetesConnection,
  options: KubernetesTargetOptions,
): KubernetesSession {
  const { token, caData } = connection.credentials;
  if (!token) throw new DeployTargetError('the connection has no token', { secrets: [], transient: false });
  const timeBudgetMs = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const signal = AbortSignal.timeout(timeBudgetMs);
  const client: OutboundClient = createOutboundClient({
    ...options,
    ...(caData ? { ca: decodeCa(caData) } : {}),
  });
  const api = new ManifestObjectApi(
    createConfiguration({
      baseServer: new ServerConfiguration(connection.url.replace(/\/+$/, ''), {}),
      httpApi: createKubernetesHttp(client, { retry: options.retry ?? DEFAULT_RETRY, signal }),
      authMethods: { default: bearer(token) },
    }),
    connection.settings?.namespace || 'default',
  );
  return { api, signal, timeBudgetMs, secrets: [token], close: () => client.close() };
}

/**
 * Asks discovery where an object lives: a namespaced kind gets the object's namespace or the
 * connection's default; a cluster-scoped kind is sent without one.
 */
export async function placeObject(
  session: KubernetesSession,
  ref: KubernetesObjectRef,
  object: Record<string, unknown>,
): Promise<PlacedObject> {
  const refused = (message: string) =>
    new DeployTargetError(message, { secrets: session.secrets, transient: false });
  const resource = await session.api.discover(ref.apiVersion, ref.kind).catch((error: unknown) => {
    throw apiFailure(error)?.status === 404 ? refused(`the cluster does not serve ${ref.apiVersion}`) : error;
  });
  if (!resource)
    throw refused(
      `the cluster has no kind ${ref.kind} in ${ref.apiVersion} (is its CustomResourceDefinition installed?)`,
    );
  const namespace = resource.namespaced ? (ref.namespace ?? session.api.defaultNamespaceName) : undefined;
  const metadata = { ...(object.metadata as Record<string, unknown> | undefined), name: ref.name, namespace };
  if (namespace === undefined) delete metadata.namespace;
  return {
    object: { ...object, apiVersion: ref.apiVersion, kind: ref.kind, metadata },
    ref: formatResourceRef({ kind: ref.kind, name: ref.name, namespace }),
  };
}

function bearer(token: string) {
  return {
    getName: () => 'BearerToken',
    applySecurityAuthentication: (request: RequestContext) =>
      request.setHeaderParam('Authorization', `Bearer ${token}`),
  };
}

/** kubeconfig's certificate-authority-data is base64 of the PEM; a PEM pasted as is works too. */
function decodeCa(caData: string): string {
  return caData.includes('-----BEGIN') ? caData : Buffer.from(caData, 'base64').toString('utf8');
}
