import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../lib/db/client';
import { fixedClock, startDemoCluster, type DemoCluster, type SimulatedClock } from '../../lib/demo/server';
import { collectOnce } from '../../lib/ingest/collect-once';
import { writeSnapshot } from '../../lib/ingest/write-snapshot';
import { makeApis } from '../../lib/k8s/client';
import { loadKubeConfig } from '../../lib/k8s/kubeconfig';
import { readSnapshot } from '../../lib/k8s/read-snapshot';
import { BACKENDS } from '../helpers/backends';

const NOON = new Date('2026-11-25T12:00:00.000Z');
const TABLES = ['namespace', 'node', 'persistent_volume', 'persistent_volume_claim', 'pod', 'container', 'workload', 'workload_revision', 'container_sample', 'node_sample', 'claim_sample'];
const noSleep = async () => {};

// Streaming happens on Postgres only (PGlite writes after the read, in one transaction).
describe('collect on Postgres: inventory written while the pods are read', () => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let cluster: DemoCluster;
  let clock: SimulatedClock;
  let minute = 0;
  const connection = () => loadKubeConfig({ kubeconfig: cluster.kubeconfigPath });
  const nextMinute = () => clock.set(new Date(NOON.getTime() + ++minute * 60_000));
  /** Every stored row of a cluster, without its cluster id, in a stable order: table → rows. */
  const rowsOf = async (name: string) =>
    db.session(async (s) => {
      const out: Record<string, unknown> = {};
      for (const table of TABLES) {
        const [row] = await s.query<{ rows: unknown }>(
          `SELECT COALESCE(jsonb_agg(x ORDER BY x::text), '[]') AS rows FROM (SELECT to_jsonb(t) - 'cluster_id' AS x FROM "${table}" t JOIN "cluster" c ON c.id = t.cluster_id WHERE c.name = $1) q`,
          [name],
        );
        out[table] = row!.rows;
      }
      return out;
    });

  beforeAll(async () => {
    ({ db, cleanup } = await BACKENDS.find((b) => b.name === 'Postgres')!.open());
    clock = fixedClock(NOON);
    cluster = await startDemoCluster({ seed: 5, clock });
  });
  afterEach(() => cluster.faults.clear());
  afterAll(async () => {
    await cluster?.close();
    await cleanup?.();
  });

  test('pods written in chunks during the read: the same rows and summary as one write after it', async () => {
    nextMinute();
    const streamed = await collectOnce(db, connection(), { cluster: 'streamed', pageSize: 7, podChunk: 10 });
    const snapshot = await readSnapshot(makeApis(connection().kubeConfig), { cluster: 'whole', pageSize: 7 });
    const whole = await writeSnapshot(db, snapshot, 0);
    expect(streamed.stored).toBe(true);
    expect(streamed.summary.pods).toBeGreaterThan(100); // many chunks of 10
    expect(streamed.rowsWritten).toBe(whole.rowsWritten);
    expect({ ...streamed.summary, cluster: 'whole' }).toEqual(whole.summary);
    expect(await rowsOf('streamed')).toEqual(await rowsOf('whole'));
    const clusters = await db.prisma.cluster.findMany({ where: { name: { in: ['streamed', 'whole'] } } });
    expect(clusters.map((c) => c.lastCollectedAt?.toISOString())).toEqual([snapshot.sampledAt, snapshot.sampledAt]);
  });

  test('a 410 Expired on the pods list mid-way: the scrape is still stored whole, as without it', async () => {
    nextMinute();
    const reference = await collectOnce(db, connection(), { cluster: 'reference', pageSize: 7, podChunk: 10 });
    cluster.faults.inject({ path: '/api/v1/pods', status: 410, times: 1 });
    const expired = await collectOnce(db, connection(), { cluster: 'expired', pageSize: 7, podChunk: 10, sleep: noSleep });
    expect(cluster.requestLog().some((r) => r.path === '/api/v1/pods' && r.status === 410)).toBe(true);
    expect(expired.stored).toBe(true);
    expect({ ...expired.summary, cluster: 'reference' }).toEqual(reference.summary);
    expect(await rowsOf('expired')).toEqual(await rowsOf('reference'));
  });

  test('a second collect at the same server time writes nothing, streamed or not', async () => {
    nextMinute();
    const first = await collectOnce(db, connection(), { cluster: 'again', pageSize: 7, podChunk: 10 });
    const before = await rowsOf('again');
    const second = await collectOnce(db, connection(), { cluster: 'again', pageSize: 7, podChunk: 10 });
    expect(first.stored).toBe(true);
    expect(second).toMatchObject({ stored: false, rowsWritten: 0 });
    expect(await rowsOf('again')).toEqual(before);
  });

  test('a read that fails after the pods started stores no scrape and leaves last_collected_at unset', async () => {
    nextMinute();
    cluster.faults.inject({ path: '/apis/metrics.k8s.io/v1beta1/pods', status: 500 });
    await expect(collectOnce(db, connection(), { cluster: 'failed', pageSize: 7, podChunk: 10, sleep: noSleep })).rejects.toThrow(/listing metrics\.k8s\.io pods: HTTP 500/);
    expect(await db.prisma.scrape.count({ where: { cluster: { name: 'failed' } } })).toBe(0);
    const failed = await db.prisma.cluster.findUnique({ where: { name: 'failed' } });
    expect(failed?.lastCollectedAt ?? null).toBeNull();
  });
});
