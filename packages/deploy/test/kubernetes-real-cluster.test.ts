import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { applyToKubernetes, deleteFromKubernetes, parseManifests, type KubernetesConnection } from '../src';

/**
 * Runs against the cluster the KUBECONFIG file's current context names, with its bearer token.
 * No cluster can run on CI machines here, so without KUBECONFIG this test is skipped and says why.
 */
const { connection, reason } = connectionFromKubeconfig(process.env.KUBECONFIG);
if (reason) console.info(`Real-cluster Kubernetes test skipped: ${reason}`);

(connection ? it : it.skip)(
  `applies, dry-runs and deletes a ConfigMap on a real cluster${reason ? ` (skipped: ${reason})` : ''}`,
  async () => {
    if (!connection) return;
    const name = `controlplane-deploy-test-${randomUUID().slice(0, 8)}`;
    const { manifests } = parseManifests(
      `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name} }\ndata: { written-by: controlplane }\n`,
    );
    const namespace = connection.settings?.namespace ?? 'default';
    // The operator of this test allows the cluster's host, as DEPLOY_ALLOWED_HOSTS would for a private cluster.
    const options = { allowedHosts: [new URL(connection.url).hostname] };

    const dryRun = await applyToKubernetes({ connection, manifests, dryRun: true }, options);
    expect(dryRun.resources).toEqual([`ConfigMap/${namespace}/${name}`]);
    const nothingToDelete = await deleteFromKubernetes({ connection, objects: manifests }, options);
    expect(nothingToDelete.message).toBe(
      `Deleted 0 resources. Already gone: ConfigMap/${namespace}/${name}.`,
    );

    await applyToKubernetes({ connection, manifests }, options);
    const again = await applyToKubernetes({ connection, manifests }, options);
    expect(again.message).toBe('Applied 1 resource by server-side apply (field manager controlplane).');
    const deleted = await deleteFromKubernetes({ connection, objects: manifests }, options);
    expect(deleted.message).toBe('Deleted 1 resource.');
  },
);

function connectionFromKubeconfig(path: string | undefined): {
  connection?: KubernetesConnection;
  reason?: string;
} {
  if (!path) return { reason: 'KUBECONFIG is not set' };
  const config = new KubeConfig();
  config.loadFromFile(path);
  const cluster = config.getCurrentCluster();
  const user = config.getCurrentUser();
  if (!cluster) return { reason: `${path} has no current cluster` };
  if (!user?.token)
    return {
      reason: `the current user of ${path} has no bearer token (client certificates and exec plugins are not supported by deploy connections)`,
    };
  const caData = cluster.caData ?? (cluster.caFile ? readFileSync(cluster.caFile, 'utf8') : undefined);
  const namespace =
    config.getContextObject(config.getCurrentContext())?.namespace ?? process.env.KUBE_TEST_NAMESPACE;
  return {
    connection: {
      url: cluster.server,
      credentials: { token: user.token, ...(caData ? { caData } : {}) },
      settings: namespace ? { namespace } : null,
    },
  };
}
