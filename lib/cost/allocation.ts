import type { ResourcePrices } from './node-price';

/** Bytes in a GiB (1024³): RAM prices are per GiB-hour. */
export const BYTES_PER_GIB = 1024 ** 3;

export interface ContainerSample {
  /** How long this sample stands for inside the window, seconds (sampleDurations). */
  durationSeconds: number;
  cpuRequestMillicores: number | null;
  cpuUsageMillicores: number | null;
  memoryRequestBytes: number | null;
  memoryUsageBytes: number | null;
  /** GPUs requested (GPUs are allocated by request only). */
  gpuRequest: number;
}

export interface ContainerAllocation {
  runningSeconds: number;
  /** Averages over the samples that have the value, weighted by duration; null when none has. */
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
 * What a container holds of one resource at one sample (OpenCost's allocation):
 * max(request, usage), in the unit given (millicores or bytes). A missing side falls back to
 * the other; both missing → 0. Request 1000m / usage 10m → 1000m; 1000m / 2200m → 2200m;
 * 10 000 000 B / 75 000 000 B → 75 000 000 B.
 */
export function allocated(request: number | null, usage: number | null): number {
  return Math.max(request ?? usage ?? 0, usage ?? request ?? 0);
}

type Pick = (s: ContainerSample) => number | null;

function weightedAverage(samples: readonly ContainerSample[], pick: Pick): number | null {
  let weighted = 0;
  let seconds = 0;
  for (const s of samples) {
    const value = pick(s);
    if (value === null || s.durationSeconds <= 0) continue;
    weighted += value * s.durationSeconds;
    seconds += s.durationSeconds;
  }
  return seconds > 0 ? weighted / seconds : null;
}

function maximum(samples: readonly ContainerSample[], pick: Pick): number | null {
  let max: number | null = null;
  for (const s of samples) {
    const value = pick(s);
    if (value !== null && s.durationSeconds > 0 && (max === null || value > max)) max = value;
  }
  return max;
}

/**
 * One container's allocation and cost over a window (an hour in the rollup) from its samples.
 * Per sample, hoursᵢ = durationSecondsᵢ / 3600 and allocated = max(request, usage):
 *   cpuCoreHours = Σ allocatedMillicoresᵢ / 1000 × hoursᵢ      (core-hours)
 *   ramByteHours = Σ allocatedBytesᵢ × hoursᵢ                 (byte-hours)
 *   gpuHours     = Σ gpuRequestᵢ × hoursᵢ                     (GPU-hours)
 *   cpuCostUsd = cpuCoreHours × usdPerCoreHour; ramCostUsd = ramByteHours / 1024³ × usdPerGiBHour;
 *   gpuCostUsd = gpuHours × usdPerGpuHour; totalCostUsd = their sum. Nothing is rounded.
 * runningSeconds = Σ durationSeconds; *Avg* are duration-weighted averages (request and usage
 * over the samples that report them, allocated over all, so allocatedAvg × runningSeconds =
 * the byte- or core-seconds); *Max* the largest usage. Samples of zero duration (outside the
 * window) count for nothing, not even for the maxima. No samples → zeros and nulls.
 * Example: request 0.5 CPU / usage 0.2, request 2 GiB / usage 3 GiB for 24 h at $0.0325491/core-h
 * and $0.0043627/GiB-h (4 vCPU, 16 GiB, $0.20/h) → cpuCost $0.39059, ramCost $0.31412.
 */
export function allocateContainerHour(samples: readonly ContainerSample[], prices: ResourcePrices): ContainerAllocation {
  let runningSeconds = 0;
  let cpuCoreHours = 0;
  let ramByteHours = 0;
  let gpuHours = 0;
  for (const s of samples) {
    if (s.durationSeconds <= 0) continue;
    const hours = s.durationSeconds / 3600;
    runningSeconds += s.durationSeconds;
    cpuCoreHours += (allocated(s.cpuRequestMillicores, s.cpuUsageMillicores) / 1000) * hours;
    ramByteHours += allocated(s.memoryRequestBytes, s.memoryUsageBytes) * hours;
    gpuHours += s.gpuRequest * hours;
  }
  const cpuCostUsd = cpuCoreHours * prices.usdPerCoreHour;
  const ramCostUsd = (ramByteHours / BYTES_PER_GIB) * prices.usdPerGiBHour;
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
