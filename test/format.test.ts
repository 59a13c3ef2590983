import { describe, expect, test } from 'vitest';
import { formatAge, formatBytes, formatMillicores, formatMoney, formatPercent } from '../lib/format';

describe('money is rounded once, at display', () => {
  test.each([
    [0.1 + 0.2, '$0.30'],
    [-0, '$0.00'],
    [-0.001, '$0.00'],
    [1234567.895, '$1,234,567.90'],
    [0.005, '$0.01'],
    [327.9249999, '$327.92'],
  ])('%d → %s', (amount, text) => expect(formatMoney(amount)).toBe(text));
  test('another currency', () => expect(formatMoney(12.5, 'EUR')).toBe('€12.50'));
});

describe('quantities and times', () => {
  test.each([
    [0.4567, '45.7%'],
    [1, '100.0%'],
  ])('percent %d → %s', (x, text) => expect(formatPercent(x)).toBe(text));
  test.each([
    [512, '512 B'],
    [1536, '1.5 KiB'],
    [3 * 1024 ** 3, '3.0 GiB'],
  ])('bytes %d → %s', (x, text) => expect(formatBytes(x)).toBe(text));
  test.each([
    [250, '250m'],
    [2500, '2.5 cores'],
  ])('millicores %d → %s', (x, text) => expect(formatMillicores(x)).toBe(text));
  const now = new Date('2026-11-28T12:00:00Z');
  test.each([
    ['2026-11-28T11:59:20Z', '40 s ago'],
    ['2026-11-28T11:57:00Z', '3 min ago'],
    ['2026-11-28T10:00:00Z', '2 h ago'],
    ['2026-11-23T12:00:00Z', '5 d ago'],
  ])('age of %s → %s', (iso, text) => expect(formatAge(iso, now)).toBe(text));
});
