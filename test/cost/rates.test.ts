import { describe, expect, test } from 'vitest';
import { DEFAULT_RATES, DEFAULT_SPOT_RATES, HOURS_PER_MONTH, roundUsd } from '../../lib/cost';

describe('default rates (OpenCost)', () => {
  test.each([
    ['on-demand CPU $/vCPU-h', DEFAULT_RATES.usdPerCoreHour, 0.031611],
    ['on-demand RAM $/GiB-h', DEFAULT_RATES.usdPerGiBHour, 0.004237],
    ['GPU $/GPU-h', DEFAULT_RATES.usdPerGpuHour, 0.95],
    ['storage $/GiB-month', DEFAULT_RATES.usdPerGiBMonthStorage, 0.04],
    ['spot CPU $/vCPU-h', DEFAULT_SPOT_RATES.usdPerCoreHour, 0.006655],
    ['spot RAM $/GiB-h', DEFAULT_SPOT_RATES.usdPerGiBHour, 0.000892],
    ['spot GPU $/GPU-h', DEFAULT_SPOT_RATES.usdPerGpuHour, 0.95],
    ['hours per month', HOURS_PER_MONTH, 730],
  ])('%s = %d', (_name, actual, expected) => expect(actual).toBe(expected));
});

describe('roundUsd: once, at the edge', () => {
  test.each([
    [0.1234565, 6, 0.123457],
    [0.1234564, 6, 0.123456],
    [1.005, 2, 1.01],
    [2.675, 2, 2.68],
    [-0.0000005, 6, -0.000001],
    [-0.0000004, 6, 0],
    [0.39059, 5, 0.39059],
    [12_345.678_9, 2, 12_345.68],
    [0, 6, 0],
  ])('roundUsd(%d, %d) = %d', (amount, decimals, expected) => expect(roundUsd(amount, decimals)).toBe(expected));

  test('never -0; defaults to 6 decimals; non-finite passes through', () => {
    expect(Object.is(roundUsd(-0.0000001), 0)).toBe(true);
    expect(roundUsd(0.0000015)).toBe(0.000002);
    expect(roundUsd(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(roundUsd(Number.NaN)).toBeNaN();
  });
});
