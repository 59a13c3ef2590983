import type { Apis, ClientOptions } from './client';
import { explain, listAll, statusOf } from './client';
import { addOwnerLinks } from './owner-lookups';
import {
  toContainerUsageRecords,
  toNamespaceRecord,
  toNodeRecord,
  toNodeUsageRecord,
  toPersistentVolumeClaimRecord,
  toPersistentVolumeRecord,
  toPodRecord,
} from './to-snapshot';
import type { K8sWorkload } from './objects';
import { toControllerRevisionRecord, toReplicaSetRevision, toWorkloadRecord } from './to-workloads';
import type { ContainerUsageRecord, NodeUsageRecord, OwnerLink, RevisionRecord, Snapshot, WorkloadRecord } from './types';

export interface ReadOptions extends ClientOptions {
  cluster: string;
  /** Used only when the API server sends no Date header. */
  now?: () => Date;
}

type Warn = (message: string) => void;

/**
 * Reads one snapshot of a cluster: inventory from core/apps/batch (every list paginated) and
 * usage from metrics.k8s.io. Owners (ReplicaSets, Jobs) are listed first so pods resolve to
 * their top controller while their pages stream past; raw objects are dropped page by page.
 */
export async function readSnapshot(apis: Apis, options: ReadOptions): Promise<Snapshot> {
  const warnings: string[] = [];
  const warn: Warn = (message) => warnings.push(message);
  const replicaSetOwners = new Map<string, OwnerLink>();
  const jobOwners = new Map<string, OwnerLink>();
  const namespaces: Snapshot['namespaces'] = [];
  const nodes: Snapshot['nodes'] = [];
  const volumes: Snapshot['volumes'] = [];
  const claims: Snapshot['claims'] = [];
  const workloads: WorkloadRecord[] = [];
  const rsRevisions: RevisionRecord[] = [];
  const crRevisions: RevisionRecord[] = [];
  const keep = <T>(into: T[], record: T | null) => {
    if (record) into.push(record);
  };

  const [, , , , , , , , , , rolloutsServed] = await Promise.all([
    collectList('namespaces', (p, o) => apis.core.listNamespaceWithHttpInfo(p, o), namespaces, (item) => toNamespaceRecord(item, warn), options),
    collectList('nodes', (p, o) => apis.core.listNodeWithHttpInfo(p, o), nodes, (item) => toNodeRecord(item, warn), options),
    collectList('persistentvolumes', (p, o) => apis.core.listPersistentVolumeWithHttpInfo(p, o), volumes, (item) => toPersistentVolumeRecord(item, warn), options),
    collectList('persistentvolumeclaims', (p, o) => apis.core.listPersistentVolumeClaimForAllNamespacesWithHttpInfo(p, o), claims, (item) => toPersistentVolumeClaimRecord(item, warn), options),
    // One ReplicaSet list serves both the pods' owner links and the Deployments' revisions.
    listAll(
      'replicasets',
      (p, o) => apis.apps.listReplicaSetForAllNamespacesWithHttpInfo(p, o),
      (page) => {
        addOwnerLinks(replicaSetOwners, page.items);
        for (const rs of page.items) keep(rsRevisions, toReplicaSetRevision(rs));
      },
      () => {
        replicaSetOwners.clear();
        rsRevisions.length = 0;
      },
      options,
    ),
    listAll('jobs', (p, o) => apis.batch.listJobForAllNamespacesWithHttpInfo(p, o), (page) => addOwnerLinks(jobOwners, page.items), () => jobOwners.clear(), options),
    collectList('deployments', (p, o) => apis.apps.listDeploymentForAllNamespacesWithHttpInfo(p, o), workloads, (item) => toWorkloadRecord(item, 'Deployment'), options, 'Deployment'),
    collectList('statefulsets', (p, o) => apis.apps.listStatefulSetForAllNamespacesWithHttpInfo(p, o), workloads, (item) => toWorkloadRecord(item, 'StatefulSet'), options, 'StatefulSet'),
    collectList('daemonsets', (p, o) => apis.apps.listDaemonSetForAllNamespacesWithHttpInfo(p, o), workloads, (item) => toWorkloadRecord(item, 'DaemonSet'), options, 'DaemonSet'),
    collectList('controllerrevisions', (p, o) => apis.apps.listControllerRevisionForAllNamespacesWithHttpInfo(p, o), crRevisions, (item) => toControllerRevisionRecord(item), options),
    readRollouts(apis, workloads, options),
  ]);

  const pods: Snapshot['pods'] = [];
  const [podList, usage] = await Promise.all([
    collectList('pods', (p, o) => apis.core.listPodForAllNamespacesWithHttpInfo(p, o), pods, (item) => toPodRecord(item, { replicaSetOwners, jobOwners }, warn), options),
    readUsage(apis, options, warn),
  ]);

  let sampledAt = podList.serverDate;
  if (!sampledAt) {
    sampledAt = (options.now ?? (() => new Date()))();
    warn('the API server sent no Date header: inventory is stamped with the local clock');
  }
  return {
    cluster: options.cluster,
    sampledAt: sampledAt.toISOString(),
    namespaces,
    nodes,
    pods,
    volumes,
    claims,
    containerUsage: usage.containers,
    nodeUsage: usage.nodes,
    metricsAvailable: usage.available,
    workloads,
    revisions: [...rsRevisions, ...crRevisions],
    rolloutsServed,
    warnings,
  };
}

type Fetcher<Item> = Parameters<typeof listAll<Item>>[1];

async function collectList<Item, Out>(
  what: string,
  fetchPage: Fetcher<Item>,
  into: Out[],
  map: (item: Item) => Out | null,
  options: ClientOptions,
  /** When several lists share `into`: a restart drops only the records with this `kind`. */
  kind?: string,
) {
  return listAll(
    what,
    fetchPage,
    (page) => {
      for (const item of page.items) {
        const record = map(item);
        if (record) into.push(record);
      }
    },
    () => {
      if (kind === undefined) into.length = 0;
      else {
        const others = into.filter((r) => (r as { kind?: string }).kind !== kind);
        into.length = 0;
        into.push(...others);
      }
    },
    options,
  );
}

/**
 * Argo Rollouts (argoproj.io/v1alpha1 rollouts) into `into`; false, quietly, when the API
 * server does not serve them (404: no CRD).
 */
async function readRollouts(apis: Apis, into: WorkloadRecord[], options: ClientOptions): Promise<boolean> {
  const group = { group: 'argoproj.io', version: 'v1alpha1', plural: 'rollouts' };
  try {
    await collectList<K8sWorkload, WorkloadRecord>(
      'argoproj.io rollouts',
      (p, o) => apis.custom.listClusterCustomObjectWithHttpInfo({ ...group, ...p }, o),
      into,
      (item) => toWorkloadRecord(item, 'Rollout'),
      options,
      'Rollout',
    );
    return true;
  } catch (error) {
    if (statusOf((error as { cause?: unknown }).cause ?? error) === 404) {
      const others = into.filter((r) => r.kind !== 'Rollout');
      into.length = 0;
      into.push(...others);
      return false;
    }
    throw error;
  }
}

interface Usage {
  available: boolean;
  containers: ContainerUsageRecord[];
  nodes: NodeUsageRecord[];
}

interface MetricsItem {
  metadata?: { name?: string; namespace?: string };
}

async function readUsage(apis: Apis, options: ClientOptions, warn: Warn): Promise<Usage> {
  const usage: Usage = { available: true, containers: [], nodes: [] };
  const group = { group: 'metrics.k8s.io', version: 'v1beta1' };
  try {
    await Promise.all([
      listAll<MetricsItem>(
        'metrics.k8s.io pods',
        (p, o) => apis.custom.listClusterCustomObjectWithHttpInfo({ ...group, plural: 'pods', ...p }, o),
        (page) => {
          for (const item of page.items) usage.containers.push(...toContainerUsageRecords(item, warn));
        },
        () => {
          usage.containers = [];
        },
        options,
      ),
      listAll<MetricsItem>(
        'metrics.k8s.io nodes',
        (p, o) => apis.custom.listClusterCustomObjectWithHttpInfo({ ...group, plural: 'nodes', ...p }, o),
        (page) => {
          for (const item of page.items) {
            const record = toNodeUsageRecord(item, warn);
            if (record) usage.nodes.push(record);
          }
        },
        () => {
          usage.nodes = [];
        },
        options,
      ),
    ]);
  } catch (error) {
    const status = statusOf((error as { cause?: unknown }).cause ?? error);
    if (status === 403) {
      warn('metrics.k8s.io is forbidden to this account (grant get/list on pods and nodes in metrics.k8s.io): inventory only, no usage');
      return { available: false, containers: [], nodes: [] };
    }
    if (status !== 404 && status !== 503) throw error instanceof Error ? error : explain('metrics.k8s.io', error);
    warn('metrics.k8s.io is not available (is metrics-server installed?): inventory only, no usage');
    return { available: false, containers: [], nodes: [] };
  }
  return usage;
}
