import { describe, expect, test } from 'vitest';
import { allocateContainerHour, medianIntervalMs, sampleDurations } from '../../lib/cost';

const MINUTE = 60_000;
const HOUR_MS = 3_600_000;
const HOUR = Date.UTC(2026, 10, 25, 10);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
/** Scrapes every `stepMs` from `fromMs` (inclusive) to `toMs` (exclusive). */
const scrapes = (fromMs: number, toMs: number, stepMs: number) => Array.from({ length: Math.ceil((toMs - fromMs) / stepMs) }, (_, i) => fromMs + i * stepMs);
/** What the rollup passes for [start, end): the lookback of maxGapMs, the window, the first scrape after it. */
const forWindow = (all: number[], start: number, end: number, maxGapMs: number, withNext = true) => {
  const inside = all.filter((t) => t >= start - maxGapMs && t < end);
  const next = all.find((t) => t >= end);
  return withNext && next !== undefined ? [...inside, next] : inside;
};

const live = { name: 'live, every 60 s', stepMs: MINUTE, maxGapMs: 3 * MINUTE };
const replay = { name: 'replay, every 10 min', stepMs: 10 * MINUTE, maxGapMs: 30 * MINUTE };

describe('sampleDurations: continuous scrapes cover a window exactly once', () => {
  test.each([
    [live.name, 'aligned to the hour, next scrape given', live, 0, true],
    [live.name, 'aligned, still-open hour (no next scrape)', live, 0, false],
    [live.name, '17 s past the minute, next given', live, 17_000, true],
    [live.name, '17 s past the minute, no next', live, 17_000, false],
    [replay.name, 'aligned, next given', replay, 0, true],
    [replay.name, 'aligned, no next', replay, 0, false],
    [replay.name, '4 min 3 s past, next given', replay, 243_000, true],
    [replay.name, '4 min 3 s past, no next', replay, 243_000, false],
  ])('%s, %s', (_name, _case, cadence, offsetMs, withNext) => {
    const all = scrapes(HOUR - 2 * HOUR_MS + offsetMs, HOUR + 2 * HOUR_MS, cadence.stepMs);
    const times = forWindow(all, HOUR, HOUR + HOUR_MS, cadence.maxGapMs, withNext);
    const seconds = sampleDurations(times, HOUR, HOUR + HOUR_MS, cadence.maxGapMs);
    expect(seconds).toHaveLength(times.length);
    expect(sum(seconds)).toBeCloseTo(3600, 9);
  });

  test('jittered live scrapes with the next one given still cover the hour exactly', () => {
    const all = scrapes(HOUR - HOUR_MS, HOUR + 2 * HOUR_MS, MINUTE).map((t, i) => t + ((i * 7919) % 1500));
    const seconds = sampleDurations(forWindow(all, HOUR, HOUR + HOUR_MS, 3 * MINUTE), HOUR, HOUR + HOUR_MS, 3 * MINUTE);
    expect(sum(seconds)).toBeCloseTo(3600, 9);
  });

  test('consecutive windows tile: each scrape’s durations over the hours add up to its span', () => {
    const all = scrapes(HOUR + 25_000, HOUR + 5 * HOUR_MS, 7 * MINUTE);
    const perScrape = new Map<number, number>();
    for (let h = HOUR; h < HOUR + 5 * HOUR_MS; h += HOUR_MS) {
      const times = forWindow(all, h, h + HOUR_MS, 21 * MINUTE);
      sampleDurations(times, h, h + HOUR_MS, 21 * MINUTE).forEach((s, i) => perScrape.set(times[i]!, (perScrape.get(times[i]!) ?? 0) + s));
    }
    all.slice(0, -1).forEach((t) => expect(perScrape.get(t)).toBeCloseTo(420, 9));
    expect(sum([...perScrape.values()])).toBeCloseTo(5 * 3600 - 25, 9);
  });
});

describe('the same constant usage costs the same live and replayed', () => {
  const prices = { usdPerCoreHour: 0.0325491, usdPerGiBHour: 0.0043627, usdPerGpuHour: 0.95 };
  const usage = { cpuRequestMillicores: 250, cpuUsageMillicores: 400, memoryRequestBytes: 2 ** 30, memoryUsageBytes: 2 ** 29, gpuRequest: 1 };
  const dayCost = (stepMs: number, maxGapMs: number) => {
    const day = Date.UTC(2026, 10, 25);
    const all = scrapes(day - HOUR_MS, day + 25 * HOUR_MS, stepMs);
    let usd = 0;
    for (let h = day; h < day + 24 * HOUR_MS; h += HOUR_MS) {
      const seconds = sampleDurations(forWindow(all, h, h + HOUR_MS, maxGapMs), h, h + HOUR_MS, maxGapMs);
      usd += allocateContainerHour(seconds.map((durationSeconds) => ({ durationSeconds, ...usage })), prices).totalCostUsd;
    }
    return usd;
  };
  const expected = 24 * (0.4 * prices.usdPerCoreHour + 1 * prices.usdPerGiBHour + 1 * prices.usdPerGpuHour);
  test.each([
    ['live every 60 s', MINUTE, 3 * MINUTE],
    ['replay every 10 min', 10 * MINUTE, 30 * MINUTE],
    ['replay every 15 min', 15 * MINUTE, 45 * MINUTE],
  ])('%s: a day costs 24 × the hourly rate', (_name, stepMs, maxGapMs) => {
    expect(dayCost(stepMs, maxGapMs)).toBeCloseTo(expected, 12);
  });
});

describe('sampleDurations edges', () => {
  test.each([
    ['an outage longer than the cap is a gap, not a smear (last one capped too)', [HOUR, HOUR + MINUTE, HOUR + 50 * MINUTE], 3 * MINUTE, {}, [60, 180, 180]],
    ['a single scrape stands for maxGapMs / 3', [HOUR + 10 * MINUTE], 3 * MINUTE, {}, [60]],
    ['lastSpanMs overrides the median', [HOUR, HOUR + MINUTE], 3 * MINUTE, { lastSpanMs: 30_000 }, [60, 30]],
    ['lastSpanMs is capped at maxGapMs', [HOUR], 3 * MINUTE, { lastSpanMs: HOUR_MS }, [180]],
    ['the last scrape stands for the median interval', [HOUR, HOUR + MINUTE, HOUR + 2 * MINUTE, HOUR + 4 * MINUTE], 10 * MINUTE, {}, [60, 60, 120, 60]],
    ['duplicate times: only the last of them counts', [HOUR, HOUR, HOUR + MINUTE], 3 * MINUTE, {}, [0, 60, 60]],
    ['a scrape before the window counts only inside it (the last stands for the 3-min median)', [HOUR - 2 * MINUTE, HOUR + MINUTE], 3 * MINUTE, {}, [60, 180]],
    ['a scrape at windowEnd is outside [start, end)', [HOUR + 59 * MINUTE, HOUR + HOUR_MS], 3 * MINUTE, {}, [60, 0]],
    ['a lookback shorter than maxGapMs leaves the window start uncovered', [HOUR + 5 * MINUTE], 30 * MINUTE, {}, [600]],
    ['no scrapes', [], 3 * MINUTE, {}, []],
  ])('%s', (_name, times, maxGapMs, options, expected) => {
    expect(sampleDurations(times, HOUR, HOUR + HOUR_MS, maxGapMs, options)).toEqual(expected);
  });

  test.each([
    ['unsorted times', () => sampleDurations([HOUR + MINUTE, HOUR], HOUR, HOUR + HOUR_MS, MINUTE)],
    ['maxGapMs of 0', () => sampleDurations([HOUR], HOUR, HOUR + HOUR_MS, 0)],
    ['a window ending before it starts', () => sampleDurations([HOUR], HOUR, HOUR - 1, MINUTE)],
    ['a negative lastSpanMs', () => sampleDurations([HOUR], HOUR, HOUR + HOUR_MS, MINUTE, { lastSpanMs: -1 })],
  ])('throws a RangeError for %s', (_name, call) => expect(call).toThrow(RangeError));
});

describe('medianIntervalMs', () => {
  test.each([
    [[], null],
    [[HOUR], null],
    [[HOUR, HOUR], null],
    [[0, 60_000, 120_000, 300_000], 60_000],
    [[0, 10, 30, 60, 100], 30],
    [[0, 0, 50, 50, 150], 100],
  ])('%j → %s', (times, expected) => expect(medianIntervalMs(times)).toBe(expected));
});
