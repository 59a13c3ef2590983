import { describe, expect, test } from 'vitest';
import { forecastMonth, type DailyCost } from '../../lib/cost/forecast';

const DAY = 86_400_000;
const at = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const NOVEMBER = { monthStartMs: at('2026-11-01'), monthEndMs: at('2026-12-01') };
const DECEMBER = { monthStartMs: at('2026-12-01'), monthEndMs: at('2027-01-01') };
/** Days from `first` (inclusive) to `end` (exclusive), each costing cost(k, weekend) for the k-th day. */
function series(first: string, end: string, cost: (k: number, weekend: boolean) => number): DailyCost[] {
  const out: DailyCost[] = [];
  for (let ms = at(first), k = 0; ms < at(end); ms += DAY, k++) {
    const weekday = new Date(ms).getUTCDay();
    out.push({ dayStartMs: ms, costUsd: cost(k, weekday === 0 || weekday === 6) });
  }
  return out;
}

describe('forecastMonth: where the month lands (November 2026: Sundays on the 1st, 8th, 15th…)', () => {
  test('flat: $100 a day for 4 weeks, on the 15th → 14 days spent + 16 to come = $3,000; the band only the least level error (z₈₀ × 2% of the rest)', () => {
    const f = forecastMonth({ ...NOVEMBER, nowMs: at('2026-11-15'), dailyCostsUsd: series('2026-10-18', '2026-11-15', () => 100) });
    expect(f.method).toBe('pattern');
    expect(f.actualToDateUsd).toBeCloseTo(1400, 9);
    expect(f.forecastUsd).toBeCloseTo(3000, 9);
    expect(f.forecastLowUsd).toBeCloseTo(3000 - 1.2816 * 0.02 * 1600, 6);
    expect(f.forecastHighUsd).toBeCloseTo(3000 + 1.2816 * 0.02 * 1600, 6);
  });

  test('growing by $2 a day from $100 on the 1st: the trend carries on (28 days spent $3,556; the 29th $156, the 30th $158)', () => {
    const f = forecastMonth({ ...NOVEMBER, nowMs: at('2026-11-29'), dailyCostsUsd: series('2026-11-01', '2026-11-29', (k) => 100 + 2 * k) });
    expect(f.method).toBe('pattern');
    expect(f.actualToDateUsd).toBeCloseTo(3556, 9);
    expect(f.forecastUsd).toBeCloseTo(3556 + 156 + 158, 6);
    // A flat run rate (what the month so far says per day) would miss the growth.
    expect(f.forecastUsd).toBeGreaterThan((3556 / 28) * 30 + 20);
  });

  test('weekday-heavy: $100 weekdays, $30 weekends — the 16 days left hold 11 weekdays and 5 weekend days', () => {
    const f = forecastMonth({ ...NOVEMBER, nowMs: at('2026-11-15'), dailyCostsUsd: series('2026-10-18', '2026-11-15', (_k, weekend) => (weekend ? 30 : 100)) });
    expect(f.actualToDateUsd).toBeCloseTo(10 * 100 + 4 * 30, 9);
    expect(f.forecastUsd).toBeCloseTo(1120 + 11 * 100 + 5 * 30, 6);
    expect(f.forecastHighUsd - f.forecastLowUsd).toBeCloseTo(2 * 1.2816 * 0.02 * (11 * 100 + 5 * 30), 6); // the pattern fits exactly
  });

  test('half a month old: a cluster since the 10th at $200 a day, at noon on the 15th → the mean day; band ±25% of the rest', () => {
    const days = [...series('2026-11-10', '2026-11-15', () => 200), { dayStartMs: at('2026-11-15'), costUsd: 100 }];
    const f = forecastMonth({ ...NOVEMBER, nowMs: at('2026-11-15') + 12 * 3_600_000, dailyCostsUsd: days });
    expect(f.method).toBe('mean');
    expect(f.actualToDateUsd).toBeCloseTo(1100, 9);
    // The rest: half of the 15th and the 15 days from the 16th, $200 each.
    expect(f.forecastUsd).toBeCloseTo(1100 + 100 + 15 * 200, 9);
    expect(f.forecastLowUsd).toBeCloseTo(4200 - 0.25 * 3100, 9);
    expect(f.forecastHighUsd).toBeCloseTo(4200 + 0.25 * 3100, 9);
  });

  test('a level shift the last week shows widens the band: a month at $100 a day, then $150 from the 8th; the held-out week misses by a third', () => {
    const steady = forecastMonth({ ...NOVEMBER, nowMs: at('2026-11-15'), dailyCostsUsd: series('2026-10-18', '2026-11-15', () => 100) });
    const shifted = forecastMonth({ ...NOVEMBER, nowMs: at('2026-11-15'), dailyCostsUsd: series('2026-10-18', '2026-11-15', (k) => (k >= 21 ? 150 : 100)) });
    expect(shifted.forecastHighUsd - shifted.forecastLowUsd).toBeGreaterThan(5 * (steady.forecastHighUsd - steady.forecastLowUsd));
    expect(shifted.forecastLowUsd).toBeLessThanOrEqual(shifted.forecastUsd);
  });

  test('the first hours of a new cluster: today’s run rate (6 hours cost $25 → $100 a day)', () => {
    const f = forecastMonth({ ...NOVEMBER, nowMs: at('2026-11-01') + 6 * 3_600_000, dailyCostsUsd: [{ dayStartMs: at('2026-11-01'), costUsd: 25 }] });
    expect(f.method).toBe('run-rate');
    expect(f.forecastUsd).toBeCloseTo(25 + 75 + 29 * 100, 9);
  });

  test('a month with no data yet: from the last 4 weeks when there are some, else from the previous month', () => {
    const fromPattern = forecastMonth({ ...DECEMBER, nowMs: at('2026-12-01'), dailyCostsUsd: series('2026-11-03', '2026-12-01', () => 100) });
    expect(fromPattern).toMatchObject({ method: 'pattern', actualToDateUsd: 0 });
    expect(fromPattern.forecastUsd).toBeCloseTo(3100, 6);
    const fromPrevious = forecastMonth({
      ...DECEMBER, nowMs: at('2026-12-01'), dailyCostsUsd: [],
      previousMonthDailyCostsUsd: [...series('2026-11-01', '2026-11-11', () => 50), ...series('2026-11-11', '2026-12-01', () => 0)],
    });
    expect(fromPrevious.method).toBe('previous-month');
    expect(fromPrevious.forecastUsd).toBeCloseTo(31 * 50, 9);
  });

  test('no cost at all → 0; a month that is over → its actual', () => {
    expect(forecastMonth({ ...NOVEMBER, nowMs: at('2026-11-10'), dailyCostsUsd: [] })).toEqual({
      forecastUsd: 0, forecastLowUsd: 0, forecastHighUsd: 0, actualToDateUsd: 0, method: 'none',
    });
    const over = forecastMonth({ ...NOVEMBER, nowMs: at('2026-12-03'), dailyCostsUsd: series('2026-10-20', '2026-12-03', () => 10) });
    expect(over).toMatchObject({ method: 'complete', forecastLowUsd: over.forecastUsd, forecastHighUsd: over.forecastUsd });
    expect(over.forecastUsd).toBeCloseTo(300, 9);
  });

  test('noisy weekly series: low ≤ forecast ≤ high, low never under what is spent, and the band widens with the noise and the days left', () => {
    let seed = 7;
    const noise = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31 - 0.5) * 40; // ±$20
    const days = series('2026-10-04', '2026-11-25', (_k, weekend) => (weekend ? 60 : 120) + noise());
    const widths: number[] = [];
    for (const day of ['2026-11-05', '2026-11-15', '2026-11-25']) {
      const nowMs = at(day);
      const f = forecastMonth({ ...NOVEMBER, nowMs, dailyCostsUsd: days.filter((d) => d.dayStartMs < nowMs) });
      expect(f.method).toBe('pattern');
      expect(f.forecastLowUsd).toBeLessThanOrEqual(f.forecastUsd);
      expect(f.forecastHighUsd).toBeGreaterThanOrEqual(f.forecastUsd);
      expect(f.forecastLowUsd).toBeGreaterThanOrEqual(f.actualToDateUsd);
      widths.push(f.forecastHighUsd - f.forecastLowUsd);
    }
    // Fewer days left, a narrower band (the held-out week's error moves it too, so 5th vs 15th may go either way).
    expect(widths[0]!).toBeGreaterThan(widths[2]!);
    expect(widths[1]!).toBeGreaterThan(widths[2]!);
    expect(widths[2]!).toBeGreaterThan(0);
  });
});
