import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../lib/db/client';
import { fixedClock, startDemoCluster, type DemoCluster } from '../../lib/demo/server';
import { backfill } from '../../lib/ingest/backfill';
import { pruneBackfilledChunk } from '../../lib/ingest/backfill-prune';
import { rollupRange } from '../../lib/ingest/rollup';
import { loadKubeConfig } from '../../lib/k8s/kubeconfig';
import { BACKENDS } from '../helpers/backends';

// Fixed instants: the range crosses a month boundary, so "month to date first" is visible.
const FROM = new Date('2026-11-30T20:00:00Z');
const TO = new Date('2026-12-01T02:10:00Z');
const NOW = new Date('2026-12-01T02:10:00Z');
const CUTOFF = new Date('2026-11-30T23:30:00Z'); // raw retention ends here

interface Run {
  cluster: DemoCluster;
  rolled: Date[];
  scrapes: number;
}

async function replay(db: Database, name: string, options: { chunkHours: number; stopAfter?: number; prune?: boolean }): Promise<Run> {
  const clock = fixedClock(FROM);
  const cluster = await startDemoCluster({ seed: 5, clock, clusterName: name, nodes: 3, pods: 30 });
  const rolled: Date[] = [];
  let scrapes = 0;
  const connection = loadKubeConfig({ kubeconfig: cluster.kubeconfigPath });
  const counting = { set: (instant: Date) => (scrapes++, clock.set(instant)) };
  const result = await backfill(db, {
    cluster: name, connection, clock: counting, from: FROM, to: TO, chunkHours: options.chunkHours,
    rollup: async (from, to) => {
      for (let h = from.getTime(); h < to.getTime(); h += 3_600_000) rolled.push(new Date(h));
      await rollupRange(db, { from, to, cluster: name, now: NOW });
    },
    afterChunk: options.prune ? (chunk) => pruneBackfilledChunk(db, chunk, CUTOFF).then(() => {}) : undefined,
    onProgress: () => {},
    shouldStop: () => options.stopAfter !== undefined && scrapes >= options.stopAfter,
  });
  scrapes = result.scrapes;
  return { cluster, rolled, scrapes };
}

async function hourRows(db: Database, name: string) {
  const where = `cluster_id = (SELECT id FROM "cluster" WHERE name = '${name}')`;
  return db.session(async (s) => ({
    containers: await s.query(`SELECT * FROM "container_hour" WHERE ${where} ORDER BY hour_start, pod_uid, container`),
    nodes: await s.query(`SELECT * FROM "node_hour" WHERE ${where} ORDER BY hour_start, node_uid`),
    days: await s.query(`SELECT * FROM "workload_day" WHERE ${where} ORDER BY day_start, namespace, controller_kind, controller_name, team`),
    firstSeen: await s.query(`SELECT uid, first_seen_at, last_seen_at FROM "pod" WHERE ${where} ORDER BY uid`),
  }));
}

const withoutCluster = (rows: Record<string, unknown>[]) => rows.map(({ cluster_id: _, ...rest }) => rest);

describe.each(BACKENDS)('backfill newest first ($name)', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  const clusters: DemoCluster[] = [];
  let forward: Run;
  let newest: Run;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    forward = await replay(db, 'forward', { chunkHours: 24 * 7 }); // one chunk: a plain forward replay
    newest = await replay(db, 'newest', { chunkHours: 2, prune: true });
    clusters.push(forward.cluster, newest.cluster);
  }, 240_000);
  afterAll(async () => {
    await Promise.all(clusters.map((c) => c.close()));
    await cleanup();
  });

  test('the month to date is rolled up before the older hours', () => {
    const december = Date.parse('2026-12-01T00:00:00Z');
    const firstOlder = newest.rolled.findIndex((h) => h.getTime() < december);
    expect(newest.rolled.slice(0, firstOlder).map((h) => h.toISOString())).toEqual(['2026-12-01T00:00:00.000Z', '2026-12-01T01:00:00.000Z']);
    expect(newest.rolled.slice(firstOlder).every((h) => h.getTime() < december)).toBe(true);
    expect(forward.rolled[0]!.toISOString()).toBe('2026-11-30T20:00:00.000Z');
  });

  test('hourly and daily rows, and when each pod was first seen, equal a forward replay', async () => {
    const a = await hourRows(db, 'forward');
    const b = await hourRows(db, 'newest');
    expect(a.containers.length).toBeGreaterThan(100);
    // 3 planned nodes × 6 hours, and 4 node-hours of the nodes the autoscaler removes on Monday evening (20:00–22:00).
    expect(a.nodes).toHaveLength(6 * 3 + 4);
    expect(withoutCluster(b.containers)).toEqual(withoutCluster(a.containers));
    expect(withoutCluster(b.nodes)).toEqual(withoutCluster(a.nodes));
    expect(withoutCluster(b.days)).toEqual(withoutCluster(a.days));
    expect(b.firstSeen).toEqual(a.firstSeen);
  });

  test('raw samples older than the retention are gone once their hours are rolled up; their rows stay', async () => {
    const count = (name: string) =>
      db.session((s) =>
        s.query<{ old: number; kept: number }>(
          `SELECT count(*) FILTER (WHERE sampled_at < $2)::int AS old, count(*) FILTER (WHERE sampled_at >= $2)::int AS kept
             FROM "container_sample" WHERE cluster_id = (SELECT id FROM "cluster" WHERE name = $1)`,
          [name, CUTOFF],
        ),
      );
    const [pruned] = await count('newest');
    const [unpruned] = await count('forward');
    // 20:00 keeps its scrape until a chunk before it would be replayed (none: it is the first instant).
    const oldest = await db.session((s) => s.query<{ n: number }>(`SELECT count(*)::int AS n FROM "scrape" WHERE sampled_at < $1 AND cluster_id = (SELECT id FROM "cluster" WHERE name = 'newest')`, [CUTOFF]));
    expect(unpruned!.old).toBeGreaterThan(0);
    expect(oldest[0]!.n).toBeLessThanOrEqual(1);
    expect(pruned!.kept).toBe(unpruned!.kept);
    const rows = await hourRows(db, 'newest');
    expect(rows.containers.some((r) => new Date(r.hour_start as Date) < CUTOFF)).toBe(true);
  });

  test('an interrupted backfill carries on where it stopped; a second one replays nothing', async () => {
    const first = await replay(db, 'resumed', { chunkHours: 2, stopAfter: 20 });
    clusters.push(first.cluster);
    expect(first.scrapes).toBe(20);
    const second = await replay(db, 'resumed', { chunkHours: 2 });
    clusters.push(second.cluster);
    expect(first.scrapes + second.scrapes).toBe(forward.scrapes);
    const a = await hourRows(db, 'forward');
    const b = await hourRows(db, 'resumed');
    expect(withoutCluster(b.containers)).toEqual(withoutCluster(a.containers));
    const third = await replay(db, 'resumed', { chunkHours: 2 });
    clusters.push(third.cluster);
    expect(third.scrapes).toBe(0);
    expect(withoutCluster((await hourRows(db, 'resumed')).nodes)).toEqual(withoutCluster(a.nodes));
  });
});

describe.each(BACKENDS)('pruneRawSamples ($name)', (backend) => {
  test('without `after` it deletes every raw sample before the cutoff', async () => {
    const { db, cleanup } = await backend.open();
    try {
      const run = await replay(db, 'pruned', { chunkHours: 24 * 7 });
      await run.cluster.close();
      const { pruneRawSamples } = await import('../../lib/ingest/prune');
      expect(await pruneRawSamples(db, CUTOFF)).toBeGreaterThan(0);
      const [left] = await db.session((s) => s.query<{ n: number }>('SELECT count(*)::int AS n FROM "scrape" WHERE sampled_at < $1', [CUTOFF]));
      expect(left!.n).toBe(0);
    } finally {
      await cleanup();
    }
  }, 120_000);
});
