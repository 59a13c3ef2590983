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
