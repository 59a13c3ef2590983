import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../lib/db/client';
import { getClusters } from '../../lib/queries/get-clusters';
import { getDailyTeamCosts, IDLE_SERIES } from '../../lib/queries/get-daily-team-costs';
import { getFreshness } from '../../lib/queries/get-freshness';
import { getTeamCosts } from '../../lib/queries/get-team-costs';
import { getTopWorkloads } from '../../lib/queries/get-top-workloads';
import { BACKENDS } from '../helpers/backends';
import { rollupDay } from '../../lib/ingest/rollup-days';

const DAY1 = '2026-11-01T00:00:00Z';
const DAY1_23H = '2026-11-01T23:00:00Z';
const DAY2 = '2026-11-02T00:00:00Z';
const DAY3 = '2026-11-03T00:00:00Z';

describe.each(BACKENDS)('overview queries on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    await db.session(async (s) => {
      await s.exec(`INSERT INTO cluster (id, name, last_collected_at) VALUES (1, 'prod', '2026-11-02T12:00:00Z'), (2, 'dev', NULL)`);
      const container = (cluster: number, hour: string, uid: string, ns: string, name: string, team: string, cost: string, cpuReq: number, cpuUse: number) =>
        s.run(
          `INSERT INTO container_hour (cluster_id, hour_start, pod_uid, container, namespace, pod, node_name, controller_kind, controller_name, team,
             running_seconds, cpu_request_avg_millicores, cpu_usage_avg_millicores, cpu_allocated_avg_millicores, memory_request_avg_bytes,
             memory_usage_avg_bytes, memory_allocated_avg_bytes, cpu_core_hours, ram_byte_hours, gpu_hours, cpu_cost_usd, ram_cost_usd, gpu_cost_usd, total_cost_usd)
           VALUES ($1, $2, $3, 'app', $4, $3, 'n1', 'Deployment', $5, $6, 3600, $8, $9, $8, 1000, 500, 1000, 1, 1000, 0, $7, 0, 0, $7)`,
          [cluster, hour, uid, ns, name, team, cost, cpuReq, cpuUse],
        );
      await container(1, DAY1, 'a', 'shop', 'api', 'checkout', '0.1', 1000, 250);
      await container(1, DAY1_23H, 'a', 'shop', 'api', 'checkout', '0.2', 1000, 750);
      await container(1, DAY2, 'b', 'search', 'indexer', 'search', '0.7', 500, 500);
      await container(1, DAY3, 'c', 'search', 'late', 'search', '5', 500, 500); // the day starting at `to`: excluded
      await container(2, DAY1, 'd', 'shop', 'api', 'checkout', '1', 100, 50);
      const node = (cluster: number, hour: string, idle: string) =>
        s.run(
          `INSERT INTO node_hour (cluster_id, hour_start, node_uid, node_name, capacity_type, price_source, running_seconds, cpu_cores, memory_bytes, gpus,
             usd_per_hour, usd_per_core_hour, usd_per_gib_hour, usd_per_gpu_hour, cost_usd, cpu_idle_usd, ram_idle_usd, gpu_idle_usd, idle_clamped)
           VALUES ($1, $2, 'n1', 'n1', 'on-demand', 'catalog', 3600, 4, 17179869184, 0, 1, 0.2, 0.01, 0, 1, $3, 0, 0, false)`,
          [cluster, hour, idle],
        );
      await node(1, DAY1, '0.3');
      await node(1, DAY2, '0.2');
      for (const day of [DAY1, DAY2, DAY3]) {
        for (const cluster of [1, 2]) await rollupDay(s, cluster, new Date(day));
      }
      await s.exec(`INSERT INTO job_run (job, cluster_id, started_at, finished_at, status, error) VALUES
        ('collect', 1, '2026-11-02T12:00:00Z', '2026-11-02T12:00:01Z', 'succeeded', NULL),
        ('collect', 2, '2026-11-02T12:00:00Z', '2026-11-02T12:00:01Z', 'failed', 'listing nodes: HTTP 403')`);
    });
  });
  afterAll(async () => cleanup?.());

  const window = { cluster: 'prod', from: new Date(DAY1), to: new Date(DAY3) };

  test('team costs over a half-open window, shares of the total including idle', async () => {
    const result = await getTeamCosts(db, window);
    expect(result.teams.map((t) => [t.team, Number(t.costUsd.toFixed(10))])).toEqual([['search', 0.7], ['checkout', 0.3]]);
    expect(result.idleUsd).toBeCloseTo(0.5, 10);
    expect(result.totalUsd).toBeCloseTo(1.5, 10);
    expect(result.teams[0]!.share).toBeCloseTo(0.7 / 1.5, 10);
    expect((await getTeamCosts(db, { ...window, cluster: undefined })).totalUsd).toBeCloseTo(2.5, 10);
  });

  test('daily costs bucket by UTC day, with every day and an idle series', async () => {
    const daily = await getDailyTeamCosts(db, window);
    expect(daily.days).toEqual(['2026-11-01', '2026-11-02']);
    expect(daily.series).toEqual(['search', 'checkout', IDLE_SERIES]);
    expect(daily.rows[0]).toMatchObject({ day: '2026-11-01', checkout: expect.closeTo(0.3, 10), search: 0, [IDLE_SERIES]: expect.closeTo(0.3, 10) });
    expect(daily.rows[1]).toMatchObject({ day: '2026-11-02', search: expect.closeTo(0.7, 10), checkout: 0 });
  });

  test('top workloads by cost with efficiency = usage / request', async () => {
    const top = await getTopWorkloads(db, window);
    expect(top.map((w) => [w.controllerName, w.team])).toEqual([['indexer', 'search'], ['api', 'checkout']]);
    expect(top[1]!.cpuEfficiency).toBeCloseTo(0.5, 10);
    expect(top[0]!.memoryEfficiency).toBeCloseTo(0.5, 10);
  });

  test('freshness and clusters', async () => {
    expect(await getClusters(db)).toEqual(['dev', 'prod']);
    expect(await getFreshness(db)).toEqual([
      { cluster: 'dev', lastCollectedAt: null, failing: true, lastError: 'listing nodes: HTTP 403' },
      { cluster: 'prod', lastCollectedAt: '2026-11-02T12:00:00.000Z', failing: false, lastError: null },
    ]);
  });
});
