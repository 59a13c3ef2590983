import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../lib/db/client';
import type { DemoCluster } from '../../lib/demo/server';
import { BACKENDS } from '../helpers/backends';
import { replayDemo } from '../helpers/replay';

// Migrations that add derived columns also fill them for data rolled up before them. Their
// backfill part (after the "-- Backfill (Tally)" line) must give what the rollup writes.
const MIGRATIONS = ['20261128190000_allocation_days', '20261128210000_workload_day_allocation', '20261128220000_idle_shares', '20261202170000_frozen_hours'];
const backfillOf = (name: string) => {
  const text = readFileSync(fileURLToPath(new URL(`../../prisma/migrations/${name}/migration.sql`, import.meta.url)), 'utf8');
  return text.slice(text.indexOf('-- Backfill (Tally)'));
};

const SNAPSHOTS: Record<string, string> = {
  // Volume costs came with their own migration, after these: older rows have none to carry.
  container_day: `SELECT cluster_id, day_start, pod_uid, container, namespace, pod, node_name, controller_kind, controller_name, team,
    first_hour_start, last_hour_start, running_seconds, cpu_core_hours, ram_byte_hours, gpu_hours, cpu_request_core_seconds,
    cpu_usage_core_seconds, ram_request_byte_seconds, ram_usage_byte_seconds, cpu_cost_usd, ram_cost_usd, gpu_cost_usd,
    cpu_idle_share_usd, ram_idle_share_usd, gpu_idle_share_usd FROM container_day ORDER BY day_start, pod_uid, container`,
  node_day: 'SELECT cluster_id, day_start, node_uid, cpu_idle_usd, ram_idle_usd, gpu_idle_usd, cpu_idle_unshared_usd, ram_idle_unshared_usd, gpu_idle_unshared_usd FROM node_day ORDER BY day_start, node_uid',
  // Sharing was not recorded before 20261202170000 (the config in force applies to those rows): compared apart.
  workload_day: `SELECT cluster_id, day_start, namespace, controller_kind, controller_name, team, cpu_cost_usd, ram_cost_usd, gpu_cost_usd, total_cost_usd,
    cpu_usage_millicore_seconds, cpu_request_millicore_seconds, memory_usage_byte_seconds, memory_request_byte_seconds, running_seconds,
    cpu_core_hours, ram_byte_hours, gpu_hours, pv_byte_hours, pv_cost_usd, first_hour_start, last_hour_start,
    cpu_idle_share_usd, ram_idle_share_usd, gpu_idle_share_usd FROM workload_day ORDER BY day_start, namespace, controller_kind, controller_name, team`,
  container_hour: `SELECT hour_start, pod_uid, container, cpu_idle_share_usd, ram_idle_share_usd, gpu_idle_share_usd, node_uid, node_unsampled
    FROM container_hour ORDER BY hour_start, pod_uid, container`,
  node_hour: 'SELECT hour_start, node_uid, cpu_idle_unshared_usd, ram_idle_unshared_usd, gpu_idle_unshared_usd FROM node_hour ORDER BY hour_start, node_uid',
};

/** Numbers (and numeric strings) as numbers: SQL divides in numeric, the rollup in float64. */
function numeric(rows: Record<string, unknown>[]) {
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v])));
}

/** Same rows, same keys, numbers within 1e-8 of each other (relative above 1). */
function expectClose(actual: Record<string, unknown>[], expected: Record<string, unknown>[], table: string) {
  expect(actual.length, table).toBe(expected.length);
  actual.forEach((row, i) => {
    for (const [key, value] of Object.entries(expected[i]!)) {
      const got = row[key];
      if (typeof value === 'number' && typeof got === 'number') expect(Math.abs(got - value), `${table}[${i}].${key}`).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(value)));
      else expect(got, `${table}[${i}].${key}`).toEqual(value);
    }
  });
}

describe.each(BACKENDS.filter((b) => b.name === 'Postgres'))('migration backfills on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let cluster: DemoCluster;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    cluster = await replayDemo(db, new Date('2026-11-25T08:00:00.000Z'), new Date('2026-11-25T11:00:00.000Z'));
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
    await cleanup?.();
  });

  test('rollups made before the derived columns existed get exactly what the rollup writes', async () => {
    const snapshot = () =>
      db.session(async (s) => {
        const tables: Record<string, Record<string, unknown>[]> = {};
        for (const [table, query] of Object.entries(SNAPSHOTS)) tables[table] = numeric(await s.query(query));
        return tables;
      });
    const written = await snapshot();
    expect(written.container_day!.length).toBeGreaterThan(100);
    await db.session(async (s) => {
      // What a database rolled up by the older code holds: no container days, no derived columns.
      await s.exec(`DELETE FROM container_day;
        UPDATE node_day SET cpu_idle_usd = 0, ram_idle_usd = 0, gpu_idle_usd = 0, cpu_idle_unshared_usd = 0, ram_idle_unshared_usd = 0, gpu_idle_unshared_usd = 0;
        UPDATE workload_day SET running_seconds = 0, cpu_core_hours = 0, ram_byte_hours = 0, gpu_hours = 0, pv_byte_hours = 0, pv_cost_usd = 0,
          first_hour_start = NULL, last_hour_start = NULL, cpu_idle_share_usd = 0, ram_idle_share_usd = 0, gpu_idle_share_usd = 0;
        UPDATE container_hour SET cpu_idle_share_usd = 0, ram_idle_share_usd = 0, gpu_idle_share_usd = 0, node_uid = NULL, node_unsampled = false, shared = NULL;
        UPDATE workload_day SET shared = NULL;
        DELETE FROM cluster_hour;
        UPDATE node_hour SET cpu_idle_unshared_usd = 0, ram_idle_unshared_usd = 0, gpu_idle_unshared_usd = 0;`);
      for (const name of MIGRATIONS) await s.exec(backfillOf(name));
    });
    const backfilled = await snapshot();
    for (const table of Object.keys(SNAPSHOTS)) expectClose(backfilled[table]!, written[table]!, table);
    // A container whose node had no node-hour is flagged (here: none; every sampled node has its row).
    expect(backfilled.container_hour!.some((r) => r.node_uid !== null)).toBe(true);
    const [unrecorded] = await db.session((s) =>
      s.query<{ n: number }>('SELECT (SELECT count(*) FROM container_hour WHERE shared IS NOT NULL) + (SELECT count(*) FROM workload_day WHERE shared IS NOT NULL) AS n'),
    );
    expect(Number(unrecorded!.n)).toBe(0);
  });

  test('the VPA day rows of days rolled up before workload_container_day existed are what the day rollup writes', async () => {
    const days = () => db.session(async (s) => numeric(await s.query(
      `SELECT cluster_id, day_start, namespace, controller_kind, controller_name, container, cpu_decayed_histogram, cpu_usage_samples,
              first_sample_hour, last_sample_hour, memory_peaks_bytes::float8[] AS memory_peaks_bytes
         FROM workload_container_day ORDER BY cluster_id, day_start, namespace, controller_kind, controller_name, container`)));
    const written = await days();
    expect(written.length).toBeGreaterThan(10);
    await db.session(async (s) => {
      await s.exec('DELETE FROM workload_container_day');
      await s.exec(backfillOf('20261205040000_vpa_days'));
    });
    const backfilled = await days();
    const withoutHistogram = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([k]) => k !== 'cpu_decayed_histogram'));
    expect(backfilled.map(withoutHistogram)).toEqual(written.map(withoutHistogram));
    backfilled.forEach((row, i) => {
      const got = row.cpu_decayed_histogram as number[];
      const want = written[i]!.cpu_decayed_histogram as number[];
      expect(got).toHaveLength(want.length);
      got.forEach((v, j) => expect(Math.abs(v - want[j]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want[j]!))));
    });
  });
});
