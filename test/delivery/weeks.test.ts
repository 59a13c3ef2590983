import { describe, expect, test } from 'vitest';
import { isoWeekStartMs, isoWeeksOf } from '@/lib/delivery/weeks';
import { LEAD_TIME_BUCKETS, LEAD_TIME_EDGES_SECONDS, leadTimeBucketOf, leadTimeDistribution } from '@/lib/delivery/lead-time-buckets';

const at = (iso: string) => Date.parse(iso);
const day = (ms: number) => new Date(ms).toISOString();

describe('UTC ISO weeks start on Monday 00:00', () => {
  test.each([
    ['2026-11-30T00:00:00.000Z', '2026-11-30T00:00:00.000Z'], // a Monday, at its first instant
    ['2026-11-29T23:59:59.999Z', '2026-11-23T00:00:00.000Z'], // Sunday's last instant is still the week before
    ['2026-12-03T13:07:00.000Z', '2026-11-30T00:00:00.000Z'], // a Thursday
    ['2027-01-01T12:00:00.000Z', '2026-12-28T00:00:00.000Z'], // across a year end
    ['1970-01-01T00:00:00.000Z', '1969-12-29T00:00:00.000Z'], // before the epoch's first Monday
  ])('%s → %s', (instant, monday) => expect(day(isoWeekStartMs(at(instant)))).toBe(monday));
});

describe('isoWeeksOf: the weeks overlapping [start, end), clipped to it', () => {
  test('a window from Wednesday to Tuesday: a partial week, a whole one, a partial one', () => {
    expect(isoWeeksOf(at('2026-11-18T00:00:00Z'), at('2026-12-01T00:00:00Z')).map((w) => [day(w.weekStartMs), day(w.startMs), day(w.endMs)])).toEqual([
      ['2026-11-16T00:00:00.000Z', '2026-11-18T00:00:00.000Z', '2026-11-23T00:00:00.000Z'],
      ['2026-11-23T00:00:00.000Z', '2026-11-23T00:00:00.000Z', '2026-11-30T00:00:00.000Z'],
      ['2026-11-30T00:00:00.000Z', '2026-11-30T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
    ]);
  });
  test('a window ending on a Monday has no empty week after it; inside one week: one span', () => {
    expect(isoWeeksOf(at('2026-11-23T00:00:00Z'), at('2026-11-30T00:00:00Z'))).toHaveLength(1);
    expect(isoWeeksOf(at('2026-11-24T06:00:00Z'), at('2026-11-24T07:00:00Z'))).toEqual([
      { weekStartMs: at('2026-11-23T00:00:00Z'), startMs: at('2026-11-24T06:00:00Z'), endMs: at('2026-11-24T07:00:00Z') },
    ]);
  });
  test('an empty window has no weeks', () => expect(isoWeeksOf(at('2026-11-24T00:00:00Z'), at('2026-11-24T00:00:00Z'))).toEqual([]));
});

describe('lead-time buckets: < 1 h, 1 h – 1 d, 1 d – 1 w, 1 w – 1 mo (30 d), > 1 mo; each edge opens the next bucket', () => {
  const H = 3600;
  const D = 24 * H;
  test.each([
    [-30, 0], [0, 0], [H - 0.001, 0], [H, 1], [D - 1, 1], [D, 2], [7 * D - 1, 2], [7 * D, 3], [30 * D - 1, 3], [30 * D, 4], [400 * D, 4],
  ])('%s s → bucket %s', (seconds, bucket) => expect(leadTimeBucketOf(seconds)).toBe(bucket));
  test('the edges are the buckets’ lower bounds, and the distribution has every bucket', () => {
    expect(LEAD_TIME_EDGES_SECONDS).toEqual([H, D, 7 * D, 30 * D]);
    expect(LEAD_TIME_BUCKETS.map((b) => b.label)).toEqual(['< 1 h', '1 h – 1 d', '1 d – 1 w', '1 w – 1 mo', '> 1 mo']);
    expect(leadTimeDistribution([])).toEqual([0, 0, 0, 0, 0]);
    expect(leadTimeDistribution([10, 20, H, 3 * D, 31 * D, -5])).toEqual([3, 1, 1, 0, 1]);
  });
  test('NaN is refused', () => expect(() => leadTimeBucketOf(Number.NaN)).toThrow(RangeError));
});
