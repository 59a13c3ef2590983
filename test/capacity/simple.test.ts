// KRR's simple strategy: reference cases from the issue, derived from robusta-dev/krr
// robusta_krr/strategies/simple.py (calculate_cpu_proposal, calculate_memory_proposal, points_required,
// history_range_enough) and robusta_krr/core/runner.py (_round_value: ceil to 1 m / 1 MiB, floors from
// core/models/config.py cpu_min_value = 10 m, memory_min_value = 100 MiB).
import { describe, expect, test } from 'vitest';
import { proposeSimple, simpleCpuRequestMillicores, simpleMemoryBytes } from '../../lib/capacity/simple';
import { history, MIB, steady } from '../fixtures/capacity-history';

const MB = 1e6;

describe('simple.py calculate_cpu_proposal + runner.py _round_value', () => {
  test.each<[string, number[], number]>([
    ['max of per-pod p95 {0.2104, 0.3561} cores, ceil to 1 m', [210.4, 356.1], 357],
    ['{0.0042, 0.0071} cores → the 10 m floor', [4.2, 7.1], 10],
    ['exactly 250 m stays 250 m', [250, 120], 250],
  ])('%s', (_, p95s, expected) => {
    expect(simpleCpuRequestMillicores(p95s)).toBe(expected);
  });

  test('no pods → no recommendation', () => {
    expect(simpleCpuRequestMillicores([])).toBeNull();
  });
});

describe('simple.py calculate_memory_proposal + runner.py _round_value', () => {
  test.each<[string, number[], number[], number]>([
    ['peaks {380 MB, 400 MB} × 1.15 → 439 MiB', [380 * MB, 400 * MB], [], 439 * MIB],
    ['60 MB → the 100 MiB floor', [60 * MB], [], 100 * MIB],
    ['peak 400 MB with an OOM at a 512 MiB limit → 640 MiB', [400 * MB], [512 * MIB], 640 * MIB],
    ['an OOM at a small limit does not lower the peak rule', [400 * MB], [128 * MIB], 439 * MIB],
  ])('%s', (_, peaks, ooms, expected) => {
    expect(simpleMemoryBytes(peaks, ooms)).toBe(expected);
  });
});

describe('proposeSimple on a stored history', () => {
  test('two pods: CPU from the busier pod, memory = limit, CPU limit unset', () => {
    const p = proposeSimple(history([
      { cpuMillicoresPerHour: steady(200), memoryPeakBytes: 380 * MB, hoursBack: 24 },
      { cpuMillicoresPerHour: steady(300), memoryPeakBytes: 400 * MB, hoursBack: 24 },
    ]));
    // 300 m falls in the 1.05 bucket [293.3, 308.0): read back as at most its observed max, 300 m.
    expect(p.cpu).toEqual({ ok: true, request: 300, limit: null });
    expect(p.memory).toEqual({ ok: true, request: 439 * MIB, limit: 439 * MIB });
  });

  test.each<[string, number, number, RegExp]>([
    ['99 samples summed over the pods (KRR points_required = 100)', 11, 9, /99 samples/],
    ['2 h of history (history_range_enough needs 3 h)', 60, 2, /2\.0 h of history/],
  ])('not enough data: %s', (_, samplesPerHour, hoursBack, reason) => {
    const p = proposeSimple(history([{ cpuMillicoresPerHour: Array(samplesPerHour).fill(100), memoryPeakBytes: 100 * MB, hoursBack }]));
    expect(p.cpu.ok).toBe(false);
    expect(p.memory.ok).toBe(false);
    if (!p.cpu.ok) expect(p.cpu.reason).toMatch(reason);
  });

  test('100 samples over 3 h is enough', () => {
    const p = proposeSimple(history([
      { cpuMillicoresPerHour: Array(20).fill(100), memoryPeakBytes: 100 * MB, hoursBack: 3 },
      { cpuMillicoresPerHour: Array(14).fill(100), memoryPeakBytes: 100 * MB, hoursBack: 3 },
    ]));
    expect(p.cpu.ok).toBe(true);
  });
});
