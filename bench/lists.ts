import type { Apis } from '../lib/k8s/client';
import type { listAll } from '../lib/k8s/client';

type Fetcher = Parameters<typeof listAll<unknown>>[1];

/**
 * Every list the collector reads, by name: the floor benchmark fetches exactly these pages.
 * Argo Rollouts is left out: the demo does not serve it (one 404, no pages to parse).
 */
export function collectorLists(apis: Apis): [string, Fetcher][] {
  const metrics = { group: 'metrics.k8s.io', version: 'v1beta1' };
  return [
    ['namespaces', (p, o) => apis.core.listNamespaceWithHttpInfo(p, o)],
    ['nodes', (p, o) => apis.core.listNodeWithHttpInfo(p, o)],
    ['persistentvolumes', (p, o) => apis.core.listPersistentVolumeWithHttpInfo(p, o)],
    ['persistentvolumeclaims', (p, o) => apis.core.listPersistentVolumeClaimForAllNamespacesWithHttpInfo(p, o)],
    ['replicasets', (p, o) => apis.apps.listReplicaSetForAllNamespacesWithHttpInfo(p, o)],
    ['jobs', (p, o) => apis.batch.listJobForAllNamespacesWithHttpInfo(p, o)],
    ['deployments', (p, o) => apis.apps.listDeploymentForAllNamespacesWithHttpInfo(p, o)],
    ['statefulsets', (p, o) => apis.apps.listStatefulSetForAllNamespacesWithHttpInfo(p, o)],
    ['daemonsets', (p, o) => apis.apps.listDaemonSetForAllNamespacesWithHttpInfo(p, o)],
    ['controllerrevisions', (p, o) => apis.apps.listControllerRevisionForAllNamespacesWithHttpInfo(p, o)],
    ['pods', (p, o) => apis.core.listPodForAllNamespacesWithHttpInfo(p, o)],
    ['metrics pods', (p, o) => apis.custom.listClusterCustomObjectWithHttpInfo({ ...metrics, plural: 'pods', ...p }, o)],
    ['metrics nodes', (p, o) => apis.custom.listClusterCustomObjectWithHttpInfo({ ...metrics, plural: 'nodes', ...p }, o)],
  ] as [string, Fetcher][];
}
