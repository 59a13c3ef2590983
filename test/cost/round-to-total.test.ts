import { describe, expect, test } from 'vitest';
import { roundToTotal } from '../../lib/cost/round-to-total';

const cents = (xs: number[]) => Math.round(xs.reduce((s, x) => s + x, 0) * 100);

describe('roundToTotal: rows that add up to the total to the cent, the remainder on the largest row', () => {
  test.each([
    // Three thirds of $1: 0.33 × 3 = 0.99, the missing cent goes to the first of equals.
    [[1 / 3, 1 / 3, 1 / 3], 1, [0.34, 0.33, 0.33]],
    // Each rounds up, the total does not: the largest gives a cent back.
    [[10.005, 2.005, 0.005], 12.015, [10, 2.01, 0.01]],
    [[100.004, 0.004, 0.004], 100.012, [100.01, 0, 0]],
    [[5.25, -1.125, 0.875], 5, [5.25, -1.13, 0.88]],
    [[], 0, []],
    [[0, 0], 0, [0, 0]],
  ])('%j (total %d) → %j', (parts, total, expected) => {
    const rounded = roundToTotal(parts, total);
    expect(rounded).toEqual(expected);
    expect(cents(rounded)).toBe(Math.round(total * 100));
  });

  test('200 random rows: Σ rounded = round(Σ) exactly, each row within a cent of itself but the largest', () => {
    let seed = 11;
    const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    const parts = Array.from({ length: 200 }, () => random() * 1000);
    const total = parts.reduce((s, p) => s + p, 0);
    const rounded = roundToTotal(parts);
    expect(cents(rounded)).toBe(Math.round(total * 100));
    const largest = parts.indexOf(Math.max(...parts));
    rounded.forEach((r, i) => { if (i !== largest) expect(Math.abs(r - parts[i]!)).toBeLessThanOrEqual(0.005 + 1e-9); });
  });
});
