import { histogramQuantile } from './histogram';
import type { Rollout } from './types';

const DAY_MS = 86_400_000;

/**
 * The q-quantile (0 ≤ q ≤ 1) by linear interpolation between closest ranks (type 7, numpy's and
 * Excel's default): sorted x, h = (n − 1)·q, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). Median = q 0.5.
 * Empty → null. q outside [0, 1] or NaN → RangeError.
 */
export function quantile(values: readonly number[], q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile q must be in [0, 1], got ${q}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const low = sorted[lo] as number;
  const high = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return low + (h - lo) * (high - low);
}

export type SummaryRollout = Pick<Rollout, 'kind' | 'status' | 'finishedAtMs' | 'failedAtMs' | 'leadTimeSeconds' | 'recoverySeconds' | 'rework' | 'startedAtMs'>;

/** One group (team, namespace, …) in a window [startMs, endMs). */
export interface DeliveryInput {
  startMs: number;
  endMs: number;
  rollouts: readonly SummaryRollout[];
  /** Raw pod startup samples (seconds); ignored when podStartupHistogram is given. */
  podStartupSeconds?: readonly number[];
  /** Raw scheduling-wait samples (seconds); ignored when schedulingWaitHistogram is given. */
  schedulingWaitSeconds?: readonly number[];
  /** Pod startup as a lib/delivery/histogram.ts histogram (e.g. merged pod_startup_day.startup_buckets). */
  podStartupHistogram?: readonly number[];
  /** Scheduling waits as a histogram (merged pod_startup_day.scheduling_buckets). */
  schedulingWaitHistogram?: readonly number[];
  costUsd: number | null;
}

export interface DeliverySummary {
  deployments: number;
  deploymentsPerDay: number;
  configChanges: number;
  restarts: number;
  rollbacks: number;
  failedDeployments: number;
  changeFailureRate: number | null;
  reworkRate: number | null;
  leadTimeSecondsMedian: number | null;
  leadTimeSecondsP90: number | null;
  leadTimeSamples: number;
  recoverySecondsMedian: number | null;
  rolloutSecondsMedian: number | null;
  rolloutSecondsP90: number | null;
  podStartupSecondsP50: number | null;
  podStartupSecondsP90: number | null;
  schedulingWaitSecondsP90: number | null;
  costUsd: number | null;
  costPerDeploymentUsd: number | null;
}

/** When a rollout counts: when it failed if it failed, else when it finished (never, if neither). */
export function countedAtMs(r: Pick<Rollout, 'status' | 'finishedAtMs' | 'failedAtMs'>): number | null {
  return r.status === 'failed' ? r.failedAtMs : r.finishedAtMs;
}

/**
 * The four keys and rework of one group in [startMs, endMs). A rollout is in the window when
 * countedAtMs is (a failed one by failedAt, others by finishedAt; superseded and progressing
 * ones are not counted). Counts per kind; only `deployment`s count in frequency:
 * - deploymentsPerDay = deployments ÷ ((endMs − startMs) / 1 day) (a real 0 when none)
 * - changeFailureRate = failed deployments ÷ deployments; reworkRate = rework deployments ÷ deployments
 * - lead time median/p90 over succeeded deployments with a lead time (leadTimeSamples = how many)
 * - recoverySecondsMedian over failed deployments with a recovery
 * - rolloutSeconds = finishedAt − startedAt over succeeded rollouts of every kind (platform speed)
 * - pod startup p50/p90, scheduling wait p90 over the samples given: histogramQuantile of the
 *   histogram when one is given, else quantile of the raw samples
 * - costPerDeploymentUsd = costUsd ÷ deployments.
 * Ratios are fractions 0–1; a value with nothing to measure (no deployments, no samples, no cost) is null, never 0.
 * Quantiles: see quantile. Unrounded.
 */
export function summarizeDelivery(input: DeliveryInput): DeliverySummary {
  const windowMs = input.endMs - input.startMs;
  if (!(windowMs > 0)) throw new RangeError(`delivery window must be non-empty, got [${input.startMs}, ${input.endMs})`);
  const inWindow = input.rollouts.filter((r) => {
    const at = countedAtMs(r);
    return at !== null && at >= input.startMs && at < input.endMs;
  });
  const deployments = inWindow.filter((r) => r.kind === 'deployment');
  const failed = deployments.filter((r) => r.status === 'failed');
  const succeeded = deployments.filter((r) => r.status === 'succeeded');
  const leadTimes = succeeded.flatMap((r) => (r.leadTimeSeconds === null ? [] : [r.leadTimeSeconds]));
  const recoveries = failed.flatMap((r) => (r.recoverySeconds === null ? [] : [r.recoverySeconds]));
  const rolloutSeconds = inWindow.flatMap((r) =>
    r.status === 'succeeded' && r.finishedAtMs !== null && r.startedAtMs !== null ? [Math.max(0, (r.finishedAtMs - r.startedAtMs) / 1000)] : [],
  );
  return summarizeDeliveryAggregates({
    ...input,
    deployments: deployments.length,
    configChanges: inWindow.filter((r) => r.kind === 'config').length,
    restarts: inWindow.filter((r) => r.kind === 'restart').length,
    rollbacks: inWindow.filter((r) => r.kind === 'rollback').length,
    failedDeployments: failed.length,
    reworkDeployments: deployments.filter((r) => r.rework).length,
    leadTimeSecondsMedian: quantile(leadTimes, 0.5),
    leadTimeSecondsP90: quantile(leadTimes, 0.9),
    leadTimeSamples: leadTimes.length,
    recoverySecondsMedian: quantile(recoveries, 0.5),
    rolloutSecondsMedian: quantile(rolloutSeconds, 0.5),
    rolloutSecondsP90: quantile(rolloutSeconds, 0.9),
  });
}

/**
 * What summarizeDelivery counts from the rollouts, already counted (e.g. aggregated in SQL:
 * percentile_cont is this module's quantile, type 7): the counts of the rollouts in the window and
 * the quantiles of their durations, null where there is nothing to measure.
 */
export interface DeliveryAggregates
  extends Omit<DeliveryInput, 'rollouts'>,
    Pick<DeliverySummary, 'deployments' | 'configChanges' | 'restarts' | 'rollbacks' | 'failedDeployments' | 'leadTimeSecondsMedian'
      | 'leadTimeSecondsP90' | 'leadTimeSamples' | 'recoverySecondsMedian' | 'rolloutSecondsMedian' | 'rolloutSecondsP90'> {
  reworkDeployments: number;
}

/**
 * The summary of one group from counts already made (see DeliveryAggregates): the same ratios,
 * per-day rate, pod quantiles and nulls as summarizeDelivery, which ends here.
 */
export function summarizeDeliveryAggregates(a: DeliveryAggregates): DeliverySummary {
  const windowMs = a.endMs - a.startMs;
  if (!(windowMs > 0)) throw new RangeError(`delivery window must be non-empty, got [${a.startMs}, ${a.endMs})`);
  const n = a.deployments;
  const perDeployment = (count: number): number | null => (n === 0 ? null : count / n);
  return {
    deployments: n,
    deploymentsPerDay: n / (windowMs / DAY_MS),
    configChanges: a.configChanges,
    restarts: a.restarts,
    rollbacks: a.rollbacks,
    failedDeployments: a.failedDeployments,
    changeFailureRate: perDeployment(a.failedDeployments),
    reworkRate: perDeployment(a.reworkDeployments),
    leadTimeSecondsMedian: a.leadTimeSecondsMedian,
    leadTimeSecondsP90: a.leadTimeSecondsP90,
    leadTimeSamples: a.leadTimeSamples,
    recoverySecondsMedian: a.recoverySecondsMedian,
    rolloutSecondsMedian: a.rolloutSecondsMedian,
    rolloutSecondsP90: a.rolloutSecondsP90,
    podStartupSecondsP50: samplesQuantile(a.podStartupHistogram, a.podStartupSeconds, 0.5),
    podStartupSecondsP90: samplesQuantile(a.podStartupHistogram, a.podStartupSeconds, 0.9),
    schedulingWaitSecondsP90: samplesQuantile(a.schedulingWaitHistogram, a.schedulingWaitSeconds, 0.9),
    costUsd: a.costUsd,
    costPerDeploymentUsd: a.costUsd === null || n === 0 ? null : a.costUsd / n,
  };
}

function samplesQuantile(histogram: readonly number[] | undefined, raw: readonly number[] | undefined, q: number): number | null {
  return histogram !== undefined ? histogramQuantile(histogram, q) : quantile(raw ?? [], q);
}
