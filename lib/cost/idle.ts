import type { ResourcePrices } from './node-price';

/** Overshoot below this (USD) is float noise, not over-allocation: a nano-dollar. */
export const CLAMP_TOLERANCE_USD = 1e-9;

export interface NodeHourShape extends ResourcePrices {
  cpuCores: number;
  memoryGiB: number;
  gpus: number;
  /** How long the node ran in the window. */
  durationSeconds: number;
}

export interface AllocatedCost {
  cpuCostUsd: number;
  ramCostUsd: number;
  gpuCostUsd: number;
}

export interface NodeIdle {
  nodeCostUsd: number;
  cpuIdleUsd: number;
  ramIdleUsd: number;
  gpuIdleUsd: number;
  idleUsd: number;
  /** Where usage-based allocation exceeded the node's capacity, idle was clamped at zero. */
  clamped: { cpu: boolean; ram: boolean; gpu: boolean };
}

/**
 * A node's idle cost over a window, USD, per resource. With hours = durationSeconds / 3600:
 *   cpuNodeUsd = usdPerCoreHour × cpuCores × hours   (likewise RAM with memoryGiB, GPU with gpus)
 *   cpuIdleUsd = max(0, cpuNodeUsd − allocated.cpuCostUsd)   (likewise RAM, GPU)
 *   idleUsd = cpu + ram + gpu idle; nodeCostUsd = cpu + ram + gpu node cost, which is the node's
 *   hourly price × hours when the prices come from splitNodePrice.
 * Where the containers' allocated cost exceeds the node's (usage above capacity, e.g. CPU
 * bursting into other pods' requests), idle is clamped at 0 and `clamped` flags the resource;
 * then Σ allocated + idle exceeds the node cost by the overshoot. An overshoot within
 * CLAMP_TOLERANCE_USD (float noise of a node allocated exactly to capacity) is not flagged.
 * Unrounded.
 */
export function nodeIdle(nodeHour: NodeHourShape, allocated: AllocatedCost): NodeIdle {
  const hours = nodeHour.durationSeconds / 3600;
  const cpuNodeUsd = nodeHour.usdPerCoreHour * nodeHour.cpuCores * hours;
  const ramNodeUsd = nodeHour.usdPerGiBHour * nodeHour.memoryGiB * hours;
  const gpuNodeUsd = nodeHour.usdPerGpuHour * nodeHour.gpus * hours;
  const cpuIdleUsd = Math.max(0, cpuNodeUsd - allocated.cpuCostUsd);
  const ramIdleUsd = Math.max(0, ramNodeUsd - allocated.ramCostUsd);
  const gpuIdleUsd = Math.max(0, gpuNodeUsd - allocated.gpuCostUsd);
  return {
    nodeCostUsd: cpuNodeUsd + ramNodeUsd + gpuNodeUsd,
    cpuIdleUsd,
    ramIdleUsd,
    gpuIdleUsd,
    idleUsd: cpuIdleUsd + ramIdleUsd + gpuIdleUsd,
    clamped: {
      cpu: allocated.cpuCostUsd - cpuNodeUsd > CLAMP_TOLERANCE_USD,
      ram: allocated.ramCostUsd - ramNodeUsd > CLAMP_TOLERANCE_USD,
      gpu: allocated.gpuCostUsd - gpuNodeUsd > CLAMP_TOLERANCE_USD,
    },
  };
}

export interface IdleShares {
  /** Each allocation's part of the node's idle, per resource, in the order given. */
  shares: AllocatedCost[];
  /** Idle no allocation could take (no allocated cost of that resource on the node). */
  unshared: AllocatedCost;
}

/**
 * Spreads one node's idle over the allocations on it, per resource, in proportion to their
 * cost of that resource (OpenCost's weighted idle sharing):
 *   share_r(i) = idle_r × cost_r(i) / Σ cost_r   (r = CPU, RAM, GPU)
 * so Σ shares_r = idle_r whenever Σ cost_r > 0; otherwise idle_r is `unshared`.
 * Example: idle CPU $5 over CPU costs $1 and $3 → $1.25 and $3.75.
 */
export function shareNodeIdle(idle: NodeIdle, allocations: readonly AllocatedCost[]): IdleShares {
  const total = (pick: (a: AllocatedCost) => number) => allocations.reduce((sum, a) => sum + pick(a), 0);
  const cpu = total((a) => a.cpuCostUsd);
  const ram = total((a) => a.ramCostUsd);
  const gpu = total((a) => a.gpuCostUsd);
  return {
    shares: allocations.map((a) => ({
      cpuCostUsd: cpu > 0 ? (idle.cpuIdleUsd * a.cpuCostUsd) / cpu : 0,
      ramCostUsd: ram > 0 ? (idle.ramIdleUsd * a.ramCostUsd) / ram : 0,
      gpuCostUsd: gpu > 0 ? (idle.gpuIdleUsd * a.gpuCostUsd) / gpu : 0,
    })),
    unshared: { cpuCostUsd: cpu > 0 ? 0 : idle.cpuIdleUsd, ramCostUsd: ram > 0 ? 0 : idle.ramIdleUsd, gpuCostUsd: gpu > 0 ? 0 : idle.gpuIdleUsd },
  };
}
