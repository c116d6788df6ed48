import type { KubernetesObject } from '@kubernetes/client-node';
import { apiFailure, toTargetError } from './kubernetes-errors';
import {
  openKubernetesSession,
  placeObject,
  type KubernetesConnection,
  type KubernetesSession,
  type KubernetesTargetOptions,
  type PlacedObject,
} from './kubernetes-session';
import { FIELD_MANAGER } from './object-api';
import { orderForApply, orderForDelete, type KubernetesObjectRef } from './resource-ref';

/** What a call did, for the deployment's target: the resources and a sentence for people. */
export type KubernetesResult = { resources: string[]; message: string };

/** A manifest to apply: its identity plus the full object (a parsed `Manifest` is one). */
export type ApplicableManifest = KubernetesObjectRef & { object: Record<string, unknown> };

/**
 * Server-side applies every manifest (Namespaces and CRDs first, then in the order written),
 * with field manager `controlplane`. Discovery decides whether a kind is namespaced: a namespaced
 * object without a namespace goes to `settings.namespace`; a cluster-scoped one is sent
 * without one. With `dryRun` the server validates and admits everything but persists nothing.
 * Stops at the first failure.
 *
 * @throws DeployTargetError (redacted) naming the resource that failed and, in `resources`,
 * those applied before it.
 */
export async function applyToKubernetes(
  input: { connection: KubernetesConnection; manifests: readonly ApplicableManifest[]; dryRun?: boolean },
  options: KubernetesTargetOptions,
): Promise<KubernetesResult> {
  const dryRun = input.dryRun ?? false;
  const force = options.forceConflicts ?? true;
  const resources = await forEachObject(
    input.connection,
    options,
    orderForApply(input.manifests),
    async (session, placed) => {
      await session.api.apply(placed.object as KubernetesObject, { force, dryRun });
    },
  );
  const count = plural(resources.length, 'resource');
  return {
    resources,
    message: dryRun
      ? `Dry run: the cluster accepted ${count}; nothing was changed.`
      : `Applied ${count} by server-side apply (field manager ${FIELD_MANAGER}).`,
  };
}

/**
 * Deletes the given objects (the contents of a namespace before the namespace), with background
 * propagation. An object that is already gone counts as deleted, so an undeploy can be run again
 * after a partial failure.
 *
 * @throws DeployTargetError (redacted), with the resources deleted before the failure.
 */
export async function deleteFromKubernetes(
  input: { connection: KubernetesConnection; objects: readonly KubernetesObjectRef[]; dryRun?: boolean },
  options: KubernetesTargetOptions,
): Promise<KubernetesResult> {
  const dryRun = input.dryRun ?? false;
  const gone: string[] = [];
  const objects = orderForDelete(input.objects).map((ref) => ({ ...ref, object: {} }));
  const resources = await forEachObject(input.connection, options, objects, async (session, placed) => {
    try {
      await session.api.remove(placed.object as KubernetesObject, { dryRun });
    } catch (error) {
      if (apiFailure(error)?.status !== 404) throw error;
      gone.push(placed.ref);
    }
  });
  const deleted = plural(resources.length - gone.length, 'resource');
  const already = gone.length > 0 ? ` Already gone: ${gone.join(', ')}.` : '';
  return {
    resources,
    message: `${dryRun ? 'Dry run: the cluster would delete' : 'Deleted'} ${deleted}.${already}`,
  };
}

/** Places and handles each object in turn; on failure, says which one and what was done before. */
async function forEachObject(
  connection: KubernetesConnection,
  options: KubernetesTargetOptions,
  objects: readonly ApplicableManifest[],
  handle: (session: KubernetesSession, placed: PlacedObject) => Promise<void>,
): Promise<string[]> {
  const session = openKubernetesSession(connection, options);
  const done: string[] = [];
  let current: string | undefined;
  try {
    for (const object of objects) {
      // Until discovery says whether the kind is namespaced, the object is named without a namespace.
      current = `${object.kind} "${object.name}"`;
      const placed = await placeObject(session, object, object.object);
      current = placed.ref;
      await handle(session, placed);
      done.push(placed.ref);
    }
    return done;
  } catch (error) {
    throw toTargetError(error, {
      resource: current,
      done,
      signal: session.signal,
      timeBudgetMs: session.timeBudgetMs,
      secrets: session.secrets,
    });
  } finally {
    await session.close();
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
