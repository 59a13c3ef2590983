import { describe, expect, test } from 'vitest';
import { parseWindow, windowSteps, WindowError } from '../../lib/allocation/window';

// Saturday 2026-11-28 14:25 UTC
const NOW = Date.UTC(2026, 10, 28, 14, 25);
const iso = (ms: number) => new Date(ms).toISOString();

describe('parseWindow', () => {
  test.each([
    ['today', '2026-11-28T00:00:00.000Z', '2026-11-28T15:00:00.000Z'],
    ['yesterday', '2026-11-27T00:00:00.000Z', '2026-11-28T00:00:00.000Z'],
    ['week', '2026-11-22T00:00:00.000Z', '2026-11-28T15:00:00.000Z'], // weeks start on Sunday
    ['lastweek', '2026-11-15T00:00:00.000Z', '2026-11-22T00:00:00.000Z'],
    ['month', '2026-11-01T00:00:00.000Z', '2026-11-28T15:00:00.000Z'],
    ['lastmonth', '2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z'],
    ['24h', '2026-11-27T15:00:00.000Z', '2026-11-28T15:00:00.000Z'],
    ['7d', '2026-11-21T15:00:00.000Z', '2026-11-28T15:00:00.000Z'],
    ['2w', '2026-11-14T15:00:00.000Z', '2026-11-28T15:00:00.000Z'],
    ['2026-11-01T00:00:00Z,2026-11-08T00:00:00Z', '2026-11-01T00:00:00.000Z', '2026-11-08T00:00:00.000Z'],
    ['2026-11-01T10:30:00+02:00,2026-11-01T12:10:00Z', '2026-11-01T08:00:00.000Z', '2026-11-01T13:00:00.000Z'], // whole hours
    ['1793491200,1793577600', '2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z'], // unix seconds
    ['  Month ', '2026-11-01T00:00:00.000Z', '2026-11-28T15:00:00.000Z'],
  ])('%s → [%s, %s)', (text, start, end) => {
    const window = parseWindow(text, NOW);
    expect([iso(window.startMs), iso(window.endMs)]).toEqual([start, end]);
  });

  test.each([
    ['', /not a window/],
    ['tomorrow', /not a window/],
    ['-3d', /not a window/],
    ['7y', /not a window/],
    ['2026-11-08T00:00:00Z,2026-11-01T00:00:00Z', /empty/],
    ['2026-11-01,2026-11-08', /RFC 3339/],
    ['2026-11-01T00:00:00Z', /not a window/],
    ['a,b,c', /one comma/],
    ['999d', /longer than 400 days/],
    ["'; DROP TABLE pod; --", /not a window/],
  ])('%j is refused: %s', (text, message) => {
    expect(() => parseWindow(text, NOW)).toThrow(WindowError);
    expect(() => parseWindow(text, NOW)).toThrow(message);
  });
});

describe('windowSteps', () => {
  const window = { startMs: Date.UTC(2026, 10, 1, 6), endMs: Date.UTC(2026, 10, 3, 9) };
  test('no step: the whole window', () => expect(windowSteps(window)).toEqual([window]));
  test('1h steps cover the window hour by hour', () => {
    const steps = windowSteps(window, 3_600_000);
    expect(steps).toHaveLength(51);
    expect(steps[0]).toEqual({ startMs: window.startMs, endMs: window.startMs + 3_600_000 });
    expect(steps.at(-1)!.endMs).toBe(window.endMs);
  });
  test('1d steps widen the window to whole UTC days', () => {
    const steps = windowSteps(window, 86_400_000);
    expect(steps.map((s) => iso(s.startMs))).toEqual(['2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z', '2026-11-03T00:00:00.000Z']);
    expect(iso(steps.at(-1)!.endMs)).toBe('2026-11-04T00:00:00.000Z');
  });
});
