/** Sizing the organisation to the requested node and pod counts. */
import type { CatalogNamespace } from './catalog';
import { type WorkloadPlan, podRequests } from './model';
import type { NodePlan } from './pools';
import { scaleCpuMillicores, scaleMemoryBytes } from './quantity';

/** Finished Jobs a CronJob keeps (successfulJobsHistoryLimit), each with its Succeeded pod. */
export const CRON_HISTORY = 3;

export interface ScalePlan {
  /** Copies of every team namespace (`checkout`, `checkout-2`, …). */
  clones: number;
  /** Multiplier on Deployment replicas within each copy. */
  replicaFactor: number;
}

/**
 * Chooses how many copies of the team namespaces and what Deployment replica multiplier bring
 * the pod count near `targetPods`: DaemonSet pods (one per eligible node) and the shared
 * namespaces are fixed; the rest is `clones × (deployments × factor + statefulsets + cron pods)`.
 */
export function planScale(nodes: readonly NodePlan[], own: readonly CatalogNamespace[], shared: readonly CatalogNamespace[], targetPods: number | undefined): ScalePlan {
  if (targetPods === undefined) return { clones: 1, replicaFactor: 1 };
  let fixed = 0;
  for (const ns of shared) {
    for (const w of ns.workloads) {
      if (w.kind === 'DaemonSet') fixed += nodes.filter((n) => (w.pool ? n.pool.name === w.pool : true)).length;
      else fixed += w.kind === 'CronJob' ? CRON_HISTORY : w.replicas;
    }
  }
  let deploymentPods = 0;
  let otherPods = 0;
  for (const ns of own) {
    for (const w of ns.workloads) {
      if (w.kind === 'Deployment') deploymentPods += w.replicas;
      else otherPods += w.kind === 'CronJob' ? CRON_HISTORY : w.replicas;
    }
  }
  const available = Math.max(targetPods - fixed, 1);
  const clones = Math.max(1, Math.floor(available / (deploymentPods + otherPods)));
  const replicaFactor = Math.max(0.05, (available / clones - otherPods) / deploymentPods);
  return { clones, replicaFactor };
}

/** Share of allocatable the scaled requests may fill, leaving room for bin-packing losses. */
const TARGET_FILL = 0.8;

/**
 * Shrinks requests (and limits) of workloads whose node group cannot hold them, so that a
 * scaled-up cluster still schedules: each pool's pinned workloads first, then the rest on the
 * untainted nodes left. Values snap to quantities people write (`250m`, `512Mi`). A no-op for
 * the default organisation.
 */
export function fitRequestsToNodes(nodes: readonly NodePlan[], workloads: readonly WorkloadPlan[]): void {
  const capacity = new Map<string, { cpu: number; memory: number }>();
  for (const node of nodes) {
    const c = capacity.get(node.pool.name) ?? { cpu: 0, memory: 0 };
    c.cpu += node.cpuAllocatableMillicores;
    c.memory += node.memoryAllocatableBytes;
    capacity.set(node.pool.name, c);
  }
  for (const w of workloads) {
    if (w.kind !== 'DaemonSet') continue;
    const r = podRequests(w);
    for (const node of nodes) {
      if (w.pool && node.pool.name !== w.pool) continue;
      const c = capacity.get(node.pool.name);
      if (c) {
        c.cpu -= r.cpuMillicores;
        c.memory -= r.memoryBytes;
      }
    }
  }
  const pinnedPools = [...capacity.keys()].filter((pool) => pool !== 'gpu');
  let spareCpu = 0;
  let spareMemory = 0;
  for (const pool of pinnedPools) {
    const room = capacity.get(pool) ?? { cpu: 0, memory: 0 };
    const used = shrink(workloads.filter((w) => w.kind !== 'DaemonSet' && w.pool === pool), room);
    spareCpu += room.cpu - used.cpu;
    spareMemory += room.memory - used.memory;
  }
  shrink(workloads.filter((w) => w.kind !== 'DaemonSet' && w.pool === null), { cpu: spareCpu, memory: spareMemory });
}

function shrink(group: readonly WorkloadPlan[], room: { cpu: number; memory: number }): { cpu: number; memory: number } {
  const demand = () => {
    let cpu = 0;
    let memory = 0;
    for (const w of group) {
      const r = podRequests(w);
      const pods = w.kind === 'CronJob' ? 1 : w.replicas;
      cpu += r.cpuMillicores * pods;
      memory += r.memoryBytes * pods;
    }
    return { cpu, memory };
  };
  const before = demand();
  const cpuFactor = Math.min(1, (TARGET_FILL * room.cpu) / Math.max(before.cpu, 1));
  const memoryFactor = Math.min(1, (TARGET_FILL * room.memory) / Math.max(before.memory, 1));
  if (cpuFactor >= 1 && memoryFactor >= 1) return before;
  for (const w of group) {
    for (const c of w.containers) {
      if (cpuFactor < 1) {
        if (c.cpuRequestMillicores !== null) c.cpuRequestMillicores = scaleCpuMillicores(c.cpuRequestMillicores, cpuFactor);
        if (c.cpuLimitMillicores !== null) c.cpuLimitMillicores = Math.max(scaleCpuMillicores(c.cpuLimitMillicores, cpuFactor), c.cpuRequestMillicores ?? 0);
      }
      if (memoryFactor < 1) {
        if (c.memoryRequestBytes !== null) c.memoryRequestBytes = scaleMemoryBytes(c.memoryRequestBytes, memoryFactor);
        if (c.memoryLimitBytes !== null) c.memoryLimitBytes = Math.max(scaleMemoryBytes(c.memoryLimitBytes, memoryFactor), c.memoryRequestBytes ?? 0);
      }
    }
  }
  return demand();
}
