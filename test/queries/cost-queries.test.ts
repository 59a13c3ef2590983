import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../lib/db/client';
import { getDailyTeamCosts, IDLE_SERIES } from '../../lib/queries/get-daily-team-costs';
import { getIdleCost } from '../../lib/queries/get-idle-cost';
import { getTeamCosts } from '../../lib/queries/get-team-costs';
import { BACKENDS } from '../helpers/backends';
import { insertClusters, insertHours, totalOf, type ContainerHourFixture, type NodeHourFixture } from './fixtures';

const at = (iso: string) => new Date(iso);
const D0_22H = '2026-10-31T22:00:00.000Z';
const D1 = '2026-11-01T00:00:00.000Z';
const D1_23H = '2026-11-01T23:00:00.000Z';
const D2 = '2026-11-02T00:00:00.000Z';
const D2_05H = '2026-11-02T05:00:00.000Z';
const D3 = '2026-11-03T00:00:00.000Z';

const base = { namespace: 'shop', controller: 'api', team: 'checkout', cpuRequest: 1000, cpuUsage: 500, memoryRequest: 1000, memoryUsage: 500 };
const CONTAINERS: ContainerHourFixture[] = [
  { ...base, cluster: 1, hour: D0_22H, uid: 'a', cpuUsd: '0.3', ramUsd: '0.1' },
  { ...base, cluster: 1, hour: D1, uid: 'a', cpuUsd: '0.06', ramUsd: '0.04' },
  { ...base, cluster: 1, hour: D1_23H, uid: 'a', cpuUsd: '0.15', ramUsd: '0.05' }, // the last hour of Nov 1: stays on Nov 1
  { ...base, cluster: 1, hour: D1, uid: 'e', namespace: 'kube-system', controller: 'coredns', team: 'unassigned', cpuUsd: '0.01', ramUsd: '0' },
  { ...base, cluster: 1, hour: D2, uid: 'b', namespace: 'search', controller: 'indexer', team: 'search', cpuUsd: '0.5', ramUsd: '0.2' },
  { ...base, cluster: 1, hour: D2_05H, uid: 'b', namespace: 'search', controller: 'indexer', team: 'search', cpuUsd: '0.05', ramUsd: '0' },
  { ...base, cluster: 1, hour: D3, uid: 'c', namespace: 'search', controller: 'late', team: 'search', cpuUsd: '5', ramUsd: '0' }, // at `to`
  { ...base, cluster: 2, hour: D1, uid: 'd', cpuUsd: '1', ramUsd: '0' },
];
const NODES: NodeHourFixture[] = [
  { cluster: 1, hour: D0_22H, costUsd: '1', cpuIdleUsd: '0.5', ramIdleUsd: '0' },
  { cluster: 1, hour: D1, costUsd: '1', cpuIdleUsd: '0.2', ramIdleUsd: '0.1' },
  { cluster: 1, hour: D2, costUsd: '1', cpuIdleUsd: '0.1', ramIdleUsd: '0.05', gpuIdleUsd: '0.05' },
  { cluster: 1, hour: D3, costUsd: '1', cpuIdleUsd: '0.4', ramIdleUsd: '0' },
  { cluster: 2, hour: D1, costUsd: '2', cpuIdleUsd: '1', ramIdleUsd: '0' },
];

/** The reference: Σ hourly rows with hour_start in [from, to), by team, computed here. */
function expectedTeams(cluster: number | undefined, from: string, to: string): Map<string, number> {
  const teams = new Map<string, number>();
  for (const r of CONTAINERS) {
    if ((cluster === undefined || r.cluster === cluster) && r.hour >= from && r.hour < to) teams.set(r.team, (teams.get(r.team) ?? 0) + totalOf(r));
  }
  return teams;
}

describe.each(BACKENDS)('cost queries on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    await db.session(async (s) => {
      await insertClusters(s, [{ id: 1, name: 'prod' }, { id: 2, name: 'dev' }]);
      await insertHours(s, CONTAINERS, NODES);
    });
  });
  afterAll(async () => cleanup?.());

  const prod = { cluster: 'prod', from: at(D1), to: at(D3) };

  test('team costs: exact sums, largest first, a row at `to` excluded, shares of teams + idle', async () => {
    const result = await getTeamCosts(db, prod);
    expect(result.teams.map((t) => [t.team, t.costUsd])).toEqual([['search', 0.75], ['checkout', 0.3], ['unassigned', 0.01]]);
    expect(result.idleUsd).toBe(0.5);
    expect(result.totalUsd).toBeCloseTo(1.56, 12);
    expect(result.teams.map((t) => t.share)).toEqual([0.75 / result.totalUsd, 0.3 / result.totalUsd, 0.01 / result.totalUsd]);
    expect(result.teams.reduce((sum, t) => sum + t.share, 0) + result.idleUsd / result.totalUsd).toBeCloseTo(1, 12);
  });

  test('the cluster filter, and all clusters without it', async () => {
    const dev = await getTeamCosts(db, { ...prod, cluster: 'dev' });
    expect(dev).toEqual({ teams: [{ team: 'checkout', costUsd: 1, share: 0.5 }], idleUsd: 1, totalUsd: 2 });
    const all = await getTeamCosts(db, { from: prod.from, to: prod.to });
    expect(all.teams.map((t) => [t.team, t.costUsd])).toEqual([['checkout', 1.3], ['search', 0.75], ['unassigned', 0.01]]);
    expect(all.idleUsd).toBe(1.5);
    expect(await getTeamCosts(db, { ...prod, cluster: 'nowhere' })).toEqual({ teams: [], idleUsd: 0, totalUsd: 0 });
  });

  test.each([
    ['whole days', D1, D3],
    ['hours inside one day pair, no whole day', D1_23H, D2_05H],
    ['edges on both sides of a whole day', D0_22H, '2026-11-02T06:00:00.000Z'],
    ['an edge that starts after the 22:00 row', '2026-10-31T23:00:00.000Z', D2],
    ['one hour', D2_05H, '2026-11-02T06:00:00.000Z'],
    ['an empty window', D2, D2],
  ])('any half-open window gives Σ of its hourly rows: %s', async (_name, from, to) => {
    const result = await getTeamCosts(db, { cluster: 'prod', from: at(from), to: at(to) });
    const expected = expectedTeams(1, from, to);
    expect(new Set(result.teams.map((t) => t.team))).toEqual(new Set(expected.keys()));
    for (const t of result.teams) expect(t.costUsd).toBeCloseTo(expected.get(t.team)!, 12);
  });

  test('idle: Σ cpu + ram + gpu idle, and its share of Σ node cost', async () => {
    expect(await getIdleCost(db, prod)).toEqual({ idleUsd: 0.5, clusterCostUsd: 2, share: 0.25 });
    expect(await getIdleCost(db, { from: prod.from, to: prod.to })).toEqual({ idleUsd: 1.5, clusterCostUsd: 4, share: 0.375 });
    expect(await getIdleCost(db, { cluster: 'prod', from: at(D0_22H), to: at(D1_23H) })).toEqual({ idleUsd: 0.8, clusterCostUsd: 2, share: 0.4 });
    expect(await getIdleCost(db, { cluster: 'prod', from: at(D2_05H), to: at(D3) })).toEqual({ idleUsd: 0, clusterCostUsd: 0, share: 0 });
  });

  test('daily costs: buckets at UTC midnight, every day, teams by total then __idle__', async () => {
    const daily = await getDailyTeamCosts(db, prod);
    expect(daily.days).toEqual(['2026-11-01', '2026-11-02']);
    expect(daily.series).toEqual(['search', 'checkout', 'unassigned', IDLE_SERIES]);
    expect(daily.rows).toEqual([
      { day: '2026-11-01', search: 0, checkout: 0.3, unassigned: 0.01, [IDLE_SERIES]: 0.3 },
      { day: '2026-11-02', search: 0.75, checkout: 0, unassigned: 0, [IDLE_SERIES]: 0.2 },
    ]);
  });

  test('daily costs over a window with edges: partial days are their own buckets', async () => {
    const daily = await getDailyTeamCosts(db, { cluster: 'prod', from: at(D0_22H), to: at(D2_05H) });
    expect(daily.days).toEqual(['2026-10-31', '2026-11-01', '2026-11-02']);
    expect(daily.rows).toEqual([
      { day: '2026-10-31', checkout: 0.4, search: 0, unassigned: 0, [IDLE_SERIES]: 0.5 },
      { day: '2026-11-01', checkout: 0.3, search: 0, unassigned: 0.01, [IDLE_SERIES]: 0.3 },
      { day: '2026-11-02', checkout: 0, search: 0.7, unassigned: 0, [IDLE_SERIES]: 0.2 },
    ]);
    const empty = await getDailyTeamCosts(db, { cluster: 'prod', from: at('2026-12-01T00:00:00Z'), to: at('2026-12-03T00:00:00Z') });
    expect(empty).toEqual({
      days: ['2026-12-01', '2026-12-02'],
      series: [IDLE_SERIES],
      rows: [{ day: '2026-12-01', [IDLE_SERIES]: 0 }, { day: '2026-12-02', [IDLE_SERIES]: 0 }],
    });
  });
});
