import { describe, expect, test } from 'vitest';
import { remainingMs } from '../../lib/cli/progress';

describe('backfill ETA', () => {
  test.each([
    // a slow start (10 units in the first 20 s), then 1 unit/s for the last minute: the recent pace counts
    { recent: [{ at: 40_000, done: 20 }, { at: 100_000, done: 80 }], done: 80, total: 180, expected: 100_000 },
    // under 10 s of window: the pace since the start (80 units in 100 s)
    { recent: [{ at: 95_000, done: 78 }, { at: 100_000, done: 80 }], done: 80, total: 180, expected: 125_000 },
    { recent: [], done: 0, total: 180, expected: 0 },
    { recent: [{ at: 100_000, done: 180 }], done: 180, total: 180, expected: 0 },
  ])('$done of $total → $expected ms', ({ recent, done, total, expected }) => {
    expect(remainingMs(recent, 0, done, total)).toBeCloseTo(expected, 6);
  });
});
