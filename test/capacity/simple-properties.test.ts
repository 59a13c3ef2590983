// Property: the simple strategy on stored histograms lands within the histogram's 5% of KRR's exact
// rule (max over pods of the nearest-rank p95, ceil to 1 m, floor 10 m) on random series.
import { expect, test } from 'vitest';
import { proposeSimple } from '../../lib/capacity/simple';
import type { ContainerUsageHistory, PodUsage } from '../../lib/capacity/types';
import { histogramOf } from '../../lib/capacity/usage-histogram';
import { history, NOW_MS, HOUR_MS } from '../fixtures/capacity-history';
import { intBetween, mulberry32 } from '../cost/prng';

const exactP95 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(Math.ceil(0.95 * sorted.length) - 1, 0)] ?? 0;
};

test.each(Array.from({ length: 25 }, (_, i) => i + 1))('seed %i: within [exact, exact × 1.05 + 1 m]', (seed) => {
  const random = mulberry32(seed);
  const podCount = intBetween(random, 1, 4);
  const pods: PodUsage[] = [];
  const exact: number[] = [];
  for (let i = 0; i < podCount; i++) {
    const base = intBetween(random, 1, 2000);
    const samples = Array.from({ length: intBetween(random, 100, 2000) }, () => base * (0.2 + random() * 1.6 * random()));
    exact.push(exactP95(samples));
    pods.push({
      podUid: `p${i}`, cpuHistogram: histogramOf(samples), cpuMaxMillicores: Math.max(...samples), memoryPeakBytes: 1e8,
      samples: samples.length, firstHourStartMs: NOW_MS - 24 * HOUR_MS, lastHourEndMs: NOW_MS,
    });
  }
  const h: ContainerUsageHistory = { ...history([]), pods };
  const expected = Math.max(Math.ceil(Math.max(...exact)), 10);
  const p = proposeSimple(h);
  if (!p.cpu.ok) throw new Error(p.cpu.reason);
  expect(p.cpu.request).toBeGreaterThanOrEqual(expected);
  expect(p.cpu.request).toBeLessThanOrEqual(Math.max(Math.ceil(Math.max(...exact) * 1.05) + 1, 10));
  // Not vacuous: the floor is not what every case hits.
  if (seed === 1) expect(expected).toBeGreaterThan(10);
});
