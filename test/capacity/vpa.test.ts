// The VPA recommender: reference cases from kubernetes/autoscaler vertical-pod-autoscaler/pkg/recommender
// (logic/estimator_test.go, logic/recommender_test.go, util/decaying_histogram_test.go,
// util/histogram_test.go) on Tally's port (lib/capacity/vpa-histogram.ts, lib/capacity/vpa.ts).
import { describe, expect, test } from 'vitest';
import {
  VPA_MAX_AMOUNT, buildVpaState, proposeVpa, vpaConfidence, vpaContainerMinimum, vpaEstimates, vpaOomSampleBytes,
  withConfidenceMultiplier, withMargin,
} from '../../lib/capacity/vpa';
import { VPA_CPU_OPTIONS, VPA_MEMORY_OPTIONS, VpaHistogram, linearOptions } from '../../lib/capacity/vpa-histogram';
import { HOUR_MS, MIB, NOW_MS, history, steady } from '../fixtures/capacity-history';

const START_MS = 1234567890_000; // decaying_histogram_test.go startTime
const testOptions = linearOptions(10, 1, 1e-15); // histogram_test.go testHistogramOptions

describe('estimator_test.go', () => {
  test('TestConfidenceMultiplier: 9 samples 2 min apart → confidence 0.00625, 3.14 cores → 907.46 cores', () => {
    const span = { firstSampleMs: 0, lastSampleMs: 8 * 2 * 60_000, totalSamples: 9 };
    const confidence = vpaConfidence(span, 24 * HOUR_MS);
    expect(confidence).toBe(0.00625);
    expect(withConfidenceMultiplier(3140, 0.1, 2, confidence)).toBeCloseTo(907_460, 6); // millicores
    expect(withConfidenceMultiplier(3.14e9, 0.1, 2, confidence)).toBeCloseTo(9.0746e11, 0); // bytes
  });

  test('TestConfidenceMultiplierWithCustomInterval: 18 min interval → confidence 0.5, 3.14e9 B → 4.5216e9 B', () => {
    const confidence = vpaConfidence({ firstSampleMs: 0, lastSampleMs: 16 * 60_000, totalSamples: 9 }, 18 * 60_000);
    expect(confidence).toBe(0.5);
    expect(withConfidenceMultiplier(3.14e9, 0.1, 2, confidence)).toBeCloseTo(4.5216e9, 0);
  });

  test.each<[string, number, number]>([
    ['TestConfidenceMultiplier / NoHistory: exponent +1 → the maximum amount 1e14', 1, VPA_MAX_AMOUNT],
    ['TestConfidenceMultiplier: exponent −1 → 0', -1, 0],
  ])('%s', (_, exponent, expected) => {
    const confidence = vpaConfidence({ firstSampleMs: 0, lastSampleMs: 0, totalSamples: 0 });
    expect(withConfidenceMultiplier(3140, 1, exponent, confidence)).toBe(expected);
  });

  test('TestMarginEstimator: margin 0.1 on 3.14 cores → 3.454 cores; 3.14e9 B → 3.454e9 B', () => {
    expect(withMargin(3140, 0.1)).toBeCloseTo(3454, 9);
    expect(withMargin(3.14e9, 0.1)).toBeCloseTo(3.454e9, 0);
  });

  test('TestPercentileEstimator: 1, 2, 3 cores → p20 ≈ 1 core; 1e9, 2e9, 3e9 B → p50 ≈ 2e9 B (5%)', () => {
    const cpu = new VpaHistogram(VPA_CPU_OPTIONS);
    const memory = new VpaHistogram(VPA_MEMORY_OPTIONS);
    for (const v of [1, 2, 3]) {
      cpu.addSample(v, 1, 0);
      memory.addSample(v * 1e9, 1, 0);
    }
    expect(Math.abs(cpu.percentile(0.2) - 1) / 1).toBeLessThan(0.05);
    expect(Math.abs(memory.percentile(0.5) - 2e9) / 2e9).toBeLessThan(0.05);
  });
});

describe('recommender_test.go', () => {
  test.each<[string, number, number, number]>([
    ['TestMinResourcesApplied: one container → 25 m / 262,144,000 B', 1, 25, 262_144_000],
    ['TestMinResourcesSplitAcrossContainers: two → 12.5 m / 131,072,000 B', 2, 12.5, 131_072_000],
  ])('%s', (_, containers, cpu, memory) => {
    expect(vpaContainerMinimum(containers)).toEqual({ cpuMillicores: cpu, memoryBytes: memory });
  });

  test('the minimum lifts a 1 m / 1 MB estimate (TestMinResourcesApplied on a real state)', () => {
    const h = history([{ cpuMillicoresPerHour: steady(1), memoryPeakBytes: 1e6, hoursBack: 48 }], { containersInPod: 2 });
    const e = vpaEstimates(buildVpaState(h, NOW_MS), 2);
    expect(e.cpuMillicores.target).toBe(12.5);
    expect(e.memoryBytes.target).toBe(131_072_000);
  });
});

describe('decaying_histogram_test.go / histogram_test.go', () => {
  test.each<[number, number]>([
    [0.0, 2], [0.02, 2], [0.03, 3], [0.1, 3], [0.11, 4], [0.34, 4], [0.35, 5], [1.0, 5],
  ])('TestDecayingHistogramPercentiles: 1, 2, 3, 4 an hour apart, half-life 1 h → p%s = %s', (p, expected) => {
    const h = new VpaHistogram(testOptions, HOUR_MS);
    for (let i = 1; i <= 4; i++) h.addSample(i, i, START_MS + (i - 1) * HOUR_MS);
    expect(h.percentile(p)).toBeCloseTo(expected, 12);
  });

  test.each<[number, number]>([
    [0, 2], [0.1, 2], [0.2, 3], [0.3, 3], [0.4, 4], [0.6, 4], [0.7, 5], [1, 5],
  ])('TestNoDecay / TestPercentiles: same time → p%s = %s', (p, expected) => {
    const h = new VpaHistogram(testOptions, HOUR_MS);
    for (let i = 1; i <= 4; i++) h.addSample(i, i, START_MS);
    expect(h.percentile(p)).toBeCloseTo(expected, 12);
  });

  test('TestSimpleDecay: a weight of 1000 twenty half-lives old loses to a fresh 1', () => {
    const h = new VpaHistogram(testOptions, HOUR_MS);
    h.addSample(2, 1000, START_MS);
    h.addSample(1, 1, START_MS + 20 * HOUR_MS);
    expect(h.percentile(0.999)).toBeCloseTo(2, 12);
    expect(h.percentile(1)).toBeCloseTo(3, 12);
  });

  test('TestLongtermDecay: 101 half-lives apart the reference moves and the old sample vanishes', () => {
    const h = new VpaHistogram(testOptions, HOUR_MS);
    h.addSample(2, 1, START_MS);
    h.addSample(1, 1, START_MS + 101 * HOUR_MS);
    expect(h.percentile(1)).toBeCloseTo(2, 12);
  });

  test('TestPercentilesEmptyDecayingHistogram: empty → 0', () => {
    expect(new VpaHistogram(testOptions, HOUR_MS).percentile(0.5)).toBe(0);
  });
});

describe('container.go RecordOOM', () => {
  test.each<[string, number, number, number]>([
    ['small container: +100 MiB wins', 200 * MIB, 150 * MIB, 300 * MIB],
    ['large container: ×1.2 wins', 1024 * MIB, 900 * MIB, 1.2 * 1024 * MIB],
    ['the peak above the request is what was used', 100 * MIB, 1000 * MIB, 1200 * MIB],
  ])('%s', (_, request, peak, expected) => {
    expect(vpaOomSampleBytes(request, peak)).toBeCloseTo(expected, 3);
  });
});

describe('proposeVpa on a stored history', () => {
  test('steady 400 m, 300 MiB for 14 days: target = bucket above p90 + 15%, proportional limits', () => {
    const h = history([{ cpuMillicoresPerHour: steady(400), memoryPeakBytes: 300 * MIB, hoursBack: 14 * 24 }]);
    const p = proposeVpa(h, NOW_MS);
    if (!p.cpu.ok || !p.memory.ok || !p.bounds) throw new Error('expected a recommendation');
    // 400 m → Tally bucket upper ≤ 420 m; VPA rounds up to its next bucket start (a bucket at v is
    // 5% of v + first ÷ 0.05 wide: 0.2 core, 2e8 B), then +15%.
    const vpaBucketEnd = (v: number, first: number) => v + 0.05 * (v + first / 0.05);
    expect(p.cpu.request).toBeGreaterThanOrEqual(460);
    expect(p.cpu.request).toBeLessThanOrEqual(Math.ceil(vpaBucketEnd(420, 10) * 1.15));
    expect(p.cpu.limit).toBe(p.cpu.request * 2); // current limit ÷ request = 2
    expect(p.memory.request).toBeGreaterThanOrEqual(300 * MIB * 1.15);
    expect(p.memory.request).toBeLessThanOrEqual(Math.ceil(vpaBucketEnd(300 * MIB, 1e7) * 1.15));
    expect(p.bounds.cpuLowerMillicores).toBeLessThanOrEqual(p.cpu.request);
    expect(p.bounds.cpuUpperMillicores).toBeGreaterThanOrEqual(p.cpu.request);
    // 14 days of one sample per 5 min: confidence = min(14 d, 14 × 12 × 24 / 1440 = 2.8) → upper × (1 + 1/2.8)
    expect(p.bounds.cpuUpperMillicores / p.cpu.request).toBeGreaterThan(1.3);
  });

  test('recent usage outweighs old: a drop from 1000 m to 100 m a week ago → target near 100 m', () => {
    const old = history([{ cpuMillicoresPerHour: steady(1000), memoryPeakBytes: 300 * MIB, hoursBack: 14 * 24 }]);
    const recent = history([{ cpuMillicoresPerHour: steady(100), memoryPeakBytes: 300 * MIB, hoursBack: 7 * 24 }]);
    const merged = { ...old, periods: old.periods.map((hour) => recent.periods.find((r) => r.startMs === hour.startMs) ?? hour) };
    const p = proposeVpa(merged, NOW_MS);
    if (!p.cpu.ok) throw new Error('expected a recommendation');
    expect(p.cpu.request).toBeLessThan(150);
  });

  test('an OOM kill lifts memory to at least the bumped request', () => {
    const h = history([{ cpuMillicoresPerHour: steady(100), memoryPeakBytes: 200 * MIB, hoursBack: 72 }], {
      current: { cpuRequestMillicores: 100, cpuLimitMillicores: null, memoryRequestBytes: 256 * MIB, memoryLimitBytes: 256 * MIB },
      oomKills: [{ atMs: NOW_MS - 2 * HOUR_MS, memoryLimitBytes: 256 * MIB }],
    });
    const p = proposeVpa(h, NOW_MS);
    if (!p.memory.ok || !p.cpu.ok) throw new Error('expected a recommendation');
    expect(p.memory.request).toBeGreaterThanOrEqual(356 * MIB);
    expect(p.cpu.limit).toBeNull();
  });

  test('no CPU samples → not enough data', () => {
    const p = proposeVpa(history([]), NOW_MS);
    expect(p.cpu).toEqual({ ok: false, reason: expect.stringMatching(/not enough data/) });
  });
});
