import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { UNALLOCATED } from '../../lib/cost/allocation-set';
import { DEFAULT_ATTRIBUTION, UNASSIGNED_TEAM } from '../../lib/cost/attribution';
import type { Database } from '../../lib/db/client';
import type { DemoCluster } from '../../lib/demo/server';
import { getDailyTeamAllocation } from '../../lib/queries/get-daily-team-allocation';
import { getNamespaceLabels } from '../../lib/queries/get-namespace-labels';
import { getNodePools } from '../../lib/queries/get-node-pools';
import { getTeamAllocation } from '../../lib/queries/get-team-allocation';
import { getTeamAttribution } from '../../lib/queries/get-team-attribution';
import { getTeamSeen } from '../../lib/queries/get-team-seen';
import { getTopWorkloads } from '../../lib/queries/get-top-workloads';
import { BACKENDS } from '../helpers/backends';
import { replayDemo } from '../helpers/replay';

const FROM = new Date('2026-11-25T08:00:00.000Z');
const TO = new Date('2026-11-25T11:00:00.000Z');
const window = { from: new Date('2026-11-25T00:00:00.000Z'), to: new Date('2026-11-26T00:00:00.000Z') };
const SHARED_NAMESPACES = ['kube-system', 'monitoring'];
const demoDefaults = { shareNamespaces: SHARED_NAMESPACES, shareLabels: [], shareSplit: 'weighted' as const, overheadUsdPerMonth: 0, invoices: [] };
const sum = <T>(items: readonly T[], f: (t: T) => number) => items.reduce((s, t) => s + f(t), 0);

describe.each(BACKENDS.filter((b) => b.name === 'Postgres'))('team page, unallocated view and node pools on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let cluster: DemoCluster;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    cluster = await replayDemo(db, FROM, TO);
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
    await cleanup?.();
  });

  test.each(['separate', 'share'] as const)('idle %s: a team’s workloads add up to its row of the team table (cost, idle share, shared, total)', async (idle) => {
    const options = { idle, defaults: demoDefaults };
    const { teams } = await getTeamAllocation(db, window, options);
    const named = teams.filter((t) => t.team !== UNALLOCATED);
    expect(named.length).toBeGreaterThanOrEqual(5);
    for (const row of [...named, teams.find((t) => t.team === UNALLOCATED)!]) {
      const workloads = await getTopWorkloads(db, window, { ...options, team: row.team, limit: Number.MAX_SAFE_INTEGER });
      expect(workloads.length).toBeGreaterThan(0);
      expect(sum(workloads, (w) => w.costUsd)).toBeCloseTo(row.costUsd, 9);
      expect(sum(workloads, (w) => w.idleShareUsd)).toBeCloseTo(row.idleShareUsd, 9);
      expect(sum(workloads, (w) => w.sharedUsd)).toBeCloseTo(row.sharedUsd, 9); // weighted split: additive
      expect(sum(workloads, (w) => w.totalUsd)).toBeCloseTo(row.totalUsd, 9);
      expect(row.sharedUsd).toBeGreaterThan(0);
      if (idle === 'share') expect(row.idleShareUsd).toBeGreaterThan(0);
      else expect(row.idleShareUsd).toBe(0);
    }
  });

  test('sharing idle moves it from the idle line into the teams; the window’s idle and total stay', async () => {
    const separate = await getTeamAllocation(db, window, { idle: 'separate', defaults: demoDefaults });
    const shared = await getTeamAllocation(db, window, { idle: 'share', defaults: demoDefaults });
    expect(separate.idleUsd).toBeGreaterThan(0);
    expect(shared.windowIdleUsd).toBeCloseTo(separate.idleUsd, 9);
    expect(shared.totalUsd).toBeCloseTo(separate.totalUsd, 6);
    for (const t of separate.teams) {
      const s = shared.teams.find((x) => x.team === t.team)!;
      expect(s.costUsd - s.idleShareUsd).toBeCloseTo(t.costUsd, 9);
    }
  });

  test('unallocated: what carries no team, shared namespaces not among it, adding up to the overview’s unallocated row', async () => {
    const { teams } = await getTeamAllocation(db, window, { idle: 'separate', defaults: demoDefaults });
    const row = teams.find((t) => t.team === UNALLOCATED)!;
    const workloads = await getTopWorkloads(db, window, { idle: 'separate', defaults: demoDefaults, team: UNALLOCATED, limit: 1000 });
    expect(workloads.map((w) => w.namespace).filter((n) => SHARED_NAMESPACES.includes(n))).toEqual([]);
    expect(sum(workloads, (w) => w.costUsd)).toBeCloseTo(row.costUsd, 9);
    expect(workloads.map((w) => w.costUsd)).toEqual([...workloads.map((w) => w.costUsd)].sort((a, b) => b - a));
    // Without sharing, the shared namespaces carry no team either, and are listed.
    const unshared = await getTopWorkloads(db, window, { idle: 'separate', defaults: { ...demoDefaults, shareNamespaces: [] }, team: UNALLOCATED, limit: 1000 });
    expect(new Set(unshared.map((w) => w.namespace))).toEqual(new Set([...workloads.map((w) => w.namespace), ...SHARED_NAMESPACES]));
    const labels = await getNamespaceLabels(db, workloads);
    expect([...labels.keys()]).toContain(`replay/${workloads[0]!.namespace}`);
    for (const value of labels.values()) expect(value).toBeTypeOf('object');
  });

  test('a team’s namespaces say how their pods were attributed; a team is known by its stored cost', async () => {
    const { teams } = await getTeamAllocation(db, window, { idle: 'separate', defaults: demoDefaults });
    const team = teams.find((t) => t.team !== UNALLOCATED)!.team;
    const workloads = await getTopWorkloads(db, window, { idle: 'separate', defaults: demoDefaults, team, limit: 1000 });
    const attribution = await getTeamAttribution(db, team, workloads, window, DEFAULT_ATTRIBUTION);
    expect(attribution.size).toBeGreaterThan(0);
    for (const counts of attribution.values()) {
      for (const a of counts) {
        expect(['pod-label', 'namespace-label', 'namespace-map']).toContain(a.source);
        expect(a.pods).toBeGreaterThan(0);
      }
    }
    await expect(getTeamSeen(db, team)).resolves.toBe(true);
    await expect(getTeamSeen(db, UNASSIGNED_TEAM)).resolves.toBe(true);
    await expect(getTeamSeen(db, 'nope')).resolves.toBe(false);
  });

  test('the daily chart’s series add up to the team table, with shared namespaces spread in both', async () => {
    const twoDays = { from: new Date('2026-11-24T00:00:00.000Z'), to: new Date('2026-11-26T00:00:00.000Z') };
    for (const idle of ['separate', 'share'] as const) {
      const table = await getTeamAllocation(db, twoDays, { idle, defaults: demoDefaults });
      const daily = await getDailyTeamAllocation(db, twoDays, { idle, defaults: demoDefaults });
      expect(daily.days).toEqual(['2026-11-24', '2026-11-25']);
      expect(daily.series).not.toContain('kube-system');
      for (const t of table.teams) expect(daily.rows.reduce((s, r) => s + Number(r[t.team] ?? 0), 0)).toBeCloseTo(t.totalUsd, 6);
      const idleLine = daily.rows.reduce((s, r) => s + Number(r['__idle__'] ?? 0), 0);
      if (idle === 'separate') expect(daily.series.at(-1)).toBe('__idle__');
      // Shared, only the idle no container could take stays a line: the demo's autoscaled nodes idle
      // with no pods for their last minutes; it is the team table's idle line too, and far below the separate idle.
      expect(idleLine).toBeCloseTo(table.idleUsd, 6);
      if (idle === 'share') expect(idleLine).toBeLessThan((await getTeamAllocation(db, twoDays, { idle: 'separate', defaults: demoDefaults })).idleUsd / 10);
    }
  });

  test('an invoice for the month scales the team table to it and reports the adjustment', async () => {
    const month = { from: new Date('2026-11-01T00:00:00.000Z'), to: new Date('2026-12-01T00:00:00.000Z') };
    const none = { shareNamespaces: [], shareLabels: [], shareSplit: 'weighted' as const, overheadUsdPerMonth: 0, invoices: [] };
    const modelled = await getTeamAllocation(db, month, { idle: 'separate', defaults: none });
    expect(modelled.adjustmentUsd).toBe(0);
    const invoiced = await getTeamAllocation(db, month, {
      idle: 'separate', defaults: { ...none, invoices: [{ cluster: 'replay', month: '2026-11', totalUsd: Math.round(modelled.totalUsd * 110) / 100 }] },
    });
    expect(invoiced.totalUsd).toBeCloseTo(Math.round(modelled.totalUsd * 110) / 100, 6);
    expect(invoiced.adjustmentUsd).toBeCloseTo(invoiced.totalUsd - modelled.totalUsd, 6);
  });

  test('node pools show their price source and add up to the cluster cost', async () => {
    const pools = await getNodePools(db, window);
    expect(pools.length).toBeGreaterThanOrEqual(3);
    for (const p of pools) expect(p.priceSource).toMatch(/catalog|default-rates|price-sheet|rate-card/);
    const [row] = await db.session((s) => s.query<{ cost: number }>('SELECT sum(cost_usd)::float8 AS cost FROM node_hour'));
    expect(pools.reduce((s, p) => s + p.costUsd, 0)).toBeCloseTo(row!.cost, 6);
    expect(pools.some((p) => p.capacityType === 'spot')).toBe(true);
    await db.session((s) => s.run("UPDATE node_hour SET idle_clamped = true WHERE node_name = (SELECT min(node_name) FROM node_hour)"));
    const flagged = await getNodePools(db, window);
    expect(flagged.reduce((s, p) => s + p.clampedNodeHours, 0)).toBe(3); // that node's three hours
    await db.session((s) => s.run('UPDATE node_hour SET idle_clamped = false'));
  });
});
