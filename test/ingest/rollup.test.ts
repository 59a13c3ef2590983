import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../lib/db/client';
import { fixedClock, startDemoCluster, type DemoCluster } from '../../lib/demo/server';
import { backfill } from '../../lib/ingest/backfill';
import { rollupRange, type RollupOptions } from '../../lib/ingest/rollup';
import { EMPTY_PRICE_BOOK, priceNode } from '../../lib/cost/pricing';
import { parsePriceSheet } from '../../lib/cost/price-sheet';
import { loadKubeConfig } from '../../lib/k8s/kubeconfig';
import { BACKENDS } from '../helpers/backends';

const FROM = new Date('2026-11-25T08:00:00.000Z'); // a Wednesday morning
const TO = new Date('2026-11-25T11:00:00.000Z');
const HOURS = [FROM, new Date('2026-11-25T09:00:00.000Z'), new Date('2026-11-25T10:00:00.000Z')];
/** The present of these tests: November is still the open month. */
const NOW = new Date('2026-11-26T00:00:00.000Z');

describe.each(BACKENDS)('hourly rollup of a replayed demo cluster on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let cluster: DemoCluster;
  const completed: string[] = [];

  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    const clock = fixedClock(FROM);
    cluster = await startDemoCluster({ seed: 2, clock, clusterName: 'replay' });
    await backfill(db, {
      cluster: 'replay',
      connection: loadKubeConfig({ kubeconfig: cluster.kubeconfigPath }),
      clock,
      from: FROM,
      to: new Date(TO.getTime() + 600_000), // one scrape past the window bounds its last hour
      onHourComplete: async (hour) => {
        completed.push(hour.toISOString());
        await rollupRange(db, { from: hour, to: new Date(hour.getTime() + 3_600_000), cluster: 'replay', now: NOW });
      },
    });
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
    await cleanup?.();
  });

  const sql = <T extends object>(text: string, params: unknown[] = []) => db.session((s) => s.query<T>(text, params));

  test('the backfill rolled up each completed hour as it went', () => {
    expect(completed).toEqual(HOURS.map((h) => h.toISOString()));
  });

  test('each hour: one row per running container and per node, covering the whole hour', async () => {
    const rows = await sql<{ hour: Date; node: string; seconds: number }>('SELECT hour_start AS hour, node_name AS node, running_seconds AS seconds FROM node_hour ORDER BY 1, 2');
    expect([...new Set(rows.map((r) => new Date(r.hour).toISOString()))]).toEqual(HOURS.map((h) => h.toISOString()));
    // The 18 planned nodes cover every hour; the nodes the autoscaler adds for cart-service on a weekday morning cover part of theirs.
    const planned = new Set(cluster.org!.nodes.map((n) => n.name));
    const added = (hour: Date) => rows.filter((r) => new Date(r.hour).getTime() === hour.getTime() && !planned.has(r.node));
    for (const hour of HOURS) {
      const own = rows.filter((r) => new Date(r.hour).getTime() === hour.getTime() && planned.has(r.node));
      expect(own).toHaveLength(18);
      for (const row of own) expect(row.seconds).toBe(3600);
      for (const row of added(hour)) expect(row.seconds).toBeGreaterThan(0);
    }
    expect(added(HOURS[0]!).length).toBeGreaterThan(0);
    expect(added(HOURS[2]!).length).toBeGreaterThan(added(HOURS[0]!).length);
    expect(added(HOURS[0]!).some((r) => r.seconds < 3600)).toBe(true);
    const containers = await sql<{ n: number }>('SELECT count(*)::int AS n FROM container_hour WHERE hour_start = $1', [HOURS[1]]);
    expect(containers[0]!.n).toBeGreaterThan(150);
  });

  test('per node and hour: containers + idle = the node price for the hour (to the cent)', async () => {
    const rows = await sql<{ node: string; hour: Date; node_cost: number; allocated: number; idle: number; clamped: boolean }>(
      `SELECT n.node_name AS node, n.hour_start AS hour, n.cost_usd::float8 AS node_cost, n.idle_clamped AS clamped,
              (n.cpu_idle_usd + n.ram_idle_usd + n.gpu_idle_usd)::float8 AS idle,
              COALESCE((SELECT sum(c.cpu_cost_usd + c.ram_cost_usd + c.gpu_cost_usd) FROM container_hour c WHERE c.cluster_id = n.cluster_id
                         AND c.hour_start = n.hour_start AND c.node_name = n.node_name), 0)::float8 AS allocated
         FROM node_hour n`,
    );
    expect(rows.length).toBe(73); // 18 planned nodes × 3 hours and 19 node-hours of nodes added that morning
    for (const row of rows) {
      if (row.clamped) continue;
      expect(Math.abs(row.allocated + row.idle - row.node_cost)).toBeLessThan(0.005);
    }
    // Every node is priced for the seconds it ran: the planned ones the full hour, the added ones from their registration.
    const prices = await sql<{ usd: number; full: number }>('SELECT sum(usd_per_hour * running_seconds / 3600.0)::float8 AS usd, sum(usd_per_hour)::float8 AS full FROM node_hour WHERE hour_start = $1', [HOURS[0]]);
    const cost = await sql<{ usd: number }>('SELECT sum(cost_usd)::float8 AS usd FROM node_hour WHERE hour_start = $1', [HOURS[0]]);
    expect(cost[0]!.usd).toBeCloseTo(prices[0]!.usd, 6);
    expect(cost[0]!.usd).toBeLessThan(prices[0]!.full);
  });

  test('volumes: each claim’s size × $0.04/GiB-month for the hours it existed, on the pods mounting it or __unmounted__', async () => {
    const [claims] = await sql<{ gib: number; n: number }>(
      'SELECT sum(bytes)::float8 / 1024 ^ 3 AS gib, count(*)::int AS n FROM claim_sample WHERE sampled_at = (SELECT min(sampled_at) FROM claim_sample)',
    );
    expect(claims!.n).toBeGreaterThan(0);
    const [volumes] = await sql<{ usd: number; mounted: number; unmounted: number }>(
      `SELECT sum(pv_cost_usd)::float8 AS usd, count(*) FILTER (WHERE pv_cost_usd > 0 AND container <> '__unmounted__')::int AS mounted,
              count(*) FILTER (WHERE container = '__unmounted__')::int AS unmounted FROM container_hour`,
    );
    expect(volumes!.usd).toBeCloseTo(claims!.gib * (0.04 / 730) * HOURS.length, 4);
    expect(volumes!.mounted).toBeGreaterThan(0);
    const statefulOnly = await sql<{ kind: string }>(`SELECT DISTINCT controller_kind AS kind FROM container_hour WHERE pv_cost_usd > 0 AND container <> '__unmounted__'`);
    expect(statefulOnly.map((r) => r.kind)).toContain('StatefulSet');
  });

  test('each node-hour’s idle is shared over its containers by cost, per resource, or left unshared', async () => {
    const rows = await sql<{ idle: number; shared: number; unshared: number; cpu_idle: number; cpu_shared: number }>(
      `SELECT (n.cpu_idle_usd + n.ram_idle_usd + n.gpu_idle_usd)::float8 AS idle, n.cpu_idle_usd::float8 AS cpu_idle,
              (n.cpu_idle_unshared_usd + n.ram_idle_unshared_usd + n.gpu_idle_unshared_usd)::float8 AS unshared,
              coalesce((SELECT sum(c.cpu_idle_share_usd + c.ram_idle_share_usd + c.gpu_idle_share_usd) FROM container_hour c
                         WHERE c.cluster_id = n.cluster_id AND c.hour_start = n.hour_start AND c.node_name = n.node_name), 0)::float8 AS shared,
              coalesce((SELECT sum(c.cpu_idle_share_usd) FROM container_hour c
                         WHERE c.cluster_id = n.cluster_id AND c.hour_start = n.hour_start AND c.node_name = n.node_name), 0)::float8 AS cpu_shared
         FROM node_hour n`,
    );
    expect(rows.length).toBe(73);
    for (const r of rows) {
      expect(r.shared + r.unshared).toBeCloseTo(r.idle, 6);
      if (r.unshared === 0) expect(r.cpu_shared).toBeCloseTo(r.cpu_idle, 6);
    }
    // A container's CPU share is the node's CPU idle in proportion to its CPU cost.
    const [c] = await sql<{ share: number; expected: number }>(
      `SELECT c.cpu_idle_share_usd::float8 AS share,
              (n.cpu_idle_usd * c.cpu_cost_usd / (SELECT sum(x.cpu_cost_usd) FROM container_hour x
                 WHERE x.cluster_id = c.cluster_id AND x.hour_start = c.hour_start AND x.node_name = c.node_name))::float8 AS expected
         FROM container_hour c JOIN node_hour n ON n.cluster_id = c.cluster_id AND n.hour_start = c.hour_start AND n.node_name = c.node_name
        WHERE c.cpu_cost_usd > 0 ORDER BY c.pod_uid LIMIT 1`,
    );
    expect(c!.share).toBeCloseTo(c!.expected, 8);
  });

  test('teams + idle = the cluster cost for the window (nodes + volumes)', async () => {
    const [teams] = await sql<{ usd: number; volumes: number }>('SELECT sum(total_cost_usd)::float8 AS usd, sum(pv_cost_usd)::float8 AS volumes FROM container_hour');
    const [nodes] = await sql<{ cost: number; idle: number; clamped: number; excess: number }>(
      `SELECT sum(cost_usd)::float8 AS cost, sum(cpu_idle_usd + ram_idle_usd + gpu_idle_usd)::float8 AS idle, count(*) FILTER (WHERE idle_clamped)::int AS clamped,
              coalesce(sum(greatest((SELECT sum(c.cpu_cost_usd + c.ram_cost_usd + c.gpu_cost_usd) FROM container_hour c WHERE c.cluster_id = n.cluster_id
                 AND c.hour_start = n.hour_start AND c.node_name = n.node_name) - (n.cost_usd - n.cpu_idle_usd - n.ram_idle_usd - n.gpu_idle_usd), 0)) FILTER (WHERE idle_clamped), 0)::float8 AS excess
         FROM node_hour n`,
    );
    // Hot pods bursting above their requests on full nodes: a few node-hours allocate more than the node costs (idle clamped at 0).
    expect(nodes!.clamped).toBeLessThan(5);
    expect(Math.abs(teams!.usd + nodes!.idle - nodes!.cost - nodes!.excess - teams!.volumes)).toBeLessThan(0.01);
    const byTeam = await sql<{ team: string }>('SELECT DISTINCT team FROM container_hour ORDER BY team');
    expect(byTeam.map((r) => r.team)).toEqual(expect.arrayContaining(['checkout', 'payments', 'search', 'unassigned']));
  });

  test('daily rows sum the hourly ones exactly', async () => {
    const [hours] = await sql<{ cost: string; idle: string }>(
      `SELECT (SELECT sum(total_cost_usd) FROM container_hour)::text AS cost,
              (SELECT sum(cpu_idle_usd + ram_idle_usd + gpu_idle_usd) FROM node_hour)::text AS idle`,
    );
    const [days] = await sql<{ cost: string; idle: string }>(
      'SELECT (SELECT sum(total_cost_usd) FROM workload_day)::text AS cost, (SELECT sum(idle_usd) FROM node_day)::text AS idle',
    );
    expect(days).toEqual(hours);
    const perResource = (table: string) =>
      sql<{ cost: string; idle: string }>(
        `SELECT (SELECT sum(cpu_cost_usd + ram_cost_usd + gpu_cost_usd + pv_cost_usd) FROM ${table === 'hours' ? 'container_hour' : 'container_day'})::text AS cost,
                (SELECT sum(cpu_idle_usd + ram_idle_usd + gpu_idle_usd) FROM ${table === 'hours' ? 'node_hour' : 'node_day'})::text AS idle`,
      );
    expect(await perResource('days')).toEqual(await perResource('hours'));
    const [requests] = await sql<{ hourly: number; daily: number }>(
      `SELECT (SELECT sum(cpu_request_avg_millicores * running_seconds) / 1000 FROM container_hour)::float8 AS hourly,
              (SELECT sum(cpu_request_core_seconds) FROM container_day)::float8 AS daily`,
    );
    expect(requests!.daily).toBeCloseTo(requests!.hourly, 3);
  });

  test('re-running the rollup for a past range gives identical rows', async () => {
    const snapshot = () => sql('SELECT * FROM container_hour ORDER BY hour_start, pod_uid, container');
    const nodes = () => sql('SELECT * FROM node_hour ORDER BY hour_start, node_uid');
    const workloads = () => sql('SELECT * FROM workload_day ORDER BY day_start, namespace, controller_kind, controller_name, team');
    const [beforeContainers, beforeNodes, beforeWorkloads] = [await snapshot(), await nodes(), await workloads()];
    await rollupRange(db, { from: FROM, to: TO, cluster: 'replay', now: NOW });
    expect(await snapshot()).toEqual(beforeContainers);
    expect(await nodes()).toEqual(beforeNodes);
    expect(await workloads()).toEqual(beforeWorkloads);
  });

  test('a closed month keeps the prices it was rolled up with; the open month is re-priced', async () => {
    const hour = HOURS[0]!;
    const price = () => sql<{ usd: number; cost: number }>('SELECT sum(usd_per_hour)::float8 AS usd, sum(cost_usd)::float8 AS cost FROM node_hour WHERE hour_start = $1', [hour]);
    const [listed] = await price();
    // As if the hour had been priced at twice the list price back then.
    await sql('UPDATE node_hour SET usd_per_hour = usd_per_hour * 2 WHERE hour_start = $1', [hour]);
    await rollupRange(db, { from: hour, to: new Date(hour.getTime() + 3_600_000), cluster: 'replay', now: new Date('2026-12-05T00:00:00Z') });
    const [kept] = await price();
    expect(kept!.usd).toBeCloseTo(listed!.usd * 2, 6);
    expect(kept!.cost).toBeCloseTo(listed!.cost * 2, 6); // costs and idle follow the kept price
    await rollupRange(db, { from: hour, to: new Date(hour.getTime() + 3_600_000), cluster: 'replay', now: new Date('2026-11-28T00:00:00Z') });
    const [repriced] = await price();
    expect(repriced!.usd).toBeCloseTo(listed!.usd, 6);
  });

  test('a price sheet row prices its nodes (source recorded); the rest keep the catalog', async () => {
    const hour = HOURS[1]!;
    const book = { ...EMPTY_PRICE_BOOK, sheet: parsePriceSheet('provider,region,instanceType,capacityType,usdPerHour\naws,*,m6i.xlarge,on-demand,1.25\n') };
    const reroll = (options: Partial<RollupOptions>) => rollupRange(db, { now: NOW, ...options, from: hour, to: new Date(hour.getTime() + 3_600_000), cluster: 'replay' });
    await reroll({ priceNode: (node, at) => priceNode(book, node, at.getTime()) });
    const rows = await sql<{ type: string; capacity: string; source: string; usd: number }>(
      'SELECT DISTINCT instance_type AS type, capacity_type AS capacity, price_source AS source, usd_per_hour::float8 AS usd FROM node_hour WHERE hour_start = $1 ORDER BY 1, 2',
      [hour],
    );
    expect(rows).toContainEqual({ type: 'm6i.xlarge', capacity: 'on-demand', source: 'price-sheet', usd: 1.25 });
    expect(rows.filter((r) => r.type !== 'm6i.xlarge').every((r) => r.source.startsWith('catalog'))).toBe(true);
    await reroll({});
    const [back] = await sql<{ n: number }>("SELECT count(*)::int AS n FROM node_hour WHERE hour_start = $1 AND price_source = 'price-sheet'", [hour]);
    expect(back!.n).toBe(0);
  });
});
