import type { Allocation } from './allocation-set';
import type { IdleCost } from './aggregate';

/**
 * The factor that makes a modelled month match its invoice: invoiceUsd ÷ modelledUsd, where
 * modelledUsd is everything Tally modelled for that cluster and month (allocations + idle).
 * A month with nothing modelled cannot be scaled: RangeError.
 */
export function reconciliationFactor(invoiceUsd: number, modelledUsd: number): number {
  if (!(modelledUsd > 0)) throw new RangeError(`cannot reconcile an invoice of ${invoiceUsd} USD with a modelled cost of ${modelledUsd} USD`);
  return invoiceUsd / modelledUsd;
}

/**
 * Scales an allocation to the invoice without hiding it: each resource keeps its modelled
 * cost and gains `*CostAdjustment = cost × (factor − 1)`, so totalCost = modelled × factor.
 */
export function reconcileAllocation(a: Allocation, factor: number): Allocation {
  const k = factor - 1;
  return {
    ...a,
    cpuCostAdjustment: a.cpuCostAdjustment + a.cpuCost * k,
    ramCostAdjustment: a.ramCostAdjustment + a.ramCost * k,
    gpuCostAdjustment: a.gpuCostAdjustment + a.gpuCost * k,
    pvCostAdjustment: a.pvCostAdjustment + a.pvCost * k,
  };
}

/** Idle scaled by the same factor (idle × factor per resource), so allocations + idle = invoice. */
export function reconcileIdle(idle: IdleCost, factor: number): IdleCost {
  return { ...idle, cpuCost: idle.cpuCost * factor, ramCost: idle.ramCost * factor, gpuCost: idle.gpuCost * factor };
}
