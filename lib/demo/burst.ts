/**
 * Demand-following capacity: a Deployment with a `burst` spec has its HPA add replicas with the
 * daily and weekly cycle, and the cluster autoscaler adds general-purpose nodes for them. On a
 * weekday, added node k (0-based) runs from about 07:00 + k × 5.5 h / maxNodes to 21:00 − as much UTC,
 * so the count peaks mid-day; the peak count grows through the calendar month from `minNodes`
 * (the 1st) to `maxNodes` (its last day) with the team's traffic; at weekends one node runs
 * 10:00–18:00. Each node carries `podsPerNode` replicas, created 1 s after it is Ready and
 * deleted at its scale-down, the node itself DRAIN_MS later. Pure in (seed, workload, instant).
 */
import { DAY_MS, HOUR_MS, MINUTE_MS } from './calendar';
import type { WorkloadPlan } from './model';
import { type NodePlan, POOLS, ZONES } from './pools';
import { hash32, hexId, uidFor, unitHash } from './random';

/** cluster-autoscaler's --scale-down-unneeded-time default. */
const DRAIN_MS = 10 * MINUTE_MS;

export interface BurstNode {
  node: NodePlan;
  /** Position in the day's scale-up order. */
  index: number;
  /** The replicas on it are deleted at this instant (the HPA scaled down). */
  podsUntilMs: number;
  /** The Node object is gone from this instant. */
  deletedMs: number;
}

/** Share of the calendar month (UTC) elapsed at `ms`, in [0, 1). */
export function monthProgress(ms: number): number {
  const d = new Date(ms);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return (ms - start) / (end - start);
}

function isWeekend(dayMs: number): boolean {
  const weekday = (Math.floor(dayMs / DAY_MS) + 4) % 7;
  return weekday === 0 || weekday === 6;
}

/** The nodes added for `w` on the UTC day starting at `dayMs` (midnight), in scale-up order. */
export function burstNodesOfDay(seed: number, w: WorkloadPlan, dayMs: number): BurstNode[] {
  const spec = w.burst;
  if (!spec || dayMs < w.createdMs) return [];
  const weekend = isWeekend(dayMs);
  const count = weekend ? 1 : spec.minNodes + Math.round((spec.maxNodes - spec.minNodes) * monthProgress(dayMs + 12 * HOUR_MS));
  const poolDef = POOLS.find((p) => p.name === (w.pool ?? 'general-purpose')) ?? POOLS[0]!;
  const nodes: BurstNode[] = [];
  const used = new Set<string>();
  for (let k = 0; k < count; k++) {
    const jitter = (what: string) => Math.floor(unitHash(seed, w.namespace, w.name, 'burst', what, dayMs, k) * 15) * MINUTE_MS;
    const stepMs = (5.5 * HOUR_MS) / spec.maxNodes;
    const createdMs = weekend ? dayMs + 10 * HOUR_MS + jitter('on') : dayMs + 7 * HOUR_MS + k * stepMs + jitter('on');
    const podsUntilMs = weekend ? dayMs + 18 * HOUR_MS - jitter('off') : dayMs + 21 * HOUR_MS - k * stepMs - jitter('off');
    // Third octets 128–159: outside the planned nodes' subnets (0–95) and the unschedulable scenario's (96–127); unique within the day.
    let h = 0;
    let ip = '';
    for (let attempt = 0; !ip || used.has(ip); attempt++) {
      h = hash32(seed, 'burst-node', w.namespace, w.name, dayMs, k, attempt);
      ip = `10.0.${128 + ((h >>> 4) % 32)}.${1 + ((h >>> 12) % 254)}`;
    }
    used.add(ip);
    const zone = ZONES[h % ZONES.length] ?? ZONES[0];
    const name = `ip-${ip.replaceAll('.', '-')}.ec2.internal`;
    const node: NodePlan = {
      name, uid: uidFor(seed, 'node', name, dayMs, k), pool: poolDef, zone: zone.zone, zoneId: zone.zoneId, internalIp: ip,
      instanceId: `i-0${hexId(16, seed, 'instance', name, dayMs, k)}`, createdMs, readyMs: createdMs + 40_000 + Math.floor(unitHash(seed, name, dayMs, 'ready') * 50) * 1000,
      cpuAllocatableMillicores: poolDef.cpuAllocatableMillicores, memoryAllocatableBytes: poolDef.memoryAllocatableKi * 1024,
    };
    nodes.push({ node, index: k, podsUntilMs, deletedMs: podsUntilMs + DRAIN_MS });
  }
  return nodes;
}

/** The nodes added for `w` that exist at `ms` (created, not yet deleted). */
export function burstNodesAt(seed: number, w: WorkloadPlan, ms: number): BurstNode[] {
  const dayMs = Math.floor(ms / DAY_MS) * DAY_MS;
  return burstNodesOfDay(seed, w, dayMs).filter((b) => b.node.createdMs <= ms && ms < b.deletedMs);
}

/** When the replicas on `b` are created: 1 s after it is Ready, 1 s apart. */
export function burstPodCreatedMs(b: BurstNode, slot: number): number {
  return (b.node.readyMs ?? b.node.createdMs) + 1000 + slot * 1000;
}

/**
 * Change key of the added nodes at `ms`: the latest creation, readiness, heartbeat or deletion
 * at or before it among the day's nodes.
 */
export function burstNodesChangeAt(seed: number, w: WorkloadPlan, ms: number, heartbeat: (node: NodePlan, ms: number) => number): number {
  const dayMs = Math.floor(ms / DAY_MS) * DAY_MS;
  let last = dayMs;
  for (const b of burstNodesOfDay(seed, w, dayMs)) {
    if (b.node.createdMs > ms) continue;
    if (ms >= b.deletedMs) last = Math.max(last, b.deletedMs);
    else last = Math.max(last, heartbeat(b.node, ms), ms >= (b.node.readyMs ?? 0) ? (b.node.readyMs ?? 0) : b.node.createdMs);
  }
  return last;
}

/** Every node added for the plan's burst workloads that exists at `ms`. */
export function planBurstNodesAt(plan: { workloads: readonly WorkloadPlan[]; seed: number }, ms: number): NodePlan[] {
  return plan.workloads.flatMap((w) => (w.burst && ms >= w.createdMs ? burstNodesAt(plan.seed, w, ms).map((b) => b.node) : []));
}
