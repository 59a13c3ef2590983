import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { computeAllocation, type AllocationRequest } from '../../lib/allocation/compute';
import { parseAllocationParams } from '../../lib/allocation/params';
import { totalCost } from '../../lib/cost/allocation-set';
import { firstOpenHour } from '../../lib/cost/pricing';
import type { Database } from '../../lib/db/client';
import type { DemoCluster } from '../../lib/demo/server';
import { rollupRange, type RollupOptions } from '../../lib/ingest/rollup';
import { BACKENDS } from '../helpers/backends';
import { collectDemo } from '../helpers/collect-demo';

const FROM = new Date('2026-11-25T08:00:00.000Z');
const TO = new Date('2026-11-25T10:00:00.000Z');
const NOVEMBER = new Date('2026-11-26T00:00:00.000Z'); // the month is open
const DECEMBER = new Date('2026-12-05T00:00:00.000Z'); // November has closed
const SHARED_THEN = { namespaces: ['kube-system'], labels: [] };
const DAY = { startMs: Date.parse('2026-11-25T00:00:00Z'), endMs: Date.parse('2026-11-26T00:00:00Z') };
const HOURS = { startMs: FROM.getTime(), endMs: TO.getTime() };

/**
 * Same steps and lines, every number within 1e-9 (rows summed in another grouping differ in
 * the last bits); `properties` aside (naming shared namespaces adds the namespace to what is read).
 */
function expectSame(actual: unknown, expected: unknown, path = 'steps'): void {
  if (Array.isArray(expected) && expected.every((e) => e && typeof e === 'object' && 'name' in e)) {
    const byName = (list: unknown) => Object.fromEntries((list as { name: string }[]).map((e) => [e.name, e]));
    return expectSame(byName(actual), byName(expected), path);
  }
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  } else if (expected && typeof expected === 'object') {
    expect(actual && typeof actual === 'object', path).toBe(true);
    expect(Object.keys(actual as object).length, path).toBe(Object.keys(expected).length);
    for (const [k, v] of Object.entries(expected)) if (k !== 'properties') expectSame((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else expect(actual, path).toEqual(expected);
}

const request = (over: Partial<AllocationRequest>): AllocationRequest => ({
  window: DAY, aggregate: ['team'], idle: 'none', idleScope: 'node', filter: [], shareNamespaces: [], shareLabels: [],
  shareSplit: 'weighted', overheadUsdPerMonth: 0, invoices: [], ...over,
});

describe.each(BACKENDS)('a closed month is frozen, on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let cluster: DemoCluster;
  let namespace: string;
  let teamThen: string;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    cluster = await collectDemo(db, FROM, TO);
    // A namespace with a team label whose pods carry none: they take their team from it.
    const [row] = await sql<{ namespace: string; team: string }>(
      `SELECT n.name AS namespace, n.labels ->> 'team' AS team FROM namespace n
        WHERE n.labels ->> 'team' IS NOT NULL AND n.name <> 'kube-system'
          AND EXISTS (SELECT 1 FROM container_sample c WHERE c.namespace = n.name AND c.cpu_request_millicores > 0)
        ORDER BY n.name LIMIT 1`,
    );
    expect(row).toBeDefined();
    await sql(`UPDATE pod SET labels = labels - 'team' - 'owner' WHERE namespace = $1`, [row!.namespace]);
    await rollupRange(db, { from: FROM, to: TO, now: NOVEMBER, sharing: SHARED_THEN });
    ({ namespace, team: teamThen } = row!);
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
    await cleanup?.();
  });

  function sql<T extends object>(text: string, params: unknown[] = []) {
    return db.session((s) => s.query<T>(text, params));
  }
  const teamTotals = async () => {
    const out: Record<string, Record<string, number>> = {};
    for (const [name, window] of [['day', DAY], ['hours', HOURS]] as const) {
      const [step] = await computeAllocation(db, request({ window }));
      out[name] = Object.fromEntries(step!.allocations.map((a) => [a.name, totalCost(a)]));
    }
    return out;
  };
  const reroll = (options: Partial<RollupOptions>) => rollupRange(db, { from: FROM, to: TO, now: DECEMBER, ...options });
  const teamsOfNamespace = async () => (await sql<{ team: string }>('SELECT DISTINCT team FROM container_hour WHERE namespace = $1', [namespace])).map((r) => r.team);

  test('relabelling a namespace after the month closed: re-rolls keep its teams, with --reprice too; --reattribute moves them', async () => {
    const before = await teamTotals();
    expect(before.day![teamThen]).toBeGreaterThan(0);
    await sql(`UPDATE namespace SET labels = labels || '{"team":"relabelled"}' WHERE name = $1`, [namespace]);

    await reroll({});
    expect(await teamsOfNamespace()).toEqual([teamThen]);
    expect(await teamTotals()).toEqual(before);

    // --reprice re-prices with today's prices (here: twice the stored ones are undone) and keeps the teams.
    const price = async () => (await sql<{ usd: number }>('SELECT sum(usd_per_hour)::float8 AS usd FROM node_hour'))[0]!.usd;
    const listed = await price();
    await sql('UPDATE node_hour SET usd_per_hour = usd_per_hour * 2');
    await reroll({});
    expect(await price()).toBeCloseTo(listed * 2, 6);
    await reroll({ reprice: true });
    expect(await price()).toBeCloseTo(listed, 6);
    expect(await teamsOfNamespace()).toEqual([teamThen]);
    expect(await teamTotals()).toEqual(before);

    await reroll({ reattribute: true });
    expect(await teamsOfNamespace()).toEqual(['relabelled']);
    const after = await teamTotals();
    for (const window of ['day', 'hours']) {
      const moved = after[window]!.relabelled!;
      expect(moved).toBeGreaterThan(0);
      expect((after[window]![teamThen] ?? 0) + moved).toBeCloseTo(before[window]![teamThen]!, 6);
    }
  });

  test('the allocation defaults share a closed month as it was rolled up, the open month by today’s config', async () => {
    await reroll({ reattribute: true, sharing: SHARED_THEN }); // as rolled up in November (teams by today's labels)
    for (const window of [DAY, HOURS]) {
      const asThen = await computeAllocation(db, request({ window, shareNamespaces: SHARED_THEN.namespaces }));
      const unshared = await computeAllocation(db, request({ window }));
      expect(asThen).not.toEqual(unshared);
      // Today nothing is shared: November, closed, keeps sharing kube-system.
      expectSame(await computeAllocation(db, request({ window, storedSharingBeforeMs: firstOpenHour(DECEMBER) })), asThen);
      // Seen from November (open), today's config applies to those hours.
      expectSame(await computeAllocation(db, request({ window, storedSharingBeforeMs: firstOpenHour(NOVEMBER) })), unshared);
    }
    // Re-attributed with today's config (nothing shared): the closed month now shares nothing either.
    await reroll({ reattribute: true });
    expectSame(await computeAllocation(db, request({ storedSharingBeforeMs: firstOpenHour(DECEMBER) })), await computeAllocation(db, request({})));
  });

  test('the API uses the stored sharing only when the request names none', () => {
    const defaults = { shareNamespaces: [], shareLabels: [], shareSplit: 'weighted' as const, overheadUsdPerMonth: 0, invoices: [], storedSharingBeforeMs: firstOpenHour(DECEMBER) };
    const parse = (query: string) => parseAllocationParams(new URLSearchParams(`window=2026-11-25T00:00:00Z,2026-11-26T00:00:00Z${query}`), DECEMBER.getTime(), defaults);
    expect(parse('').storedSharingBeforeMs).toBe(Date.parse('2026-12-01T00:00:00Z'));
    expect(parse('&shareNamespaces=monitoring').storedSharingBeforeMs).toBeUndefined();
    expect(parse('&shareNamespaces=').storedSharingBeforeMs).toBeUndefined();
    expect(parse('&shareLabels=tier:infra').storedSharingBeforeMs).toBeUndefined();
  });
});
