import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../lib/db/client';
import { getCostDataVersion } from '../../lib/queries/get-cost-data-version';
import { getDelivery } from '../../lib/queries/get-delivery';
import { BACKENDS } from '../helpers/backends';
import { insertClusters, insertHours, type ContainerHourFixture } from './fixtures';

const FROM = new Date('2026-11-01T00:00:00.000Z');
const TO = new Date('2026-11-03T00:00:00.000Z');

const hour = (h: string, team: string, cpuUsd: string, uid = `${team}-1`): ContainerHourFixture => ({
  cluster: 1, hour: h, uid, namespace: team, controller: 'web', team, cpuUsd, ramUsd: '0',
  cpuRequest: 100, cpuUsage: 50, memoryRequest: null, memoryUsage: null,
});

const costs = async (db: Database) =>
  Object.fromEntries((await getDelivery(db, { from: FROM, to: TO, aggregate: 'team', doraYear: 2024 })).map((r) => [r.name, r.costUsd]));

describe.each(BACKENDS)('delivery costs kept until the rollups change, on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    await db.session(async (s) => {
      await insertClusters(s, [{ id: 1, name: 'acme' }]);
      await insertHours(s, [hour('2026-11-01T10:00:00Z', 'alpha', '1.5'), hour('2026-11-02T10:00:00Z', 'beta', '2')], []);
    });
  }, 60_000);
  afterAll(async () => cleanup?.());

  test('a new rollup row, a changed one and a deleted one each show at once; other writes do not move the version', async () => {
    expect(await costs(db)).toEqual({ alpha: 1.5, beta: 2 });
    expect(await costs(db)).toEqual({ alpha: 1.5, beta: 2 });

    const before = await getCostDataVersion(db);
    await db.session(async (s) => {
      await s.run(`INSERT INTO scrape (cluster_id, sampled_at, nodes, pods, containers, cpu_request_millicores, memory_request_bytes,
                     cpu_usage_millicores, memory_usage_bytes, gpu_requests, persistent_volume_claims, metrics_available, duration_ms)
                   VALUES (1, '2026-11-02T11:00:00Z', 1, 1, 1, 0, 0, 0, 0, 0, 0, true, 5)`);
      await s.run(`UPDATE cluster SET last_collected_at = '2026-11-02T11:00:00Z' WHERE id = 1`);
    });
    expect(await getCostDataVersion(db)).toBe(before);

    await db.session((s) => insertHours(s, [hour('2026-11-02T11:00:00Z', 'alpha', '0.25', 'alpha-2')], []));
    expect(await getCostDataVersion(db)).not.toBe(before);
    expect(await costs(db)).toEqual({ alpha: 1.75, beta: 2 });

    // A re-rollup rewrites rows in place (container_hour, then the day's rows).
    await db.session(async (s) => {
      await s.run(`UPDATE container_day SET cpu_cost_usd = 3 WHERE team = 'beta'`);
      await s.run(`UPDATE workload_day SET cpu_cost_usd = 3 WHERE team = 'beta'`);
    });
    expect((await costs(db)).beta).toBe(3);

    await db.session(async (s) => {
      for (const table of ['container_hour', 'container_day', 'workload_day']) await s.run(`DELETE FROM ${table} WHERE team = 'alpha'`);
    });
    expect(await costs(db)).toEqual({ beta: 3 });
  });

  test('a rolled-back write leaves the version (and the cached costs) as they were', async () => {
    const before = await getCostDataVersion(db);
    await expect(
      db.transaction(async (s) => {
        await s.run(`DELETE FROM container_day`);
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    expect(await getCostDataVersion(db)).toBe(before);
    expect(await costs(db)).toEqual({ beta: 3 });
  });
});
