/**
 * Karpenter's Balanced consolidation score (sigs.k8s.io/karpenter pkg/controllers/disruption:
 * balanced.go `ScoreMove`, types.go `ScoreResult`; designs/balanced-consolidation.md): a move is
 * worth its disruption when the share of the pool's cost it saves is at least 1/k of the share
 * of the pool's disruption it causes.
 */

/** Karpenter's default k for the Balanced policy (pkg/apis/v1/nodepool.go `BalancedK`). */
export const BALANCED_K = 2;

export interface ConsolidationScore {
  savingsFraction: number;
  disruptionFraction: number;
  /** savingsFraction ÷ disruptionFraction; 0 when nothing is saved, +Infinity when nothing is disrupted. */
  score: number;
  /** 1 / k. */
  threshold: number;
  approved: boolean;
}

/**
 * score = (savings ÷ poolCost) ÷ (disruption ÷ poolDisruption), approved when score ≥ 1/k.
 * Units: savings and poolCost in the same money per time (e.g. USD/month); disruption and
 * poolDisruption in Karpenter's disruption cost (1 per node + each pod's eviction cost, 1 by
 * default). Edge cases as Karpenter: a pool cost or pool disruption ≤ 0 → fractions 0, score 0,
 * refused; savings ≤ 0 → score 0 (refused); zero disruption with savings → +Infinity (approved).
 * Example: savings 20 of 100, disruption 5 of 100 → 0.2 ÷ 0.05 = 4.0, approved at k = 2.
 */
export function consolidationScore(savings: number, disruption: number, poolCost: number, poolDisruption: number, k = BALANCED_K): ConsolidationScore {
  const threshold = 1 / k;
  const valid = poolCost > 0 && poolDisruption > 0;
  const savingsFraction = valid ? savings / poolCost : 0;
  const disruptionFraction = valid ? disruption / poolDisruption : 0;
  const score = savingsFraction <= 0 ? 0 : disruptionFraction === 0 ? Infinity : savingsFraction / disruptionFraction;
  return { savingsFraction, disruptionFraction, score, threshold, approved: score >= threshold };
}
