import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_ATTRIBUTION, UNASSIGNED_TEAM } from '../../lib/cost/attribution';
import type { Database } from '../../lib/db/client';
import type { DemoCluster } from '../../lib/demo/server';
import { getNodePools } from '../../lib/queries/get-node-pools';
import { getDailyTeamAllocation } from '../../lib/queries/get-daily-team-allocation';
import { getTeamAllocation } from '../../lib/queries/get-team-allocation';
import { getTeamCosts } from '../../lib/queries/get-team-costs';
import { getTeamNamespaces } from '../../lib/queries/get-team-namespaces';
import { getUnallocated } from '../../lib/queries/get-unallocated';
import { BACKENDS } from '../helpers/backends';
import { replayDemo } from '../helpers/replay';

const FROM = new Date('2026-11-25T08:00:00.000Z');
const TO = new Date('2026-11-25T11:00:00.000Z');
const window = { from: new Date('2026-11-25T00:00:00.000Z'), to: new Date('2026-11-26T00:00:00.000Z') };

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

  test('a team’s namespaces add up to its cost, each saying how its pods were attributed', async () => {
    const { teams } = await getTeamCosts(db, window);
    const team = teams.find((t) => t.team !== UNASSIGNED_TEAM)!;
    const namespaces = await getTeamNamespaces(db, team.team, window, DEFAULT_ATTRIBUTION);
    expect(namespaces.length).toBeGreaterThan(0);
    expect(namespaces.reduce((s, n) => s + n.costUsd, 0)).toBeCloseTo(team.costUsd, 6);
    for (const n of namespaces) {
      expect(n.attribution.length).toBeGreaterThan(0);
      for (const a of n.attribution) {
        expect(['pod-label', 'namespace-label', 'namespace-map']).toContain(a.source);
        expect(a.pods).toBeGreaterThan(0);
      }
    }
    expect(namespaces.map((n) => n.costUsd)).toEqual([...namespaces.map((n) => n.costUsd)].sort((a, b) => b - a));
  });

  test('the daily chart’s series add up to the team table, with shared namespaces spread in both', async () => {
    const defaults = { shareNamespaces: ['kube-system', 'monitoring'], shareLabels: [], shareSplit: 'weighted' as const, overheadUsdPerMonth: 0, invoices: [] };
    const twoDays = { from: new Date('2026-11-24T00:00:00.000Z'), to: new Date('2026-11-26T00:00:00.000Z') };
    for (const idle of ['separate', 'share'] as const) {
      const table = await getTeamAllocation(db, twoDays, { idle, defaults });
      const daily = await getDailyTeamAllocation(db, twoDays, { idle, defaults });
      expect(daily.days).toEqual(['2026-11-24', '2026-11-25']);
      expect(daily.series).not.toContain('kube-system');
      for (const t of table.teams) expect(daily.rows.reduce((s, r) => s + Number(r[t.team] ?? 0), 0)).toBeCloseTo(t.totalUsd, 6);
      if (idle === 'separate') expect(daily.series.at(-1)).toBe('__idle__');
      else expect(daily.series).not.toContain('__idle__');
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

  test('the unallocated view lists what carries no team, largest first, adding up to the unassigned cost', async () => {
    const { teams } = await getTeamCosts(db, window);
    const unassigned = teams.find((t) => t.team === UNASSIGNED_TEAM)!;
    const { workloads, totalUsd } = await getUnallocated(db, window, 1000);
    expect(workloads.length).toBeGreaterThan(0);
    expect(totalUsd).toBeCloseTo(unassigned.costUsd, 6);
    expect(workloads.reduce((s, w) => s + w.costUsd, 0)).toBeCloseTo(totalUsd, 6);
    expect(workloads.map((w) => w.costUsd)).toEqual([...workloads.map((w) => w.costUsd)].sort((a, b) => b - a));
    expect(workloads[0]!.namespaceLabels).toBeTypeOf('object');
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
