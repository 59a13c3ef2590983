/**
 * Pure mapping from Kubernetes API objects (plain JSON, or client-node's typed objects, which
 * have the same shape but Date timestamps) to Tally's records. A malformed quantity is reported
 * through `warn`, naming the object and field, and skipped: never read as zero.
 */
import { resolveOwner, type OwnerLookups, type OwnerReference } from './owners';
import { capacityTypeOf, nodePoolOf, placementOf, providerOf } from './node-labels';
import { QuantityError, toBytes, toCount, toMillicores } from './quantity';
import type {
  ContainerRecord,
  ContainerUsageRecord,
  NamespaceRecord,
  NodeRecord,
  NodeUsageRecord,
  PersistentVolumeClaimRecord,
  PersistentVolumeRecord,
  PodRecord,
} from './types';

export type Warn = (message: string) => void;
type Quantities = Record<string, string | undefined>;

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string | Date;
  ownerReferences?: OwnerReference[];
}
interface K8sObject {
  metadata?: ObjectMeta;
}
export interface K8sNode extends K8sObject {
  spec?: { providerID?: string };
  status?: { capacity?: Quantities; allocatable?: Quantities };
}
export interface K8sContainer {
  name: string;
  image?: string;
  resources?: { requests?: Quantities; limits?: Quantities };
}
export interface K8sPod extends K8sObject {
  spec?: {
    nodeName?: string;
    containers?: K8sContainer[];
    initContainers?: K8sContainer[];
    volumes?: { persistentVolumeClaim?: { claimName?: string } }[];
  };
  status?: { phase?: string };
}
export interface K8sPersistentVolume extends K8sObject {
  spec?: { capacity?: Quantities; storageClassName?: string; claimRef?: { namespace?: string; name?: string } };
  status?: { phase?: string };
}
export interface K8sPersistentVolumeClaim extends K8sObject {
  spec?: { resources?: { requests?: Quantities }; storageClassName?: string; volumeName?: string };
  status?: { phase?: string; capacity?: Quantities };
}
export interface K8sPodMetrics extends K8sObject {
  timestamp?: string | Date;
  containers?: { name: string; usage?: Quantities }[];
}
export interface K8sNodeMetrics extends K8sObject {
  timestamp?: string | Date;
  usage?: Quantities;
}

const GPU_RESOURCES = ['nvidia.com/gpu', 'amd.com/gpu', 'gpu.intel.com/i915'];

function iso(value: string | Date | undefined): string | null {
  if (value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function describe(kind: string, meta: ObjectMeta | undefined): string {
  return `${kind} ${meta?.namespace ? `${meta.namespace}/` : ''}${meta?.name ?? '(unnamed)'}`;
}

/** Converts one quantity; undefined stays null, malformed is warned about and becomes null. */
function read(convert: (text: string) => number, text: string | undefined, where: string, warn: Warn): number | null {
  if (text === undefined || text === null) return null;
  try {
    return convert(String(text));
  } catch (error) {
    if (!(error instanceof QuantityError)) throw error;
    warn(`${where}: ${error.message}`);
    return null;
  }
}

/** Sum of the GPU resources in `quantities` (null if one is malformed). */
function gpus(quantities: Quantities | undefined, where: string, warn: Warn): number | null {
  let total = 0;
  for (const resource of GPU_RESOURCES) {
    const count = read(toCount, quantities?.[resource], `${where} ${resource}`, warn);
    if (count === null && quantities?.[resource] !== undefined) return null;
    total += count ?? 0;
  }
  return total;
}

/** Namespace → record (name, labels, creation time). */
export function toNamespaceRecord(ns: K8sObject, _warn?: Warn): NamespaceRecord | null {
  if (!ns.metadata?.name) return null;
  return { name: ns.metadata.name, labels: ns.metadata.labels ?? {}, createdAt: iso(ns.metadata.creationTimestamp) };
}

/**
 * Node → record: pool, capacity type, provider and placement from its labels; capacity and
 * allocatable CPU (millicores), memory (bytes) and GPUs. Allocatable falls back to capacity.
 * A node whose capacity cannot be read is skipped with a warning.
 */
export function toNodeRecord(node: K8sNode, warn: Warn): NodeRecord | null {
  const meta = node.metadata;
  if (!meta?.name) return null;
  const where = describe('node', meta);
  const capacity = node.status?.capacity;
  const allocatable = node.status?.allocatable;
  const cpuCapacity = read(toMillicores, capacity?.cpu, `${where} capacity cpu`, warn);
  const memoryCapacity = read(toBytes, capacity?.memory, `${where} capacity memory`, warn);
  const gpuCapacity = gpus(capacity, `${where} capacity`, warn);
  const cpuAllocatable = allocatable ? read(toMillicores, allocatable.cpu, `${where} allocatable cpu`, warn) : null;
  const memoryAllocatable = allocatable ? read(toBytes, allocatable.memory, `${where} allocatable memory`, warn) : null;
  const gpuAllocatable = allocatable ? gpus(allocatable, `${where} allocatable`, warn) : null;
  if (cpuCapacity === null || memoryCapacity === null || gpuCapacity === null) {
    warn(`${where}: skipped, its capacity cannot be read`);
    return null;
  }
  const labels = meta.labels ?? {};
  return {
    uid: meta.uid ?? `node:${meta.name}`,
    name: meta.name,
    provider: providerOf(node.spec?.providerID, labels),
    ...placementOf(labels),
    nodePool: nodePoolOf(labels),
    capacityType: capacityTypeOf(labels),
    cpuCapacityMillicores: cpuCapacity,
    memoryCapacityBytes: memoryCapacity,
    gpuCapacity,
    cpuAllocatableMillicores: cpuAllocatable ?? cpuCapacity,
    memoryAllocatableBytes: memoryAllocatable ?? memoryCapacity,
    gpuAllocatable: gpuAllocatable ?? gpuCapacity,
    labels,
    createdAt: iso(meta.creationTimestamp),
  };
}

function toContainerRecord(container: K8sContainer, isInit: boolean, where: string, warn: Warn): ContainerRecord {
  const at = `${where} ${isInit ? 'init container' : 'container'} "${container.name}"`;
  const requests = container.resources?.requests;
  const limits = container.resources?.limits;
  // Kubernetes defaults an extended resource's request to its limit.
  const gpuRequest = gpus(requests && GPU_RESOURCES.some((r) => requests[r] !== undefined) ? requests : limits, `${at} gpu`, warn);
  return {
    name: container.name,
    isInit,
    image: container.image ?? '',
    cpuRequestMillicores: read(toMillicores, requests?.cpu, `${at} cpu request`, warn),
    cpuLimitMillicores: read(toMillicores, limits?.cpu, `${at} cpu limit`, warn),
    memoryRequestBytes: read(toBytes, requests?.memory, `${at} memory request`, warn),
    memoryLimitBytes: read(toBytes, limits?.memory, `${at} memory limit`, warn),
    gpuRequest: gpuRequest ?? 0,
  };
}

/**
 * Pod → record with its containers (init containers flagged), requests and limits, the PVCs
 * it mounts, and its owner resolved to the top controller. A kubelet-style pod without a uid
 * gets a stable one from namespace/name.
 */
export function toPodRecord(pod: K8sPod, lookups: OwnerLookups, warn: Warn): PodRecord | null {
  const meta = pod.metadata;
  if (!meta?.name) return null;
  const where = describe('pod', meta);
  const namespace = meta.namespace ?? 'default';
  const nodeName = pod.spec?.nodeName || null;
  const labels = meta.labels ?? {};
  const owner = resolveOwner(
    { namespace, name: meta.name, nodeName, labels, annotations: meta.annotations ?? {}, ownerReferences: meta.ownerReferences ?? [] },
    lookups,
  );
  return {
    uid: meta.uid ?? `pod:${namespace}/${meta.name}`,
    namespace,
    name: meta.name,
    nodeName,
    phase: pod.status?.phase ?? 'Unknown',
    ...owner,
    labels,
    createdAt: iso(meta.creationTimestamp),
    containers: [
      ...(pod.spec?.initContainers ?? []).map((c) => toContainerRecord(c, true, where, warn)),
      ...(pod.spec?.containers ?? []).map((c) => toContainerRecord(c, false, where, warn)),
    ],
    claimNames: (pod.spec?.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim?.claimName ? [v.persistentVolumeClaim.claimName] : [])),
  };
}

/** PersistentVolume → record (capacity bytes, class, bound claim); skipped if capacity is unreadable. */
export function toPersistentVolumeRecord(pv: K8sPersistentVolume, warn: Warn): PersistentVolumeRecord | null {
  const meta = pv.metadata;
  if (!meta?.name) return null;
  const capacityBytes = read(toBytes, pv.spec?.capacity?.storage, `${describe('persistentvolume', meta)} capacity storage`, warn);
  if (capacityBytes === null) return null;
  return {
    name: meta.name,
    capacityBytes,
    storageClass: pv.spec?.storageClassName || null,
    phase: pv.status?.phase ?? null,
    claimNamespace: pv.spec?.claimRef?.namespace ?? null,
    claimName: pv.spec?.claimRef?.name ?? null,
  };
}

/** PersistentVolumeClaim → record (requested and bound bytes, class, volume); skipped if the request is unreadable. */
export function toPersistentVolumeClaimRecord(pvc: K8sPersistentVolumeClaim, warn: Warn): PersistentVolumeClaimRecord | null {
  const meta = pvc.metadata;
  if (!meta?.name) return null;
  const where = describe('persistentvolumeclaim', meta);
  const requestedBytes = read(toBytes, pvc.spec?.resources?.requests?.storage, `${where} requested storage`, warn);
  if (requestedBytes === null) return null;
  return {
    namespace: meta.namespace ?? 'default',
    name: meta.name,
    requestedBytes,
    capacityBytes: read(toBytes, pvc.status?.capacity?.storage, `${where} capacity storage`, warn),
    storageClass: pvc.spec?.storageClassName || null,
    volumeName: pvc.spec?.volumeName || null,
    phase: pvc.status?.phase ?? null,
  };
}

/** PodMetrics → one usage record per container (millicores, bytes, at the metrics' timestamp). */
export function toContainerUsageRecords(metrics: K8sPodMetrics, warn: Warn): ContainerUsageRecord[] {
  const meta = metrics.metadata;
  const usageAt = iso(metrics.timestamp);
  if (!meta?.name || !usageAt) return [];
  const where = describe('podmetrics', meta);
  return (metrics.containers ?? []).flatMap((c) => {
    const cpu = read(toMillicores, c.usage?.cpu, `${where} container "${c.name}" cpu usage`, warn);
    const memory = read(toBytes, c.usage?.memory, `${where} container "${c.name}" memory usage`, warn);
    if (cpu === null || memory === null) return [];
    return [{ namespace: meta.namespace ?? 'default', pod: meta.name!, container: c.name, cpuUsageMillicores: cpu, memoryUsageBytes: memory, usageAt }];
  });
}

/** NodeMetrics → usage record (millicores, bytes, at the metrics' timestamp). */
export function toNodeUsageRecord(metrics: K8sNodeMetrics, warn: Warn): NodeUsageRecord | null {
  const meta = metrics.metadata;
  const usageAt = iso(metrics.timestamp);
  if (!meta?.name || !usageAt) return null;
  const where = describe('nodemetrics', meta);
  const cpu = read(toMillicores, metrics.usage?.cpu, `${where} cpu usage`, warn);
  const memory = read(toBytes, metrics.usage?.memory, `${where} memory usage`, warn);
  if (cpu === null || memory === null) return null;
  return { name: meta.name, cpuUsageMillicores: cpu, memoryUsageBytes: memory, usageAt };
}
