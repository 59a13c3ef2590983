import type { ResourcePrices } from './node-price';

const GIB = 1024 ** 3;

export interface ContainerSample {
  /** How long this sample stands for inside the hour (sampleDurations). */
  durationSeconds: number;
  cpuRequestMillicores: number | null;
  cpuUsageMillicores: number | null;
  memoryRequestBytes: number | null;
  memoryUsageBytes: number | null;
  gpuRequest: number;
}

export interface ContainerAllocation {
  runningSeconds: number;
  cpuRequestAvgMillicores: number | null;
  cpuUsageAvgMillicores: number | null;
  cpuUsageMaxMillicores: number | null;
  cpuAllocatedAvgMillicores: number;
  memoryRequestAvgBytes: number | null;
  memoryUsageAvgBytes: number | null;
  memoryUsageMaxBytes: number | null;
  memoryAllocatedAvgBytes: number;
  cpuCoreHours: number;
  ramByteHours: number;
  gpuHours: number;
  cpuCostUsd: number;
  ramCostUsd: number;
  gpuCostUsd: number;
  totalCostUsd: number;
}

/**
 * max(request, usage), the amount a container holds (OpenCost's allocation): a missing side
 * falls back to the other, both missing → 0. Request 1000m / usage 10m → 1000m; 1000m / 2200m → 2200m.
 */
export function allocated(request: number | null, usage: number | null): number {
  return Math.max(request ?? usage ?? 0, usage ?? request ?? 0);
}

function weightedAverage(samples: ContainerSample[], pick: (s: ContainerSample) => number | null): number | null {
  let weighted = 0;
  let seconds = 0;
  for (const s of samples) {
    const value = pick(s);
    if (value === null) continue;
    weighted += value * s.durationSeconds;
    seconds += s.durationSeconds;
  }
  return seconds > 0 ? weighted / seconds : null;
}

function maximum(samples: ContainerSample[], pick: (s: ContainerSample) => number | null): number | null {
  const values = samples.map(pick).filter((v): v is number => v !== null);
  return values.length ? Math.max(...values) : null;
}

/**
 * One container's hour from its samples: averages weighted by each sample's duration;
 * cpuCoreHours = Σ allocatedCores × hours, ramByteHours = Σ allocatedBytes × hours, gpuHours =
 * Σ gpuRequest × hours; costs = core-hours × usdPerCoreHour, GiB-hours × usdPerGiBHour,
 * GPU-hours × usdPerGpuHour (GiB = 1024³ bytes), unrounded. Example: request 0.5 CPU / usage
 * 0.2, request 2 GiB / usage 3 GiB, 24 h at $0.0325491/core-h and $0.0043627/GiB-h →
 * cpuCost $0.39059, ramCost $0.31412.
 */
export function allocateContainerHour(samples: ContainerSample[], prices: ResourcePrices): ContainerAllocation {
  let runningSeconds = 0;
  let cpuCoreHours = 0;
  let ramByteHours = 0;
  let gpuHours = 0;
  for (const s of samples) {
    const hours = s.durationSeconds / 3600;
    runningSeconds += s.durationSeconds;
    cpuCoreHours += (allocated(s.cpuRequestMillicores, s.cpuUsageMillicores) / 1000) * hours;
    ramByteHours += allocated(s.memoryRequestBytes, s.memoryUsageBytes) * hours;
    gpuHours += s.gpuRequest * hours;
  }
  const cpuCostUsd = cpuCoreHours * prices.usdPerCoreHour;
  const ramCostUsd = (ramByteHours / GIB) * prices.usdPerGiBHour;
  const gpuCostUsd = gpuHours * prices.usdPerGpuHour;
  return {
    runningSeconds,
    cpuRequestAvgMillicores: weightedAverage(samples, (s) => s.cpuRequestMillicores),
    cpuUsageAvgMillicores: weightedAverage(samples, (s) => s.cpuUsageMillicores),
    cpuUsageMaxMillicores: maximum(samples, (s) => s.cpuUsageMillicores),
    cpuAllocatedAvgMillicores: runningSeconds > 0 ? (cpuCoreHours * 3600 * 1000) / runningSeconds : 0,
    memoryRequestAvgBytes: weightedAverage(samples, (s) => s.memoryRequestBytes),
    memoryUsageAvgBytes: weightedAverage(samples, (s) => s.memoryUsageBytes),
    memoryUsageMaxBytes: maximum(samples, (s) => s.memoryUsageBytes),
    memoryAllocatedAvgBytes: runningSeconds > 0 ? (ramByteHours * 3600) / runningSeconds : 0,
    cpuCoreHours,
    ramByteHours,
    gpuHours,
    cpuCostUsd,
    ramCostUsd,
    gpuCostUsd,
    totalCostUsd: cpuCostUsd + ramCostUsd + gpuCostUsd,
  };
}
