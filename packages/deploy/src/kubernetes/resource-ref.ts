/** What identifies a Kubernetes object: enough to find, apply or delete it. */
export type KubernetesObjectRef = {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string | undefined;
};

/**
 * `kind/namespace/name`, the form deployments report resources in. A cluster-scoped object has
 * an empty namespace (`Namespace//shop`, `ClusterRole//viewer`): always three fields, so a
 * reader can split on "/" without knowing which kinds are namespaced (names never contain "/").
 */
export function formatResourceRef(ref: {
  kind: string;
  name: string;
  namespace: string | undefined;
}): string {
  return `${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

/** Kinds other objects live in or are defined by: applied first, deleted last. */
const FOUNDATION_KINDS = ['Namespace', 'CustomResourceDefinition'];

/** Namespaces, then CRDs, then everything else in the order written. */
export function orderForApply<T extends { kind: string }>(objects: readonly T[]): T[] {
  const rank = (object: T) => {
    const index = FOUNDATION_KINDS.indexOf(object.kind);
    return index < 0 ? FOUNDATION_KINDS.length : index;
  };
  return objects
    .map((object, position) => ({ object, position }))
    .sort((a, b) => rank(a.object) - rank(b.object) || a.position - b.position)
    .map(({ object }) => object);
}

/** The reverse of the apply order: the contents of a namespace go before the namespace. */
export function orderForDelete<T extends { kind: string }>(objects: readonly T[]): T[] {
  return orderForApply(objects).reverse();
}
