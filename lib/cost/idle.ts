import type { ResourcePrices } from './node-price';

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
 * Idle per resource = the node's cost of that resource (price × capacity × hours) − Σ the
 * allocated cost on it, never below zero (clamped, and flagged). nodeCostUsd is the sum of the
 * per-resource costs, i.e. the node's hourly price × hours.
 */
export function nodeIdle(node: NodeHourShape, allocatedCost: AllocatedCost): NodeIdle {
  const hours = node.durationSeconds / 3600;
  const cpuCost = node.usdPerCoreHour * node.cpuCores * hours;
  const ramCost = node.usdPerGiBHour * node.memoryGiB * hours;
  const gpuCost = node.usdPerGpuHour * node.gpus * hours;
  const cpuIdleUsd = Math.max(0, cpuCost - allocatedCost.cpuCostUsd);
  const ramIdleUsd = Math.max(0, ramCost - allocatedCost.ramCostUsd);
  const gpuIdleUsd = Math.max(0, gpuCost - allocatedCost.gpuCostUsd);
  return {
    nodeCostUsd: cpuCost + ramCost + gpuCost,
    cpuIdleUsd,
    ramIdleUsd,
    gpuIdleUsd,
    idleUsd: cpuIdleUsd + ramIdleUsd + gpuIdleUsd,
    clamped: {
      cpu: allocatedCost.cpuCostUsd > cpuCost,
      ram: allocatedCost.ramCostUsd > ramCost,
      gpu: allocatedCost.gpuCostUsd > gpuCost,
    },
  };
}
