import { describe, expect, test } from 'vitest';
import { costImpact, failedRolloutCostUsd, type FailedRolloutCostInput } from '@/lib/delivery';
import { HOUR, MIN, T0 } from './revisions';

describe('costImpact = after ÷ before − 1', () => {
  test.each<[number | null, number | null, number | null]>([
    [1, 1.3, 0.3],
    [2, 1, -0.5],
    [0.5, 0.5, 0],
    [1, 0, -1],
    [0, 1, null], // no ratio to a free workload
    [null, 1, null],
    [1, null, null],
    [Number.NaN, 1, null],
  ])('before %s, after %s → %s', (before, after, impact) => {
    const got = costImpact(before, after);
    if (impact === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(impact, 12);
  });
});

describe('failedRolloutCostUsd = cost per hour × hours from the failed start to recovery (or now)', () => {
  const base: FailedRolloutCostInput = { startedAtMs: T0, recoveredAtMs: T0 + 90 * MIN, nowMs: T0 + 10 * HOUR, costPerHourUsd: 2 };
  test.each<[string, Partial<FailedRolloutCostInput>, number | null]>([
    ['recovered after 1.5 h at 2 USD/h', {}, 3],
    ['not recovered: runs to now (10 h)', { recoveredAtMs: null }, 20],
    ['a recovery after now is cut at now', { recoveredAtMs: T0 + 12 * HOUR }, 20],
    ['a recovery before the start (skew) costs 0', { recoveredAtMs: T0 - MIN }, 0],
    ['unknown hourly cost', { costPerHourUsd: null }, null],
    ['unknown start', { startedAtMs: null }, null],
  ])('%s', (_what, over, usd) => {
    const got = failedRolloutCostUsd({ ...base, ...over });
    if (usd === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(usd, 12);
  });
});
