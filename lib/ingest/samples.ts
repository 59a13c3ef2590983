import type { ContainerRecord, PodRecord, Snapshot } from '../k8s/types';

/** One stored usage sample: a container of a pod that holds resources, with its usage if any. */
export interface ContainerSampleRow {
  podUid: string;
  namespace: string;
  pod: string;
  container: string;
  nodeName: string;
  cpuRequestMillicores: number | null;
  memoryRequestBytes: number | null;
  gpuRequest: number;
  cpuUsageMillicores: number | null;
  memoryUsageBytes: number | null;
  usageAt: string | null;
}

export interface ScrapeSummary {
  cluster: string;
  sampledAt: string;
  nodes: number;
  pods: number;
  containers: number;
  cpuRequestMillicores: number;
  memoryRequestBytes: number;
  cpuUsageMillicores: number;
  memoryUsageBytes: number;
  gpuRequests: number;
  persistentVolumeClaims: number;
  warnings: string[];
}

/**
 * A pod holds node resources while Running, or Pending once scheduled to a node (its
 * containers are starting); Succeeded and Failed pods hold none.
 */
export function holdsResources(pod: PodRecord): pod is PodRecord & { nodeName: string } {
  return pod.nodeName !== null && (pod.phase === 'Running' || pod.phase === 'Pending');
}

/**
 * The samples a scrape stores: one per app container of each resource-holding pod, joined to
 * metrics.k8s.io usage by (namespace, pod, container). Init containers are inventory only:
 * they run before the app containers and are not sampled.
 */
export function containerSamples(snapshot: Snapshot): ContainerSampleRow[] {
  const usage = new Map(snapshot.containerUsage.map((u) => [`${u.namespace}/${u.pod}/${u.container}`, u]));
  const rows: ContainerSampleRow[] = [];
  for (const pod of snapshot.pods) {
    if (!holdsResources(pod)) continue;
    for (const container of pod.containers) {
      if (container.isInit) continue;
      rows.push(sampleRow(pod, container, usage.get(`${pod.namespace}/${pod.name}/${container.name}`)));
    }
  }
  return rows;
}

function sampleRow(
  pod: PodRecord & { nodeName: string },
  container: ContainerRecord,
  usage: Snapshot['containerUsage'][number] | undefined,
): ContainerSampleRow {
  return {
    podUid: pod.uid,
    namespace: pod.namespace,
    pod: pod.name,
    container: container.name,
    nodeName: pod.nodeName,
    cpuRequestMillicores: container.cpuRequestMillicores,
    memoryRequestBytes: container.memoryRequestBytes,
    gpuRequest: container.gpuRequest,
    cpuUsageMillicores: usage?.cpuUsageMillicores ?? null,
    memoryUsageBytes: usage?.memoryUsageBytes ?? null,
    usageAt: usage?.usageAt ?? null,
  };
}

/** What a scrape stores, summed over its samples (the `collect --json` output). */
export function summarize(snapshot: Snapshot, samples: ContainerSampleRow[]): ScrapeSummary {
  let cpuRequestMillicores = 0;
  let memoryRequestBytes = 0;
  let cpuUsageMillicores = 0;
  let memoryUsageBytes = 0;
  let gpuRequests = 0;
  for (const s of samples) {
    cpuRequestMillicores += s.cpuRequestMillicores ?? 0;
    memoryRequestBytes += s.memoryRequestBytes ?? 0;
    cpuUsageMillicores += s.cpuUsageMillicores ?? 0;
    memoryUsageBytes += s.memoryUsageBytes ?? 0;
    gpuRequests += s.gpuRequest;
  }
  return {
    cluster: snapshot.cluster,
    sampledAt: snapshot.sampledAt,
    nodes: snapshot.nodes.length,
    pods: snapshot.pods.length,
    containers: samples.length,
    cpuRequestMillicores,
    memoryRequestBytes,
    cpuUsageMillicores,
    memoryUsageBytes,
    gpuRequests,
    persistentVolumeClaims: snapshot.claims.length,
    warnings: snapshot.warnings,
  };
}

/** `namespace/claim` → names of the pods that mount it. */
export function mountingPods(pods: PodRecord[]): Map<string, string[]> {
  const byClaim = new Map<string, string[]>();
  for (const pod of pods) {
    for (const claim of pod.claimNames) {
      const key = `${pod.namespace}/${claim}`;
      byClaim.set(key, [...(byClaim.get(key) ?? []), pod.name]);
    }
  }
  return byClaim;
}

/** One stored PVC sample: its size and the resource-holding pods mounting it at the scrape. */
export interface ClaimSampleRow {
  namespace: string;
  name: string;
  storageClass: string | null;
  /** Bound capacity, else the requested size. */
  bytes: number;
  podUids: string[];
}

/** The PVC samples a scrape stores, for splitting volume cost among the pods mounting them. */
export function claimSamples(snapshot: Snapshot): ClaimSampleRow[] {
  const mounting = new Map<string, string[]>();
  for (const pod of snapshot.pods) {
    if (!holdsResources(pod)) continue;
    for (const claim of pod.claimNames) {
      const key = `${pod.namespace}/${claim}`;
      mounting.set(key, [...(mounting.get(key) ?? []), pod.uid]);
    }
  }
  return snapshot.claims.map((c) => ({
    namespace: c.namespace,
    name: c.name,
    storageClass: c.storageClass,
    bytes: c.capacityBytes ?? c.requestedBytes,
    podUids: mounting.get(`${c.namespace}/${c.name}`) ?? [],
  }));
}
