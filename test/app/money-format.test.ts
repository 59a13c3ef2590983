import { describe, expect, test } from 'vitest';
import { formatMoney, formatPercent, formatUsd } from '../../lib/format';

describe('formatUsd: two decimals, rounded once, at display', () => {
  test.each([
    [0.1 + 0.2, '$0.30'],
    [0, '$0.00'],
    [-0, '$0.00'],
    [-0.004, '$0.00'],
    [-0.0049999, '$0.00'],
    [0.004, '$0.00'],
    [0.005, '$0.01'],
    [-0.01, '-$0.01'],
    [-12.345, '-$12.35'],
    [1 / 3, '$0.33'],
    [2 / 3, '$0.67'],
    [327.9249999, '$327.92'],
    [0.07 * 100, '$7.00'],
    [1234567.891, '$1,234,567.89'],
    [1e12 + 0.126, '$1,000,000,000,000.13'],
    [Number.MAX_SAFE_INTEGER, '$9,007,199,254,740,991.00'],
    [Number.NaN, '—'],
    [Number.POSITIVE_INFINITY, '—'],
  ])('%d → %s', (amount, text) => expect(formatUsd(amount)).toBe(text));

  test('another currency', () => {
    expect(formatUsd(12.5, 'EUR')).toBe('€12.50');
    expect(formatUsd(-0, 'EUR')).toBe('€0.00');
    expect(formatUsd(1234.5, 'GBP')).toBe('£1,234.50');
  });

  test('summing unrounded amounts, then rounding once, is what the page shows', () => {
    const hours = Array.from({ length: 720 }, () => 0.0104166666);
    expect(formatUsd(hours.reduce((sum, x) => sum + x, 0))).toBe('$7.50');
  });

  test('formatMoney is the same function', () => expect(formatMoney).toBe(formatUsd));
});

describe('formatPercent', () => {
  test.each([
    [0.4567, undefined, '45.7%'],
    [1, undefined, '100.0%'],
    [0, undefined, '0.0%'],
    [-0, undefined, '0.0%'],
    [-0.00001, undefined, '0.0%'],
    [0.1 + 0.2, 0, '30%'],
    [0.123456, 2, '12.35%'],
    [1.5, undefined, '150.0%'],
    [Number.NaN, undefined, '—'],
  ])('%d (%s digits) → %s', (fraction, digits, text) => expect(formatPercent(fraction, digits)).toBe(text));
});
