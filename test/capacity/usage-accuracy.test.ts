import { describe, expect, test } from 'vitest';
import { histogramOf, histogramPercentile, mergeHistograms } from '../../lib/capacity/usage-histogram';
import { mulberry32 } from '../cost/prng';

// Percentiles from merged hourly histograms against the exact nearest-rank percentile of the raw
// samples: what a 14-day recommendation reads once the raw samples are pruned.
const MAX_MILLICORES = 64_000;
const PERCENTILES = [0.5, 0.9, 0.95, 0.99] as const;

/** Exact nearest-rank: the ⌈p·n⌉-th smallest sample. */
function exactPercentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

type Draw = (random: () => number) => number;
const normal = (random: () => number) => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const clamp = (m: number) => Math.min(MAX_MILLICORES, Math.max(0, Math.round(m)));
const DISTRIBUTIONS: [string, Draw][] = [
  ['uniform 0..64,000 m', (r) => clamp(r() * MAX_MILLICORES)],
  ['uniform 0..50 m (near the 1 m floor)', (r) => clamp(r() * 50)],
  ['lognormal around 200 m', (r) => clamp(Math.exp(Math.log(200) + 0.8 * normal(r)))],
  ['lognormal around 4,000 m, wide', (r) => clamp(Math.exp(Math.log(4000) + 1.5 * normal(r)))],
  ['bimodal 100 m / 3,000 m', (r) => clamp(r() < 0.7 ? 100 + 20 * normal(r) : 3000 + 300 * normal(r))],
  ['spiky: 50 m with 3% spikes to 20,000–64,000 m', (r) => clamp(r() < 0.03 ? 20_000 + r() * 44_000 : 50 + 10 * normal(r))],
  ['mostly idle: 0 m with bursts', (r) => clamp(r() < 0.8 ? 0 : r() * 8000)],
];

/** Hours of samples (`perHour` a hour), one histogram per hour, as the hourly rollup stores them. */
function series(draw: Draw, seed: number, hours: number, perHour = 60) {
  const random = mulberry32(seed);
  const byHour = Array.from({ length: hours }, () => Array.from({ length: perHour }, () => draw(random)));
  return { raw: byHour.flat(), merged: mergeHistograms(byHour.map((h) => histogramOf(h))) };
}

describe('percentiles from merged hourly histograms are within 5% of the raw samples', () => {
  // 5%, or 1 m below 20 m: bucket 0 holds [0, 1) and reads back as 1 m.
  const withinTolerance = (estimate: number, exact: number) => Math.abs(estimate - exact) <= Math.max(0.05 * exact, 1);

  test.each(DISTRIBUTIONS)('%s, 14 days', (_name, draw) => {
    const { raw, merged } = series(draw, 42, 14 * 24);
    const max = Math.max(...raw);
    for (const p of PERCENTILES) {
      const exact = exactPercentile(raw, p);
      const estimate = histogramPercentile(merged, p, max)!;
      expect({ p, ok: withinTolerance(estimate, exact), estimate, exact }).toMatchObject({ ok: true });
      // The estimate never reads low: a recommendation from it does not under-provision.
      expect(estimate).toBeGreaterThanOrEqual(exact);
    }
  });

  test('over 100 random series (seed, distribution, 1 to 20 days of 5-minute samples), every percentile holds', () => {
    const random = mulberry32(7);
    let checked = 0;
    for (let i = 0; i < 100; i++) {
      const [name, draw] = DISTRIBUTIONS[Math.floor(random() * DISTRIBUTIONS.length)]!;
      const days = 1 + Math.floor(random() * 20);
      const seed = Math.floor(random() * 2 ** 31);
      const { raw, merged } = series(draw, seed, days * 24, 12);
      const max = Math.max(...raw);
      for (const p of PERCENTILES) {
        const exact = exactPercentile(raw, p);
        const estimate = histogramPercentile(merged, p, max)!;
        if (!withinTolerance(estimate, exact)) throw new Error(`${name}, seed ${seed}: p${p * 100} ${estimate} vs exact ${exact}`);
        checked++;
      }
    }
    // Not vacuous: every series was checked at every percentile.
    expect(checked).toBe(100 * PERCENTILES.length);
  });

  test('merging per-hour histograms equals one histogram of all the samples', () => {
    const { raw, merged } = series(DISTRIBUTIONS[2]![1], 3, 48);
    expect(merged).toEqual(histogramOf(raw));
  });
});
