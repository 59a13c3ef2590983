import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pruneJob } from '../../jobs/prune';
import { rollupJob } from '../../jobs/rollup';
import { computeAllocation, type AllocationRequest } from '../../lib/allocation/compute';
import { toOpenCostResponse } from '../../lib/allocation/opencost-json';
import { rollupNotes } from '../../lib/cli/rollup';
import type { Database } from '../../lib/db/client';
import type { DemoCluster } from '../../lib/demo/server';
import { rollupRangeReport, type RollupOptions } from '../../lib/ingest/rollup';
import { canRebuild } from '../../lib/ingest/rollup-hour';
import { BACKENDS } from '../helpers/backends';
import { collectDemo } from '../helpers/collect-demo';

const HOUR_MS = 3_600_000;
// Four hours across a day edge: 22:00 and 23:00 of the 24th, 00:00 and 01:00 of the 25th.
const FROM = new Date('2026-11-24T22:00:00.000Z');
const TO = new Date('2026-11-25T02:00:00.000Z');
const NOW = new Date('2026-11-26T00:00:00.000Z'); // November still open
const SETTINGS: Partial<RollupOptions> = { sharing: { namespaces: ['kube-system'], labels: [] } };

const TABLES: Record<string, string> = {
  container_hour: 'SELECT * FROM container_hour ORDER BY cluster_id, hour_start, pod_uid, container',
  node_hour: 'SELECT * FROM node_hour ORDER BY cluster_id, hour_start, node_uid',
  cluster_hour: 'SELECT * FROM cluster_hour ORDER BY cluster_id, hour_start',
  container_day: 'SELECT * FROM container_day ORDER BY cluster_id, day_start, pod_uid, container',
  node_day: 'SELECT * FROM node_day ORDER BY cluster_id, day_start, node_uid',
  workload_day: 'SELECT * FROM workload_day ORDER BY cluster_id, day_start, namespace, controller_kind, controller_name, team',
};

const request = (over: Partial<AllocationRequest>): AllocationRequest => ({
  window: { startMs: Date.parse('2026-11-24T00:00:00Z'), endMs: Date.parse('2026-11-26T00:00:00Z') },
  aggregate: [], idle: 'separate', idleScope: 'node', filter: [], shareNamespaces: ['kube-system'], shareLabels: [],
  shareSplit: 'weighted', overheadUsdPerMonth: 0, invoices: [], storedSharingBeforeMs: Date.parse('2026-12-01T00:00:00Z'), ...over,
});

describe.each(BACKENDS)('a rollup never destroys what it cannot rebuild, on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let cluster: DemoCluster;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    cluster = await collectDemo(db, FROM, TO);
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
    await cleanup?.();
  });

  const snapshot = () =>
    db.session(async (s) => {
      const out: Record<string, unknown[]> = {};
      for (const [table, query] of Object.entries(TABLES)) out[table] = await s.query(query);
      return out;
    });
  // What the allocation API serves (money rounded at the edge). The unrounded float sums may
  // differ in the last bit: they follow the order the database scans rows, which a re-roll changes.
  const api = async (req: AllocationRequest) => toOpenCostResponse(await computeAllocation(db, req));
  const allocations = async () => ({
    containers: await api(request({})),
    teams: await api(request({ aggregate: ['team'], idle: 'share', stepMs: HOUR_MS })),
    namespaces: await api(request({ aggregate: ['namespace'], window: { startMs: FROM.getTime(), endMs: TO.getTime() } })),
  });
  const hoursOf = async (table: string) =>
    (await db.session((s) => s.query<{ h: Date }>(`SELECT DISTINCT hour_start AS h FROM ${table} ORDER BY 1`))).map((r) => new Date(r.h).toISOString());

  test('pruning raw samples, then re-rolling the whole range, leaves every hourly and daily row and the allocation API as they were', async () => {
    const first = await rollupRangeReport(db, { ...SETTINGS, from: FROM, to: TO, now: NOW });
    expect(first.keptHours).toBe(0);
    const before = await snapshot();
    const beforeApi = await allocations();
    expect(before.container_hour!.length).toBeGreaterThan(400);
    expect(await hoursOf('node_hour')).toHaveLength(4);
    expect(before.container_day!.length).toBeGreaterThan(100);

    // The prune job 8 days later, five minutes into the 25th: the 24th's hours lose all their
    // samples, 00:00 its opening scrape (the day edge), 01:00 none of its own.
    await pruneJob('17 3 * * *', 8).run({ db, now: () => new Date('2026-12-03T00:05:00.000Z') });
    const partly = await rollupRangeReport(db, { ...SETTINGS, from: FROM, to: TO, now: NOW });
    expect(partly.keptHours).toBe(3);
    expect(partly.rows).toBeGreaterThan(0); // 01:00 and both days were rolled up again
    expect(rollupNotes(partly)).toContain('kept 3 hours with no raw samples left (their stored rows are unchanged)');
    expect(await snapshot()).toEqual(before);
    expect(await allocations()).toEqual(beforeApi);

    // Everything pruned; re-rolled once the month has closed, with nothing shared any more.
    await pruneJob('17 3 * * *', 8).run({ db, now: () => new Date('2026-12-10T00:00:00.000Z') });
    const none = await rollupRangeReport(db, { from: new Date(FROM.getTime() - 2 * HOUR_MS), to: TO, now: new Date('2026-12-10T00:00:00.000Z') });
    expect(none.keptHours).toBe(4);
    expect(await snapshot()).toEqual(before);
    expect(await allocations()).toEqual(beforeApi);
  });
});

describe.each(BACKENDS)('missed hours are caught up, on $name', (backend) => {
  const START = new Date('2026-11-25T08:00:00.000Z');
  let db: Database;
  let cleanup: () => Promise<void>;
  let cluster: DemoCluster;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    // Samples collected for 8 hours; the rollup runs at 09:05, then not again until 15:05.
    cluster = await collectDemo(db, START, new Date(START.getTime() + 8 * HOUR_MS));
  }, 180_000);
  afterAll(async () => {
    await cluster?.close();
    await cleanup?.();
  });

  const nodeHours = () =>
    db.session((s) => s.query<{ h: Date; n: number; whole: number }>(
      'SELECT hour_start AS h, count(*)::int AS n, count(*) FILTER (WHERE running_seconds = 3600)::int AS whole FROM node_hour GROUP BY 1 ORDER BY 1',
    ));
  const at = (hours: number, minutes = 0) => new Date(START.getTime() + hours * HOUR_MS + minutes * 60_000);

  test('after the scheduler was down for 6 hours, the next run rolls up every hour since the last rolled-up one', async () => {
    const job = rollupJob('*/5 * * * *', 8);
    await job.run({ db, now: () => at(1, 5) });
    expect((await nodeHours()).map((r) => new Date(r.h).toISOString())).toEqual([at(0).toISOString(), at(1).toISOString()]);

    const rows = await job.run({ db, now: () => at(7, 5) });
    expect(rows).toBeGreaterThan(0);
    const hours = await nodeHours();
    expect(hours.map((r) => new Date(r.h).toISOString())).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((h) => at(h).toISOString()));
    // Each one whole, not a partial hour: the 18 planned nodes (and the autoscaler's nodes of the day that ran through it) cover 3600 s.
    for (const h of hours) expect(h.whole).toBeGreaterThanOrEqual(18);
    expect(hours.some((h) => h.n > h.whole)).toBe(true); // nodes added or removed within an hour
    const [days] = await db.session((s) => s.query<{ n: number }>('SELECT count(DISTINCT day_start)::int AS n FROM workload_day'));
    expect(days!.n).toBe(1);
  });

  test('each run derives the delivery rows of [now − failure window − 1 h, now): rollouts and pod startup days', async () => {
    const now = at(7, 10);
    await rollupJob('*/5 * * * *', 8).run({ db, now: () => now });
    const [rollouts] = await db.session((s) =>
      s.query<{ n: number; kinds: string[]; derived: Date[] }>(
        `SELECT count(*)::int AS n, array_agg(DISTINCT kind ORDER BY kind) AS kinds, array_agg(DISTINCT derived_at) AS derived FROM rollout`,
      ),
    );
    expect(rollouts!.n).toBeGreaterThan(0);
    expect(rollouts!.kinds).toContain('deployment');
    // Every rollout of the window was (re)derived by this run, or kept unchanged from the one before.
    for (const d of rollouts!.derived) expect(new Date(d).getTime()).toBeLessThanOrEqual(now.getTime());
    const [startup] = await db.session((s) =>
      s.query<{ n: number; pods: number; days: Date[] }>(`SELECT count(*)::int AS n, sum(pods)::int AS pods, array_agg(DISTINCT day_start ORDER BY day_start) AS days FROM pod_startup_day`),
    );
    expect(startup!.n).toBeGreaterThan(0);
    expect(startup!.pods).toBeGreaterThan(0);
    // The days the window [11-24T07:10, 11-25T15:10) overlaps, by the pods' creation.
    for (const d of startup!.days) expect(['2026-11-24T00:00:00.000Z', '2026-11-25T00:00:00.000Z']).toContain(new Date(d).toISOString());
  });
});

describe('canRebuild: can the raw samples left rebuild an hour that has stored rows?', () => {
  const hour = Date.parse('2026-11-25T00:00:00Z');
  const min = 60_000;
  const covering = [hour - 5 * min, hour + 5 * min, hour + 15 * min];
  test.each([
    ['all its scrapes are still there', { hasRows: true, scrapes: 3, firstSampledAtMs: hour - 5 * min }, covering, null, true],
    ['a later scrape now bounds its last sample', { hasRows: true, scrapes: 3, firstSampledAtMs: hour - 5 * min }, [...covering, hour + 25 * min], null, true],
    ['no raw scrape covers it any more', { hasRows: true, scrapes: 3, firstSampledAtMs: hour - 5 * min }, [], null, false],
    ['its opening scrape (of the previous day) was pruned', { hasRows: true, scrapes: 3, firstSampledAtMs: hour - 5 * min }, covering.slice(1), null, false],
    ['fewer scrapes than it was rolled up from', { hasRows: true, scrapes: 4, firstSampledAtMs: hour - 5 * min }, covering, null, false],
    ['rolled up before this was recorded; nothing pruned after its start', { hasRows: true, scrapes: null, firstSampledAtMs: null }, covering, hour - 5 * min, true],
    ['rolled up before this was recorded; the oldest scrape kept is inside it', { hasRows: true, scrapes: null, firstSampledAtMs: null }, covering.slice(1), hour + 5 * min, false],
  ])('%s', (_name, stored, coveringMs, oldest, expected) => {
    expect(canRebuild(stored, coveringMs, hour, oldest)).toBe(expected);
  });
});
