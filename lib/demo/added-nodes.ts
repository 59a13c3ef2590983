/**
 * Nodes the cluster autoscaler adds for the unschedulable scenario (timeline.ts nodeWaitOf): one
 * per waiting revision, in the workload's pool, created and Ready at the revision's nodeWait
 * times, removed when it is empty: DRAIN_MS after the next revision moved the pods away.
 */
import { MINUTE_MS } from './calendar';
import type { WorkloadPlan } from './model';
import { type NodePlan, POOLS, ZONES } from './pools';
import { hash32, hexId, uidFor } from './random';
import { type RevisionTimes, firstRevisionIndex, revisionTimesAt, revisionTimesByIndex } from './timeline';

/** cluster-autoscaler's --scale-down-unneeded-time default. */
export const DRAIN_MS = 10 * MINUTE_MS;

/** The node added for `revision` of `w`, or null when its pods did not wait for one. */
export function addedNode(seed: number, w: WorkloadPlan, revision: RevisionTimes): NodePlan | null {
  const wait = revision.nodeWait;
  if (!wait) return null;
  const poolDef = POOLS.find((p) => p.name === (w.pool ?? 'general-purpose')) ?? POOLS[0]!;
  const h = hash32(seed, 'added-node', w.namespace, w.name, revision.index);
  const zone = ZONES[h % ZONES.length] ?? ZONES[0];
  // Third octets 96–127: outside the subnets of the planned nodes (0–95).
  const ip = `10.0.${96 + ((h >>> 4) % 32)}.${1 + ((h >>> 12) % 254)}`;
  const name = `ip-${ip.replaceAll('.', '-')}.ec2.internal`;
  return {
    name, uid: uidFor(seed, 'node', name, revision.index), pool: poolDef, zone: zone.zone, zoneId: zone.zoneId, internalIp: ip,
    instanceId: `i-0${hexId(16, seed, 'instance', name, revision.index)}`, createdMs: wait.createdMs, readyMs: wait.readyMs,
    cpuAllocatableMillicores: poolDef.cpuAllocatableMillicores, memoryAllocatableBytes: poolDef.memoryAllocatableKi * 1024,
  };
}

export interface AddedNode {
  node: NodePlan;
  /** Deleted at this instant (the node is gone from then on); +Infinity while its revision is current. */
  removedMs: number;
}

/** The node added for `w` that exists at `ms` (at most one: waiting revisions are 4 apart), or null. */
export function addedNodeAt(seed: number, w: WorkloadPlan, ms: number): AddedNode | null {
  const current = revisionTimesAt(seed, w, ms);
  const own = addedNode(seed, w, current);
  if (own) return own.createdMs <= ms ? { node: own, removedMs: Number.POSITIVE_INFINITY } : null;
  if (current.index <= firstRevisionIndex(seed, w)) return null;
  const before = addedNode(seed, w, revisionTimesByIndex(seed, w, current.index - 1));
  const removedMs = current.startedMs + DRAIN_MS;
  return before && ms < removedMs ? { node: before, removedMs } : null;
}

/**
 * Change key of the added nodes of `w` at `ms`: the node's heartbeat or readiness, its removal
 * once removed, else the current revision's start (no added node: nothing to render).
 */
export function addedNodeChangeAt(seed: number, w: WorkloadPlan, ms: number, heartbeat: (node: NodePlan, ms: number) => number): number {
  const added = addedNodeAt(seed, w, ms);
  if (added) {
    const readyMs = added.node.readyMs ?? added.node.createdMs;
    return Math.max(heartbeat(added.node, ms), ms >= readyMs ? readyMs : added.node.createdMs);
  }
  const current = revisionTimesAt(seed, w, ms);
  return ms >= current.startedMs + DRAIN_MS ? current.startedMs + DRAIN_MS : current.startedMs;
}
