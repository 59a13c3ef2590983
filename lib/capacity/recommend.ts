/**
 * One container's recommendation row (issue 10 point 4): the strategy's proposal, then the HPA
 * rule, the limit policy, the risk and the monthly saving.
 */
import type { ContainerResources, ContainerUsageHistory, WorkloadContainer } from './types';
import { GIB, type Proposal, type StrategyProposal } from './proposal';
import { assessRisk, type Risk } from './risk';
import { podCpuP95Millicores, proposeSimple, historySpanMs } from './simple';
import { proposeVpa } from './vpa';
import { histogramPercentile, mergeHistograms } from './usage-histogram';
import { dailyPodPeaks } from './usage-periods';

export type Strategy = 'simple' | 'vpa';

/** unset; = request; a usage percentile (0 < p ≤ 1, at least the request); VPA's proportional scaling. */
export type LimitPolicy = { kind: 'unset' } | { kind: 'request' } | { kind: 'percentile'; percentile: number } | { kind: 'proportional' };

export interface RecommendOptions {
  strategy: Strategy;
  /** Overrides the strategy's default limits (simple: CPU unset, memory = request; vpa: proportional). */
  limitPolicy?: LimitPolicy | { cpu?: LimitPolicy; memory?: LimitPolicy };
  /** Recommend requests for resources an HPA scales on (off by default, as in KRR's allow_hpa). */
  includeHpaResources?: boolean;
  nowMs: number;
}

/** Hours per month for monthly money (730 = 8,760 ÷ 12). */
export const HOURS_PER_MONTH = 730;

export interface RecommendationRow extends WorkloadContainer {
  strategy: Strategy;
  current: ContainerResources;
  /** Equal to current for a resource without a recommendation (see `recommends`). */
  recommended: ContainerResources;
  recommends: { cpu: boolean; memory: boolean };
  usage: { cpuP95Millicores: number | null; cpuMaxMillicores: number | null; memoryPeakBytes: number | null; samples: number; hours: number };
  hpa: { cpu: boolean; memory: boolean };
  risk: Risk;
  /** Why a resource has no recommendation, or notes (OOM kill seen); null when both are plain. */
  reason: string | null;
  /** Unrounded; negative = the recommendation costs more. */
  monthlySavingUsd: number;
  bounds?: StrategyProposal['bounds'];
}

/**
 * Monthly saving (USD, unrounded) = [(current CPU request − recommended) m ÷ 1000 × usdPerCoreHour
 * + (current memory request − recommended) B ÷ 2³⁰ × usdPerGiBHour] × 730 h × replicas.
 * An unset request counts as 0 (adding a request costs money).
 */
export function monthlySavingUsd(
  current: ContainerResources,
  recommended: ContainerResources,
  prices: { usdPerCoreHour: number; usdPerGiBHour: number; replicas: number },
): number {
  const cores = ((current.cpuRequestMillicores ?? 0) - (recommended.cpuRequestMillicores ?? 0)) / 1000;
  const gib = ((current.memoryRequestBytes ?? 0) - (recommended.memoryRequestBytes ?? 0)) / GIB;
  return (cores * prices.usdPerCoreHour + gib * prices.usdPerGiBHour) * HOURS_PER_MONTH * prices.replicas;
}

/** The recommendation row of one container of one workload; see the module comment for the order. */
export function recommendContainer(history: ContainerUsageHistory, options: RecommendOptions): RecommendationRow {
  const proposal = options.strategy === 'simple' ? proposeSimple(history) : proposeVpa(history, options.nowMs);
  const usage = usageOf(history);
  const hpaBlocks = (scales: boolean) => scales && !options.includeHpaResources;
  const cpu: Proposal = hpaBlocks(history.hpa.cpu) ? { ok: false, reason: 'HPA scales on CPU' } : proposal.cpu;
  const memory: Proposal = hpaBlocks(history.hpa.memory) ? { ok: false, reason: 'HPA scales on memory' } : proposal.memory;
  const policy = options.limitPolicy;
  const cpuPolicy = policy && 'kind' in policy ? policy : policy?.cpu;
  const memoryPolicy = policy && 'kind' in policy ? policy : policy?.memory;
  const c = history.current;
  const recommended: ContainerResources = { ...c };
  if (cpu.ok) {
    recommended.cpuRequestMillicores = cpu.request;
    recommended.cpuLimitMillicores = applyLimit(cpuPolicy, cpu, c.cpuRequestMillicores, c.cpuLimitMillicores, () => cpuPercentile(history, cpuPolicy));
  }
  if (memory.ok) {
    recommended.memoryRequestBytes = memory.request;
    recommended.memoryLimitBytes = applyLimit(memoryPolicy, memory, c.memoryRequestBytes, c.memoryLimitBytes, () => memoryPercentile(history, memoryPolicy));
  }
  const reasons = [cpu, memory].flatMap((p) => (p.ok ? (p.note ? [p.note] : []) : [p.reason]));
  return {
    cluster: history.cluster,
    namespace: history.namespace,
    controllerKind: history.controllerKind,
    controllerName: history.controllerName,
    container: history.container,
    team: history.team,
    strategy: options.strategy,
    current: { ...c },
    recommended,
    recommends: { cpu: cpu.ok, memory: memory.ok },
    usage,
    hpa: { ...history.hpa },
    risk: assessRisk(history, usage),
    reason: reasons.length > 0 ? [...new Set(reasons)].join('; ') : null,
    monthlySavingUsd: monthlySavingUsd(c, recommended, history),
    ...(proposal.bounds ? { bounds: proposal.bounds } : {}),
  };
}

function applyLimit(
  policy: LimitPolicy | undefined,
  proposal: Extract<Proposal, { ok: true }>,
  currentRequest: number | null,
  currentLimit: number | null,
  percentile: () => number | null,
): number | null {
  if (!policy) return proposal.limit;
  switch (policy.kind) {
    case 'unset':
      return null;
    case 'request':
      return proposal.request;
    case 'proportional':
      return currentRequest && currentLimit !== null ? Math.ceil((currentLimit * proposal.request) / currentRequest - 1e-6) : null;
    case 'percentile': {
      const p = percentile();
      return p === null ? proposal.request : Math.max(proposal.request, Math.ceil(p - 1e-6));
    }
  }
}

/** The workload's CPU percentile (all pods merged), capped at the observed maximum. */
function cpuPercentile(history: ContainerUsageHistory, policy: LimitPolicy | undefined): number | null {
  if (policy?.kind !== 'percentile') return null;
  const max = maxOf(history.pods.map((p) => p.cpuMaxMillicores));
  return histogramPercentile(mergeHistograms(history.pods.map((p) => p.cpuHistogram)), policy.percentile, max ?? undefined);
}

/** Nearest-rank percentile of the pods' daily memory peaks over the lookback (bytes). */
function memoryPercentile(history: ContainerUsageHistory, policy: LimitPolicy | undefined): number | null {
  if (policy?.kind !== 'percentile') return null;
  const peaks = [...dailyPodPeaks(history.periods).values()].flat().sort((a, b) => a - b);
  if (peaks.length === 0) return null;
  return peaks[Math.min(Math.max(Math.ceil(policy.percentile * peaks.length) - 1, 0), peaks.length - 1)] ?? null;
}

/** usage: CPU p95 = max over pods of each pod's p95 (KRR's definition); hours = history span. */
function usageOf(history: ContainerUsageHistory): RecommendationRow['usage'] {
  return {
    cpuP95Millicores: maxOf(podCpuP95Millicores(history)),
    cpuMaxMillicores: maxOf(history.pods.map((p) => p.cpuMaxMillicores)),
    memoryPeakBytes: maxOf(history.pods.map((p) => p.memoryPeakBytes)),
    samples: history.pods.reduce((sum, p) => sum + p.samples, 0),
    hours: historySpanMs(history) / 3_600_000,
  };
}

function maxOf(values: ReadonlyArray<number | null>): number | null {
  let max: number | null = null;
  for (const v of values) if (v !== null && (max === null || v > max)) max = v;
  return max;
}
