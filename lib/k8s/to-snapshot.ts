/**
 * Pure mapping from Kubernetes API objects (plain JSON, or client-node's typed objects, which
 * have the same shape but Date timestamps) to Tally's records. A malformed quantity is reported
 * through `warn`, naming the object, the field and the text, and skipped: never read as zero.
 * Warning format: `pod shop/api-7f9 container "app": cpu request "12x": not a valid quantity`.
 * Namespaces, nodes and pods here; volumes (to-storage) and metrics (to-usage) re-exported, so
 * this module is the one entry point; the input shapes are in objects.ts.
 */
import { describeObject, isoOrNull, readQuantity, type Warn } from './mapping';
import type { K8sCondition, K8sContainer, K8sNode, K8sObject, K8sPod, Quantities } from './objects';
import { resolveOwner, type OwnerLookups } from './owners';
import { nodeFactsOf } from './node-labels';
import { toBytes, toCount, toMillicores } from './quantity';
import { toSchedulingConstraints, toTaints } from './to-scheduling';
import type { ContainerRecord, NamespaceRecord, NodeRecord, PodLifecycle, PodRecord } from './types';

export type * from './objects';
export type { Warn } from './mapping';
export { toPersistentVolumeClaimRecord, toPersistentVolumeRecord } from './to-storage';
export { toContainerUsageRecords, toNodeUsageRecord } from './to-usage';

/** Extended resources counted as GPUs (summed: a node rarely has more than one kind). */
export const GPU_RESOURCES = ['nvidia.com/gpu', 'amd.com/gpu', 'gpu.intel.com/i915'] as const;

/** Σ of the readable GPU values among `[field, text]`; `malformed` when one could not be read. */
function sumGpus(entries: [field: string, text: string | undefined][], where: string, warn: Warn) {
  let total = 0;
  let malformed = false;
  for (const [field, text] of entries) {
    const count = readQuantity(toCount, text, where, field, warn);
    if (count === null && text !== undefined) malformed = true;
    total += count ?? 0;
  }
  return { total, malformed };
}

function nodeGpus(quantities: Quantities | undefined, side: string, where: string, warn: Warn) {
  return sumGpus(GPU_RESOURCES.map((r) => [`${side} ${r}`, quantities?.[r]]), where, warn);
}

/** Namespace → record: name, labels, creation time (ISO, or null). Null without a name. */
export function toNamespaceRecord(ns: K8sObject, warn?: Warn): NamespaceRecord | null {
  if (!ns.metadata?.name) {
    warn?.('namespace (unnamed): skipped, no metadata.name');
    return null;
  }
  return { name: ns.metadata.name, labels: ns.metadata.labels ?? {}, createdAt: isoOrNull(ns.metadata.creationTimestamp) };
}

/**
 * Node → record: provider, pool, capacity type and placement from `spec.providerID` and labels;
 * capacity and allocatable CPU (millicores, ceil), memory (bytes, ceil) and GPUs (count, Σ of
 * GPU_RESOURCES). Edge cases: no allocatable, or a malformed allocatable value (warned), falls
 * back to capacity; a missing or malformed capacity cpu/memory/GPU skips the node (null) with a
 * warning, since a node without a size cannot be priced. A node without uid gets `node:<name>`.
 */
export function toNodeRecord(node: K8sNode, warn: Warn): NodeRecord | null {
  const meta = node.metadata;
  const where = describeObject('node', meta);
  if (!meta?.name) {
    warn(`${where}: skipped, no metadata.name`);
    return null;
  }
  const capacity = node.status?.capacity;
  const allocatable = node.status?.allocatable;
  const cpuCapacity = readQuantity(toMillicores, capacity?.cpu, where, 'capacity cpu', warn);
  const memoryCapacity = readQuantity(toBytes, capacity?.memory, where, 'capacity memory', warn);
  const gpuCapacity = nodeGpus(capacity, 'capacity', where, warn);
  const cpuAllocatable = readQuantity(toMillicores, allocatable?.cpu, where, 'allocatable cpu', warn);
  const memoryAllocatable = readQuantity(toBytes, allocatable?.memory, where, 'allocatable memory', warn);
  const gpuAllocatable = allocatable ? nodeGpus(allocatable, 'allocatable', where, warn) : null;
  if (cpuCapacity === null || memoryCapacity === null || gpuCapacity.malformed) {
    warn(`${where}: skipped, its capacity cannot be read`);
    return null;
  }
  const labels = meta.labels ?? {};
  return {
    // The API server always sets a uid; hand-made or kubelet-served objects may not. The name is
    // unique per cluster, so `node:<name>` is stable across scrapes.
    uid: meta.uid ?? `node:${meta.name}`,
    name: meta.name,
    ...nodeFactsOf(node.spec?.providerID, labels),
    cpuCapacityMillicores: cpuCapacity,
    memoryCapacityBytes: memoryCapacity,
    gpuCapacity: gpuCapacity.total,
    cpuAllocatableMillicores: cpuAllocatable ?? cpuCapacity,
    memoryAllocatableBytes: memoryAllocatable ?? memoryCapacity,
    gpuAllocatable: gpuAllocatable && !gpuAllocatable.malformed ? gpuAllocatable.total : gpuCapacity.total,
    labels,
    taints: toTaints(node.spec?.taints),
    maxPods: readQuantity(toCount, allocatable?.pods ?? capacity?.pods, where, 'allocatable pods', warn),
    createdAt: isoOrNull(meta.creationTimestamp),
    readyAt: trueSince(node.status?.conditions, 'Ready'),
  };
}

/** lastTransitionTime of condition `type` while its status is True, else null. */
function trueSince(conditions: K8sCondition[] | undefined, type: string): string | null {
  const c = conditions?.find((x) => x.type === type);
  return c && c.status === 'True' ? isoOrNull(c.lastTransitionTime) : null;
}

/** The labels naming the revision a pod was made from, in order of precedence. */
const REVISION_HASH_LABELS = ['pod-template-hash', 'controller-revision-hash', 'rollouts-pod-template-hash'] as const;

/**
 * A pod's lifecycle: PodScheduled/Initialized/ContainersReady/Ready lastTransitionTime while
 * True; Unschedulable since PodScheduled=False reason=Unschedulable; restarts Σ restartCount;
 * the first waiting reason and last termination reason among the containers (init excluded).
 */
export function toPodLifecycle(pod: K8sPod): PodLifecycle {
  const conditions = pod.status?.conditions;
  const scheduled = conditions?.find((c) => c.type === 'PodScheduled');
  const statuses = pod.status?.containerStatuses ?? [];
  const labels = pod.metadata?.labels ?? {};
  return {
    scheduledAt: trueSince(conditions, 'PodScheduled'),
    initializedAt: trueSince(conditions, 'Initialized'),
    containersReadyAt: trueSince(conditions, 'ContainersReady'),
    readyAt: trueSince(conditions, 'Ready'),
    unschedulableSince: scheduled && scheduled.status === 'False' && scheduled.reason === 'Unschedulable' ? isoOrNull(scheduled.lastTransitionTime) : null,
    restarts: statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0),
    waitingReason: statuses.find((s) => s.state?.waiting?.reason)?.state?.waiting?.reason ?? null,
    lastTerminationReason: statuses.find((s) => s.lastState?.terminated?.reason)?.lastState?.terminated?.reason ?? null,
    revisionHash: REVISION_HASH_LABELS.map((l) => labels[l]).find((v) => v) ?? null,
  };
}

function toContainerRecord(container: K8sContainer, isInit: boolean, pod: string, warn: Warn): ContainerRecord {
  const where = `${pod} ${isInit ? 'init container' : 'container'} "${container.name}"`;
  const requests = container.resources?.requests;
  const limits = container.resources?.limits;
  // Kubernetes defaults an extended resource's request to its limit, resource by resource.
  const gpus = sumGpus(
    GPU_RESOURCES.map((r) => (requests?.[r] !== undefined ? [`${r} request`, requests[r]] : [`${r} limit`, limits?.[r]])),
    where,
    warn,
  );
  return {
    name: container.name,
    isInit,
    image: container.image ?? '',
    cpuRequestMillicores: readQuantity(toMillicores, requests?.cpu, where, 'cpu request', warn),
    cpuLimitMillicores: readQuantity(toMillicores, limits?.cpu, where, 'cpu limit', warn),
    memoryRequestBytes: readQuantity(toBytes, requests?.memory, where, 'memory request', warn),
    memoryLimitBytes: readQuantity(toBytes, limits?.memory, where, 'memory limit', warn),
    // A malformed GPU value is warned and left out of the sum (gpuRequest is not nullable).
    gpuRequest: gpus.total,
  };
}

/**
 * Pod → record: init containers' then containers' requests and limits (CPU millicores and
 * memory bytes, null when unset or malformed, with a warning), GPU requests (request, else
 * limit, per resource), the PVCs it mounts (`spec.volumes[].persistentVolumeClaim.claimName`, once each),
 * and its owner resolved to the top controller via `lookups`. Edge cases: no namespace →
 * `default`; no phase → `Unknown`; no uid → `pod:<namespace>/<name>` (stable across scrapes;
 * only objects not from an API server lack one). Null, with a warning, without a name.
 */
export function toPodRecord(pod: K8sPod, lookups: OwnerLookups, warn: Warn): PodRecord | null {
  const meta = pod.metadata;
  const where = describeObject('pod', meta);
  if (!meta?.name) {
    warn(`${where}: skipped, no metadata.name`);
    return null;
  }
  const namespace = meta.namespace || 'default';
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
    createdAt: isoOrNull(meta.creationTimestamp),
    containers: [
      ...(pod.spec?.initContainers ?? []).map((c) => toContainerRecord(c, true, where, warn)),
      ...(pod.spec?.containers ?? []).map((c) => toContainerRecord(c, false, where, warn)),
    ],
    claimNames: [...new Set((pod.spec?.volumes ?? []).flatMap((v) => v.persistentVolumeClaim?.claimName || []))],
    lifecycle: toPodLifecycle(pod),
    scheduling: toSchedulingConstraints(pod.spec),
  };
}
