/**
 * A deployment's cost impact as a fraction: after ÷ before − 1, from the workload's cost per hour
 * (USD/h) over the 24 h after it vs the 24 h before it (0.3 = 30% more expensive, −0.5 = half).
 * Null when either side is unknown (null or not finite) or before is 0 (no ratio to a free workload).
 */
export function costImpact(costPerHourBeforeUsd: number | null, costPerHourAfterUsd: number | null): number | null {
  if (costPerHourBeforeUsd === null || costPerHourAfterUsd === null) return null;
  if (!Number.isFinite(costPerHourBeforeUsd) || !Number.isFinite(costPerHourAfterUsd) || costPerHourBeforeUsd === 0) return null;
  return costPerHourAfterUsd / costPerHourBeforeUsd - 1;
}

export interface FailedRolloutCostInput {
  /** The failed rollout's start (epoch ms); null → unknown cost. */
  startedAtMs: number | null;
  /** The recovery instant (Rollout.recoveredAtMs); null = not recovered yet: cost runs to nowMs. */
  recoveredAtMs: number | null;
  nowMs: number;
  /** What the failed revision's pods cost per hour (USD/h, e.g. their container_hour cost ÷ hours they ran); null → unknown. */
  costPerHourUsd: number | null;
}

/**
 * What a failed rollout's pods cost until recovery, USD, unrounded:
 *   costPerHourUsd × max(0, min(recoveredAtMs ?? nowMs, nowMs) − startedAtMs) / 3,600,000.
 * Null when the start or the hourly cost is unknown.
 */
export function failedRolloutCostUsd(input: FailedRolloutCostInput): number | null {
  if (input.startedAtMs === null || input.costPerHourUsd === null) return null;
  const endMs = Math.min(input.recoveredAtMs ?? input.nowMs, input.nowMs);
  return (input.costPerHourUsd * Math.max(0, endMs - input.startedAtMs)) / 3_600_000;
}
