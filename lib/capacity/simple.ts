/**
 * KRR's `simple` strategy with its defaults (robusta-dev/krr robusta_krr/strategies/simple.py,
 * rounding and floors from robusta_krr/core/runner.py `_round_value`, config.py cpu_min_value /
 * memory_min_value).
 */
import type { ContainerUsageHistory } from './types';
import { HOUR_MS, MIB, type StrategyProposal } from './proposal';
import { histogramPercentile } from './usage-histogram';

export const SIMPLE_DEFAULTS = {
  cpuPercentile: 0.95,
  memoryBufferFraction: 0.15,
  oomBufferFraction: 0.25,
  pointsRequired: 100,
  minHistoryMs: 3 * HOUR_MS,
  cpuMinMillicores: 10,
  memoryMinBytes: 100 * MIB,
};

/**
 * CPU request (millicores) = ⌈max over pods of each pod's p95⌉ to 1 m, at least 10 m.
 * Input: per-pod p95 in millicores. No pods → null.
 */
export function simpleCpuRequestMillicores(perPodP95Millicores: readonly number[]): number | null {
  if (perPodP95Millicores.length === 0) return null;
  const max = Math.max(...perPodP95Millicores);
  return Math.max(Math.ceil(max - 1e-9), SIMPLE_DEFAULTS.cpuMinMillicores);
}

/**
 * Memory request = limit (bytes) = max(max pod peak × 1.15, max OOM-killed limit × 1.25), rounded up
 * to 1 MiB, at least 100 MiB. No peaks → null.
 */
export function simpleMemoryBytes(podPeaksBytes: readonly number[], oomLimitsBytes: readonly number[] = []): number | null {
  if (podPeaksBytes.length === 0) return null;
  const peak = Math.max(...podPeaksBytes) * (1 + SIMPLE_DEFAULTS.memoryBufferFraction);
  const oom = oomLimitsBytes.length > 0 ? Math.max(...oomLimitsBytes) * (1 + SIMPLE_DEFAULTS.oomBufferFraction) : 0;
  const bytes = Math.max(peak, oom);
  return Math.max(Math.ceil(bytes / MIB - 1e-9) * MIB, SIMPLE_DEFAULTS.memoryMinBytes);
}

/** Per-pod CPU p95 in millicores (nearest rank on the pod's histogram, capped at its maximum). */
export function podCpuP95Millicores(history: ContainerUsageHistory, percentile = SIMPLE_DEFAULTS.cpuPercentile): number[] {
  const out: number[] = [];
  for (const pod of history.pods) {
    const p = histogramPercentile(pod.cpuHistogram, percentile, pod.cpuMaxMillicores ?? undefined);
    if (p !== null) out.push(p);
  }
  return out;
}

/** History span in ms: first pod hour start to last pod hour end; 0 without pods. */
export function historySpanMs(history: ContainerUsageHistory): number {
  if (history.pods.length === 0) return 0;
  const first = Math.min(...history.pods.map((p) => p.firstHourStartMs));
  const last = Math.max(...history.pods.map((p) => p.lastHourEndMs));
  return Math.max(last - first, 0);
}

/**
 * The simple strategy on one container: fewer than 100 CPU samples summed over the pods, or under
 * 3 h of history → "not enough data" for both resources. CPU limit unset; memory limit = request.
 */
export function proposeSimple(history: ContainerUsageHistory): StrategyProposal {
  const samples = history.pods.reduce((sum, p) => sum + p.samples, 0);
  const spanMs = historySpanMs(history);
  let shortage: string | null = null;
  if (samples < SIMPLE_DEFAULTS.pointsRequired) shortage = `not enough data: ${samples} samples (KRR needs ${SIMPLE_DEFAULTS.pointsRequired})`;
  else if (spanMs < SIMPLE_DEFAULTS.minHistoryMs) shortage = `not enough data: ${(spanMs / HOUR_MS).toFixed(1)} h of history (needs 3 h)`;
  if (shortage) return { cpu: { ok: false, reason: shortage }, memory: { ok: false, reason: shortage } };

  const cpu = simpleCpuRequestMillicores(podCpuP95Millicores(history));
  const peaks = history.pods.flatMap((p) => (p.memoryPeakBytes === null ? [] : [p.memoryPeakBytes]));
  const ooms = history.oomKills.flatMap((o) => (o.memoryLimitBytes === null ? [] : [o.memoryLimitBytes]));
  const memory = simpleMemoryBytes(peaks, ooms);
  return {
    cpu: cpu === null ? { ok: false, reason: 'no CPU usage' } : { ok: true, request: cpu, limit: null },
    memory:
      memory === null
        ? { ok: false, reason: 'no memory usage' }
        : { ok: true, request: memory, limit: memory, ...(history.oomKills.length > 0 ? { note: 'OOM kill seen' } : {}) },
  };
}
