import { describe, expect, test } from 'vitest';
import { bucketOf, bucketValue, histogramCount, histogramQuantile, HISTOGRAM_BUCKETS, mergeHistograms, toHistogram } from '@/lib/delivery';
import { mulberry32 } from '../cost/prng';

describe('log-bucket duration histograms', () => {
  test.each<[number, number]>([
    [0, 0],
    [-5, 0],
    [Number.NaN, 0],
    [0.099, 0],
    [0.1, 1],
    [0.104, 1],
    [0.105, 2], // 0.1 × 1.05 starts bucket 2
    [1, 48], // 0.1 × 1.05^47 ≈ 0.989 ≤ 1 < 1.039
    [1e12, HISTOGRAM_BUCKETS - 1], // far beyond the last bucket: clamped
  ])('%s s falls in bucket %s', (seconds, bucket) => {
    expect(bucketOf(seconds)).toBe(bucket);
  });

  test('every value is within 2.5 % of the value its bucket stands for', () => {
    for (const seconds of [0.1, 0.37, 1, 4.2, 59.9, 61, 3_600, 86_399, 604_800]) {
      expect(Math.abs(bucketValue(bucketOf(seconds)) - seconds) / seconds).toBeLessThanOrEqual(0.025);
    }
  });

  test('counts, trimmed after the last non-empty bucket, and merged by adding', () => {
    const a = toHistogram([1, 1, 2]);
    const b = toHistogram([0.01, 1]);
    expect(a.length).toBe(bucketOf(2) + 1);
    expect(histogramCount(a)).toBe(3);
    const merged = mergeHistograms([a, b]);
    expect(histogramCount(merged)).toBe(5);
    expect(merged[0]).toBe(1);
    expect(merged[bucketOf(1)]).toBe(3);
    expect(mergeHistograms([])).toEqual([]);
  });

  test.each<[number[], number, number | null]>([
    [[], 0.5, null],
    [[30], 0, 30],
    [[30], 1, 30],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5, 5], // rank ⌊0.5·9⌋ = 4 → the 5th value
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1, 10],
  ])('quantile of %j at q=%s ≈ %s (within 2.5 %)', (values, q, expected) => {
    const got = histogramQuantile(toHistogram(values), q);
    if (expected === null) expect(got).toBeNull();
    else expect(Math.abs((got as number) - expected) / expected).toBeLessThanOrEqual(0.025);
  });

  test('random startup times: p50/p90/p99 within 2.5 % of the exact nearest-rank quantile', () => {
    const random = mulberry32(9);
    for (let trial = 0; trial < 20; trial++) {
      const values = Array.from({ length: 500 + trial * 50 }, () => Math.exp(random() * 8)); // 1 s … ≈ 50 min
      const sorted = [...values].sort((x, y) => x - y);
      for (const q of [0.5, 0.9, 0.99]) {
        const exact = sorted[Math.floor(q * (sorted.length - 1))] as number;
        const got = histogramQuantile(toHistogram(values), q) as number;
        expect(Math.abs(got - exact) / exact).toBeLessThanOrEqual(0.025);
      }
    }
  });

  test('q outside [0, 1] is an error', () => {
    expect(() => histogramQuantile([1], 1.5)).toThrow(RangeError);
  });
});
