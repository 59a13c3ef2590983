import { describe, expect, test } from 'vitest';
import { emptyAllocation, totalCost } from '../../lib/cost/allocation-set';
import { reconcileAllocation, reconcileIdle, reconciliationFactor } from '../../lib/cost/reconcile';

const allocation = { ...emptyAllocation('a', {}, 0, 3_600_000), cpuCost: 60, ramCost: 30, gpuCost: 0, pvCost: 10 };

describe('invoice reconciliation', () => {
  test.each([
    // invoice, modelled, factor
    [1100, 1000, 1.1],
    [900, 1000, 0.9],
    [1000, 1000, 1],
  ])('invoice %d over modelled %d → factor %d', (invoice, modelled, factor) => {
    expect(reconciliationFactor(invoice, modelled)).toBeCloseTo(factor, 12);
  });

  test('a month with nothing modelled cannot be scaled', () => {
    expect(() => reconciliationFactor(100, 0)).toThrow(RangeError);
  });

  test('each resource keeps its modelled cost and shows the adjustment beside it', () => {
    const scaled = reconcileAllocation(allocation, 1.1);
    expect(scaled.cpuCost).toBe(60);
    expect(scaled.cpuCostAdjustment).toBeCloseTo(6, 12);
    expect(scaled.ramCostAdjustment).toBeCloseTo(3, 12);
    expect(scaled.pvCostAdjustment).toBeCloseTo(1, 12);
    expect(totalCost(scaled)).toBeCloseTo(110, 12);
  });

  test('allocations + idle of a month add up to the invoice', () => {
    const idle = { cluster: 'c', startMs: 0, endMs: 3_600_000, cpuCost: 7, ramCost: 3, gpuCost: 0 };
    const factor = reconciliationFactor(121, 100 + 10);
    const scaledIdle = reconcileIdle(idle, factor);
    const sum = totalCost(reconcileAllocation(allocation, factor)) + scaledIdle.cpuCost + scaledIdle.ramCost + scaledIdle.gpuCost;
    expect(sum).toBeCloseTo(121, 9);
  });
});
