import { describe, expect, test } from 'vitest';
import { planBackfill, type BackfillPlanInput } from '../../lib/ingest/backfill-plan';

const H = 3_600_000;
const STEP = 600_000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

// 2026-12-02 00:30 UTC, 30 days back from 2026-11-01: the month to date is 30 minutes old.
const base: BackfillPlanInput = {
  fromMs: at('2026-11-30T18:00:00Z'),
  toMs: at('2026-12-01T00:35:00Z'),
  stepMs: STEP,
  chunkHours: 6,
  doneHoursMs: new Set(),
  storedScrapesMs: [],
  rollupOpenHour: true,
};

describe('planBackfill', () => {
  test('newest chunk first, each replayed forward; the open hour of the month to date comes first', () => {
    const chunks = planBackfill(base);
    expect(chunks.map((c) => [iso(c.fromMs), iso(c.toMs)])).toEqual([
      ['2026-12-01T00:00:00.000Z', '2026-12-01T01:00:00.000Z'],
      ['2026-11-30T18:00:00.000Z', '2026-12-01T00:00:00.000Z'],
    ]);
    expect(chunks[0]!.scrapesMs.map(iso)).toEqual(['00:00', '00:10', '00:20', '00:30'].map((m) => `2026-12-01T${m}:00.000Z`));
    expect(chunks[0]!.rollupToMs).toBe(at('2026-12-01T01:00:00Z')); // rolled up while open
    // The older chunk replays 18:00…23:50; its last hour's bound (00:00) is stored by the newer chunk first.
    expect(chunks[1]!.scrapesMs).toHaveLength(36);
    expect(chunks[1]!.scrapesMs[0]).toBe(at('2026-11-30T18:00:00Z'));
    expect(chunks[1]!.scrapesMs.at(-1)).toBe(at('2026-11-30T23:50:00Z'));
    expect(chunks.every((c) => c.scrapesMs.every((t, i) => i === 0 || t > c.scrapesMs[i - 1]!))).toBe(true);
  });

  test('without rollupOpenHour only complete hours are rolled up', () => {
    const [newest] = planBackfill({ ...base, rollupOpenHour: false });
    expect(newest!.rollupToMs).toBe(newest!.fromMs);
  });

  test('resume: done hours are skipped, a chunk cut short carries on after its newest stored scrape', () => {
    const done = new Set([at('2026-12-01T00:00:00Z')]);
    // The older chunk stopped after 19:20; the newer one is done and its scrapes are stored.
    const stored = [
      ...range(at('2026-11-30T18:00:00Z'), at('2026-11-30T19:30:00Z')),
      ...range(at('2026-12-01T00:00:00Z'), at('2026-12-01T00:40:00Z')),
    ];
    const chunks = planBackfill({ ...base, doneHoursMs: done, storedScrapesMs: stored });
    // 00:00 holds the newest scrape: rolled up again, nothing to scrape. 23:00 is the hour before it.
    expect(chunks.map((c) => [iso(c.fromMs), iso(c.toMs), c.scrapesMs.length])).toEqual([
      ['2026-12-01T00:00:00.000Z', '2026-12-01T01:00:00.000Z', 0],
      ['2026-11-30T18:00:00.000Z', '2026-12-01T00:00:00.000Z', 27],
    ]);
    expect(chunks[1]!.scrapesMs[0]).toBe(at('2026-11-30T19:30:00Z'));
  });

  test('a second start replays only the missed minutes', () => {
    const stored = range(at('2026-11-30T18:00:00Z'), at('2026-12-01T00:40:00Z'));
    const done = new Set(hours(at('2026-11-30T18:00:00Z'), at('2026-12-01T01:00:00Z')));
    const chunks = planBackfill({ ...base, toMs: at('2026-12-01T03:05:00Z'), doneHoursMs: done, storedScrapesMs: stored });
    // 23:00 (the hour before the newest scrape's) is only rolled up again; its chunk ends at the block edge.
    expect(chunks.map((c) => [iso(c.fromMs), iso(c.toMs), c.scrapesMs.length])).toEqual([
      ['2026-12-01T00:00:00.000Z', '2026-12-01T04:00:00.000Z', 15],
      ['2026-11-30T23:00:00.000Z', '2026-12-01T00:00:00.000Z', 0],
    ]);
    const scrapes = chunks[0]!.scrapesMs;
    expect(iso(scrapes[0]!)).toBe('2026-12-01T00:40:00.000Z');
    expect(iso(scrapes.at(-1)!)).toBe('2026-12-01T03:00:00.000Z');
    expect(scrapes).toHaveLength(15);
  });

  test('a done hour whose raw samples were pruned: the chunk before it scrapes its bound again', () => {
    const done = new Set(hours(at('2026-11-30T12:00:00Z'), at('2026-12-01T01:00:00Z')));
    for (const h of hours(at('2026-11-30T18:00:00Z'), at('2026-11-30T20:00:00Z'))) done.delete(h);
    const stored = range(at('2026-12-01T00:00:00Z'), at('2026-12-01T00:40:00Z'));
    const chunks = planBackfill({ ...base, fromMs: at('2026-11-30T12:00:00Z'), doneHoursMs: done, storedScrapesMs: stored });
    const older = chunks.find((c) => c.fromMs === at('2026-11-30T18:00:00Z'))!;
    expect(older.toMs).toBe(at('2026-11-30T20:00:00Z'));
    expect(iso(older.scrapesMs.at(-1)!)).toBe('2026-11-30T20:00:00.000Z');
    expect(older.scrapesMs).toHaveLength(13);
  });

  test.each([
    [{ stepMs: 7 * 60_000 }, /stepMs/],
    [{ chunkHours: 0 }, /chunkHours/],
    [{ chunkHours: 1.5 }, /chunkHours/],
  ])('refuses %o', (bad, message) => {
    expect(() => planBackfill({ ...base, ...bad })).toThrow(message);
  });

  test('nothing to do for an empty range', () => {
    expect(planBackfill({ ...base, toMs: base.fromMs })).toEqual([]);
  });
});

function range(fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  for (let t = fromMs; t < toMs; t += STEP) out.push(t);
  return out;
}

function hours(fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  for (let t = fromMs; t < toMs; t += H) out.push(t);
  return out;
}
