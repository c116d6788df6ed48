import {
  HttpMethod,
  KubernetesObjectApi,
  PatchStrategy,
  type Configuration,
  type KubernetesObject,
  type V1APIResource,
} from '@kubernetes/client-node';

/** The field manager that owns, on the cluster, every field a deployment sets. */
export const FIELD_MANAGER = 'controlplane';

/**
 * @kubernetes/client-node's generic object API, with its discovery (the APIResourceList of a
 * group version, cached per instance) and its resource paths, plus a server-side apply that
 * sends the manifest exactly as written. The inherited `patch()` re-serializes a known kind
 * through the client's generated models, which silently drops any field those models do not
 * know (a typo, or a field newer than the client) — with apply, a dropped field is a field
 * removed from the live object.
 */
export class ManifestObjectApi extends KubernetesObjectApi {
  constructor(configuration: Configuration, defaultNamespace: string) {
    super(configuration);
    this.defaultNamespace = defaultNamespace;
  }

  /** Where namespaced objects without a namespace go. */
  get defaultNamespaceName(): string {
    return this.defaultNamespace;
  }

  /** The API resource serving `apiVersion` + `kind`, or undefined when the cluster has none. */
  async discover(apiVersion: string, kind: string): Promise<V1APIResource | undefined> {
    try {
      return await this.resource(apiVersion, kind);
    } catch (error) {
      // resource() prefixes the message of any failure in place; the caller names the object itself.
      if (error instanceof Error)
        error.message = error.message.replace(/^Failed to fetch resource metadata for [^:]*: /, '');
      throw error;
    }
  }

  /**
   * PATCH application/apply-patch+yaml with fieldManager=controlplane. `force` takes over fields
   * another manager owns instead of failing with 409 Conflict; `dryRun` asks the server to run
   * every admission step without persisting (dryRun=All).
   */
  async apply(object: KubernetesObject, options: { force: boolean; dryRun: boolean }): Promise<void> {
    const path = await this.specUriPath(structuredClone(object), 'patch');
    const request = this.configuration.baseServer.makeRequestContext(path, HttpMethod.PATCH);
    request.setHeaderParam('Accept', 'application/json');
    request.setHeaderParam('Content-Type', PatchStrategy.ServerSideApply);
    if (options.dryRun) request.setQueryParam('dryRun', 'All');
    request.setQueryParam('fieldManager', FIELD_MANAGER);
    request.setQueryParam('force', String(options.force));
    // JSON is YAML, and it is what kubectl sends with this content type too.
    request.setBody(JSON.stringify(object));
    await this.requestPromise(request, 'KubernetesObject');
  }

  /** DELETE with background propagation (dependents such as ReplicaSets are collected after). */
  async remove(object: KubernetesObject, options: { dryRun: boolean }): Promise<void> {
    await this.delete(
      structuredClone(object),
      undefined,
      options.dryRun ? 'All' : undefined,
      undefined,
      undefined,
      'Background',
    );
  }
}
