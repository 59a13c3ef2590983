/**
 * The VPA recommender with its defaults (kubernetes/autoscaler vertical-pod-autoscaler/pkg/recommender:
 * logic/estimator.go, logic/recommender.go, model/aggregations_config.go, model/container.go,
 * config/config.go). Amounts stay unrounded through the estimators (VPA truncates each step to an
 * integer ResourceAmount); the final request is rounded up to 1 m and 1 B.
 */
import type { ContainerUsageHistory } from './types';
import { DAY_MS, MIB, type StrategyProposal } from './proposal';
import { VPA_CPU_OPTIONS, VPA_MEMORY_OPTIONS, VpaHistogram } from './vpa-histogram';
import { bucketUpperMillicores } from './usage-histogram';
import { dailyPodPeaks } from './usage-periods';

export const VPA_DEFAULTS = {
  safetyMarginFraction: 0.15,
  podMinCpuMillicores: 25,
  podMinMemoryBytes: 250 * MIB,
  targetPercentile: 0.9,
  lowerPercentile: 0.5,
  upperPercentile: 0.95,
  confidenceIntervalMs: DAY_MS,
  halfLifeMs: DAY_MS,
  memoryIntervalMs: DAY_MS,
  memoryIntervalCount: 8,
  oomBumpRatio: 1.2,
  oomMinBumpBytes: 100 * MIB,
  /** model/aggregations_config.go minSampleWeight: every CPU sample's weight. */
  cpuSampleWeight: 0.1,
};

/** model/types.go MaxResourceAmount: the cap of every estimate (millicores or bytes). */
export const VPA_MAX_AMOUNT = 1e14;

/** What the confidence heuristic reads: the first and last CPU sample and how many there were. */
export interface SampleSpan {
  firstSampleMs: number;
  lastSampleMs: number;
  totalSamples: number;
}

/**
 * estimator.go getConfidence: min(lifespan ÷ interval, samples ÷ interval-in-minutes); for one
 * sample a minute over N days (interval 24 h) it is N.
 */
export function vpaConfidence(span: SampleSpan, intervalMs = VPA_DEFAULTS.confidenceIntervalMs): number {
  const lifespan = (span.lastSampleMs - span.firstSampleMs) / intervalMs;
  const samples = span.totalSamples / (intervalMs / 60_000);
  return Math.min(lifespan, samples);
}

/** amount × (1 + multiplier ÷ confidence)^exponent, within [0, 1e14] (no history → 1e14 or 0). */
export function withConfidenceMultiplier(amount: number, multiplier: number, exponent: number, confidence: number): number {
  return clampAmount(amount * (1 + multiplier / confidence) ** exponent);
}

/** amount + amount × marginFraction (estimator.go WithCPUMargin / WithMemoryMargin). */
export function withMargin(amount: number, marginFraction = VPA_DEFAULTS.safetyMarginFraction): number {
  return clampAmount(amount + amount * marginFraction);
}

/**
 * recommender.go GetRecommendedPodResources: the per-pod minimum split evenly over the pod's
 * containers; returns millicores and bytes for one container.
 */
export function vpaContainerMinimum(containersInPod: number): { cpuMillicores: number; memoryBytes: number } {
  const fraction = 1 / Math.max(containersInPod, 1);
  return { cpuMillicores: VPA_DEFAULTS.podMinCpuMillicores * fraction, memoryBytes: VPA_DEFAULTS.podMinMemoryBytes * fraction };
}

/**
 * VPA memory used at an OOM kill → the sample it adds (container.go RecordOOM):
 * max(used + 100 MiB, used × 1.2), used = max(request, peak).
 */
export function vpaOomSampleBytes(requestBytes: number, peakBytes: number): number {
  const used = Math.max(requestBytes, peakBytes);
  return Math.max(used + VPA_DEFAULTS.oomMinBumpBytes, used * VPA_DEFAULTS.oomBumpRatio);
}

/** The decaying CPU (cores) and memory-peak (bytes) histograms of one container, fed from the hours. */
export interface VpaState {
  cpu: VpaHistogram;
  memory: VpaHistogram;
  span: SampleSpan;
}

/**
 * Builds the VPA state from the container's hours and days (UsagePeriod): each stored CPU bucket
 * adds its (decayed) weight × 0.1 at the period's start, at the bucket's upper bound; memory adds
 * one peak per pod and UTC day over the 8 days up to `nowMs` (the day holding nowMs and the 7
 * before), at the day's end; an OOM kill's bumped sample replaces its day's top peak when larger.
 * The VPA aligns its 24 h memory windows to a container's first sample; Tally aligns them to UTC
 * days, the days its rollups keep. Periods carry no pod identity, so a day's pod peaks are the
 * rank-wise maxima of its hours' sorted peaks (the first one is exact: the day's top).
 */
export function buildVpaState(history: ContainerUsageHistory, nowMs: number): VpaState {
  const cpu = new VpaHistogram(VPA_CPU_OPTIONS, VPA_DEFAULTS.halfLifeMs);
  const memory = new VpaHistogram(VPA_MEMORY_OPTIONS, VPA_DEFAULTS.halfLifeMs);
  let firstSampleMs = Number.POSITIVE_INFINITY;
  let lastSampleMs = Number.NEGATIVE_INFINITY;
  let totalSamples = 0;
  const periods = [...history.periods].sort((a, b) => a.startMs - b.startMs);
  for (const period of periods) {
    const { buckets, counts } = period.cpuDecayedHistogram;
    for (let j = 0; j < buckets.length; j++) {
      const weight = counts[j] ?? 0;
      if (weight > 0) cpu.addSample(bucketUpperMillicores(buckets[j]!) / 1000, weight * VPA_DEFAULTS.cpuSampleWeight, period.startMs);
    }
    if (period.cpuSamples > 0 && period.firstSampleHourMs !== null && period.lastSampleHourMs !== null) {
      totalSamples += period.cpuSamples;
      firstSampleMs = Math.min(firstSampleMs, period.firstSampleHourMs);
      lastSampleMs = Math.max(lastSampleMs, period.lastSampleHourMs);
    }
  }
  const lastDayMs = Math.floor((nowMs - 1) / VPA_DEFAULTS.memoryIntervalMs) * VPA_DEFAULTS.memoryIntervalMs;
  const firstDayMs = lastDayMs - (VPA_DEFAULTS.memoryIntervalCount - 1) * VPA_DEFAULTS.memoryIntervalMs;
  const inWindow = (atMs: number) => atMs >= firstDayMs && atMs < nowMs;
  const days = dailyPodPeaks(periods.filter((p) => inWindow(p.startMs)));
  // An OOM kill's sample replaces its day's peak when larger (container.go addMemorySample, isOOM).
  for (const oom of history.oomKills.filter((o) => inWindow(o.atMs))) {
    const day = Math.floor(oom.atMs / VPA_DEFAULTS.memoryIntervalMs) * VPA_DEFAULTS.memoryIntervalMs;
    const peaks = days.get(day) ?? [];
    peaks[0] = Math.max(peaks[0] ?? 0, vpaOomSampleBytes(history.current.memoryRequestBytes ?? 0, peaks[0] ?? 0));
    days.set(day, peaks);
  }
  for (const [day, peaks] of [...days.entries()].sort((a, b) => a[0] - b[0])) {
    for (const p of peaks) memory.addSample(p, 1, day + VPA_DEFAULTS.memoryIntervalMs);
  }
  if (totalSamples === 0) firstSampleMs = lastSampleMs = 0;
  return { cpu, memory, span: { firstSampleMs, lastSampleMs, totalSamples } };
}

/**
 * The VPA's target (p90 + 15%), lower bound (p50 + 15%, × (1 + 0.001/confidence)^−2) and upper bound
 * (p95 + 15%, × (1 + 1/confidence)), each at least the container's share of 25 m / 250 MiB.
 * Millicores and bytes, unrounded. An empty CPU histogram → not enough data.
 */
export function vpaEstimates(state: VpaState, containersInPod: number) {
  const min = vpaContainerMinimum(containersInPod);
  const confidence = vpaConfidence(state.span);
  const estimate = (h: VpaHistogram, unit: number, floor: number) => {
    const at = (p: number) => withMargin(h.percentile(p) * unit);
    return {
      target: Math.max(at(VPA_DEFAULTS.targetPercentile), floor),
      lower: Math.max(withConfidenceMultiplier(at(VPA_DEFAULTS.lowerPercentile), 0.001, -2, confidence), floor),
      upper: Math.max(withConfidenceMultiplier(at(VPA_DEFAULTS.upperPercentile), 1, 1, confidence), floor),
    };
  };
  return { cpuMillicores: estimate(state.cpu, 1000, min.cpuMillicores), memoryBytes: estimate(state.memory, 1, min.memoryBytes) };
}

/**
 * The vpa strategy on one container. Limits default to VPA's proportional scaling (the admission
 * controller keeps limit ÷ request): limit = current limit × new request ÷ current request, unset
 * when either is unset.
 */
export function proposeVpa(history: ContainerUsageHistory, nowMs: number): StrategyProposal {
  const state = buildVpaState(history, nowMs);
  if (state.cpu.isEmpty()) {
    const reason = 'not enough data: no CPU usage in the lookback';
    return { cpu: { ok: false, reason }, memory: { ok: false, reason } };
  }
  const e = vpaEstimates(state, history.containersInPod);
  const cpu = Math.ceil(e.cpuMillicores.target - 1e-9);
  const memory = Math.ceil(e.memoryBytes.target - 1e-6);
  const c = history.current;
  const proportional = (request: number, currentRequest: number | null, currentLimit: number | null) =>
    currentRequest && currentLimit !== null ? Math.ceil((currentLimit * request) / currentRequest - 1e-6) : null;
  return {
    cpu: { ok: true, request: cpu, limit: proportional(cpu, c.cpuRequestMillicores, c.cpuLimitMillicores) },
    memory: state.memory.isEmpty()
      ? { ok: false, reason: 'not enough data: no memory peaks in the last 8 days' }
      : { ok: true, request: memory, limit: proportional(memory, c.memoryRequestBytes, c.memoryLimitBytes) },
    bounds: {
      cpuLowerMillicores: e.cpuMillicores.lower,
      cpuUpperMillicores: e.cpuMillicores.upper,
      memoryLowerBytes: e.memoryBytes.lower,
      memoryUpperBytes: e.memoryBytes.upper,
    },
  };
}

function clampAmount(amount: number): number {
  if (Number.isNaN(amount)) return 0;
  return Math.min(Math.max(amount, 0), VPA_MAX_AMOUNT);
}
