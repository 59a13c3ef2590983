import type { Apis, ClientOptions } from './client';
import { explain, listAll, statusOf } from './client';
import { LISTS } from './list-request';
import { internPod, internRevision, internUsage, internWorkload, makeIntern, type Intern } from './intern';
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
import type { K8sControllerRevision, K8sNode, K8sObject, K8sPersistentVolume, K8sPersistentVolumeClaim, K8sPod, K8sWorkload } from './objects';
import { type K8sHpa, toHpaRecord } from './to-hpa';
import { toControllerRevisionRecord, toReplicaSetRevision, toWorkloadRecord } from './to-workloads';
import type { ContainerUsageRecord, HpaRecord, NodeUsageRecord, OwnerLink, RevisionRecord, Snapshot, WorkloadRecord } from './types';

export interface ReadOptions extends ClientOptions {
  cluster: string;
  /** Used only when the API server sends no Date header. */
  now?: () => Date;
  /** Told as the pods stream in, so that a writer can start before the read ends. */
  observer?: ReadObserver;
}

/** The lists read before the pods: complete (no restart can change them) when the pods start. */
export type ReadBeforePods = Pick<Snapshot, 'cluster' | 'namespaces' | 'nodes' | 'volumes' | 'claims' | 'workloads' | 'revisions' | 'rolloutsServed' | 'hpas'>;

export interface ReadObserver {
  /** The pods list's first page arrived, with its Date header (null when the server sent none). */
  podsStarted(before: ReadBeforePods, serverDate: Date | null): void;
  /** The records of one page of pods (in list order, after podsStarted). */
  podPage(pods: Snapshot['pods']): void;
  /** The pods list restarted (410 Expired): the pages already told are read again. */
  podsRestarted(): void;
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
  const intern = makeIntern();
  const internedWorkload = (w: WorkloadRecord | null) => w && internWorkload(w, intern);
  const hpasRead = readHpas(apis, options, warn);
  hpasRead.catch(() => {}); // awaited below; this only keeps a failure while the other lists fail from going unhandled

  const [, , , , , , , , , , rolloutsServed] = await Promise.all([
    collectList('namespaces', apis.list<K8sObject>(LISTS.namespaces), namespaces, (item) => toNamespaceRecord(item, warn), options),
    collectList('nodes', apis.list<K8sNode>(LISTS.nodes), nodes, (item) => toNodeRecord(item, warn), options),
    collectList('persistentvolumes', apis.list<K8sPersistentVolume>(LISTS.persistentvolumes), volumes, (item) => toPersistentVolumeRecord(item, warn), options),
    collectList('persistentvolumeclaims', apis.list<K8sPersistentVolumeClaim>(LISTS.persistentvolumeclaims), claims, (item) => toPersistentVolumeClaimRecord(item, warn), options),
    // One ReplicaSet list serves both the pods' owner links and the Deployments' revisions.
    listAll(
      'replicasets',
      apis.list<K8sWorkload>(LISTS.replicasets),
      (page) => {
        addOwnerLinks(replicaSetOwners, page.items, intern);
        for (const rs of page.items) {
          const revision = toReplicaSetRevision(rs);
          if (revision) rsRevisions.push(internRevision(revision, intern));
        }
      },
      () => {
        replicaSetOwners.clear();
        rsRevisions.length = 0;
      },
      options,
    ),
    listAll('jobs', apis.list<K8sObject>(LISTS.jobs), (page) => addOwnerLinks(jobOwners, page.items, intern), () => jobOwners.clear(), options),
    collectList('deployments', apis.list<K8sWorkload>(LISTS.deployments), workloads, (item) => internedWorkload(toWorkloadRecord(item, 'Deployment')), options, 'Deployment'),
    collectList('statefulsets', apis.list<K8sWorkload>(LISTS.statefulsets), workloads, (item) => internedWorkload(toWorkloadRecord(item, 'StatefulSet')), options, 'StatefulSet'),
    collectList('daemonsets', apis.list<K8sWorkload>(LISTS.daemonsets), workloads, (item) => internedWorkload(toWorkloadRecord(item, 'DaemonSet')), options, 'DaemonSet'),
    collectList('controllerrevisions', apis.list<K8sControllerRevision>(LISTS.controllerrevisions), crRevisions, (item) => {
      const revision = toControllerRevisionRecord(item);
      return revision && internRevision(revision, intern);
    }, options),
    readRollouts(apis, workloads, options, internedWorkload),
  ]);

  const revisions = [...rsRevisions, ...crRevisions];
  const hpas = await hpasRead;
  const before: ReadBeforePods = { cluster: options.cluster, namespaces, nodes, volumes, claims, workloads, revisions, rolloutsServed, hpas };
  const pods: Snapshot['pods'] = [];
  const lookups = { replicaSetOwners, jobOwners };
  const observer = options.observer;
  let firstPage = true;
  const [podList, usage] = await Promise.all([
    listAll(
      'pods',
      apis.list<K8sPod>(LISTS.pods),
      (page) => {
        const start = pods.length;
        for (const item of page.items) {
          const pod = toPodRecord(item, lookups, warn);
          if (pod) pods.push(internPod(pod, intern));
        }
        if (!observer) return;
        if (firstPage) observer.podsStarted(before, page.serverDate);
        firstPage = false;
        observer.podPage(pods.slice(start));
      },
      () => {
        pods.length = 0;
        observer?.podsRestarted();
      },
      options,
    ),
    readUsage(apis, options, warn, intern),
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
    revisions,
    rolloutsServed,
    hpas,
    warnings,
  };
}

/**
 * autoscaling/v2 HPAs; empty, with a warning, when the list is forbidden (403) or not served
 * (404): right-sizing then treats every workload as not autoscaled.
 */
async function readHpas(apis: Apis, options: ClientOptions, warn: Warn): Promise<HpaRecord[]> {
  const hpas: HpaRecord[] = [];
  try {
    await collectList<K8sHpa, HpaRecord>('horizontalpodautoscalers', apis.list(LISTS.horizontalpodautoscalers), hpas, toHpaRecord, options);
  } catch (error) {
    const status = statusOf((error as { cause?: unknown }).cause ?? error);
    if (status !== 403 && status !== 404) throw error;
    warn(`autoscaling/v2 horizontalpodautoscalers ${status === 403 ? 'is forbidden to this account' : 'is not served'}: no HPAs read`);
    return [];
  }
  return hpas;
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
async function readRollouts(
  apis: Apis,
  into: WorkloadRecord[],
  options: ClientOptions,
  interned: (w: WorkloadRecord | null) => WorkloadRecord | null,
): Promise<boolean> {
  try {
    await collectList<K8sWorkload, WorkloadRecord>(
      'argoproj.io rollouts',
      apis.list(LISTS['argoproj.io rollouts']),
      into,
      (item) => interned(toWorkloadRecord(item, 'Rollout')),
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

async function readUsage(apis: Apis, options: ClientOptions, warn: Warn, intern: Intern): Promise<Usage> {
  const usage: Usage = { available: true, containers: [], nodes: [] };
  try {
    await Promise.all([
      listAll<MetricsItem>(
        'metrics.k8s.io pods',
        apis.list(LISTS['metrics.k8s.io pods']),
        (page) => {
          for (const item of page.items) for (const u of toContainerUsageRecords(item, warn)) usage.containers.push(internUsage(u, intern));
        },
        () => {
          usage.containers = [];
        },
        options,
      ),
      listAll<MetricsItem>(
        'metrics.k8s.io nodes',
        apis.list(LISTS['metrics.k8s.io nodes']),
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
