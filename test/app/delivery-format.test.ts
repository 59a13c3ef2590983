import { describe, expect, test } from 'vitest';
import { formatDuration, formatFrequency, formatImpact, formatRatio, formatTier, formatUsdPerHour } from '../../app/_lib/delivery-format';

describe('delivery figures for people: absent is "—", never 0', () => {
  test.each([
    [null, '—'], [Number.NaN, '—'], [0, '0 s'], [44.6, '45 s'], [59.4, '59 s'], [59.6, '1 min'], [60, '1 min'], [2073.5, '35 min'], [3569, '59 min'], [3570, '1.0 h'],
    [3600, '1.0 h'], [37_935, '10.5 h'], [86_219, '23.9 h'], [86_220, '1.0 d'], [86_400, '1.0 d'], [243_807.5, '2.8 d'], [-30, '−30 s'], [-7200, '−2.0 h'],
  ])('duration %s s → %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text));

  test.each([
    [17 / 3, '5.7/day'], [1, '1.0/day'], [2 / 3, '4.7/week'], [1 / 7, '1.0/week'], [1 / 30, '1.0/month'], [1 / 90, '0.3/month'],
  ])('frequency %s per day → %s', (perDay, text) => expect(formatFrequency(perDay)).toBe(text));

  test('hourly costs keep up to four decimals', () => {
    expect([formatUsdPerHour(0.0412), formatUsdPerHour(1.25), formatUsdPerHour(0.00001), formatUsdPerHour(12.34567), formatUsdPerHour(Number.NaN)])
      .toEqual(['$0.0412/h', '$1.25/h', '$0.00/h', '$12.3457/h', '—']);
  });

  test('ratios, tiers and cost impact', () => {
    expect([formatRatio(null), formatRatio(0), formatRatio(1 / 17)]).toEqual(['—', '0.0%', '5.9%']);
    expect([formatTier(null), formatTier('elite')]).toEqual(['—', 'elite']);
    expect([formatImpact(null), formatImpact(0.3), formatImpact(-0.125), formatImpact(0), formatImpact(-0.00001)]).toEqual(['—', '+30.0%', '−12.5%', '0.0%', '0.0%']);
  });
});
