import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseFilter } from '../../lib/allocation/filter';
import { decodeHistogram, histogramPercentile } from '../../lib/capacity/usage-histogram';
import { hourPeriod, mergePeriodsByDay } from '../../lib/capacity/usage-periods';
import { proposeVpa, VPA_DEFAULTS } from '../../lib/capacity/vpa';
import type { ContainerUsageHistory, UsagePeriod } from '../../lib/capacity/types';
import type { Database } from '../../lib/db/client';
import { pruneRawSamples } from '../../lib/ingest/prune';
import { rollupRange } from '../../lib/ingest/rollup';
import { getContainerUsage } from '../../lib/queries/get-container-usage';
import { BACKENDS } from '../helpers/backends';

// 20 days of 15-minute samples of three pods (two of Deployment api, one of Deployment worker),
// rolled up, then the raw samples older than 8 days pruned and every hour re-rolled: the 14-day
// read must not change, and its p95 must match the raw samples' within 5%.
const DAY_MS = 86_400_000;
const END = Date.parse('2026-11-21T00:00:00Z');
const START = END - 20 * DAY_MS;
const NOW = new Date(END);
const LOOKBACK = { startMs: END - 14 * DAY_MS, endMs: END, withPeriods: true };
const GIB = 1024 ** 3;

async function seed(db: Database): Promise<void> {
  await db.session(async (s) => {
    await s.run(`INSERT INTO cluster (id, name) VALUES (1, 'prod')`);
    await s.run(
      `INSERT INTO pod (cluster_id, uid, namespace, name, phase, owner_kind, owner_name, controller_kind, controller_name, first_seen_at, last_seen_at,
                        restarts, last_termination_reason)
       VALUES (1, 'api-1', 'shop', 'api-1', 'Running', 'ReplicaSet', 'api-abc', 'Deployment', 'api', $1, $2, 2, 'OOMKilled'),
              (1, 'api-2', 'shop', 'api-2', 'Running', 'ReplicaSet', 'api-abc', 'Deployment', 'api', $1, $2, 0, NULL),
              (1, 'worker-1', 'shop', 'worker-1', 'Running', 'ReplicaSet', 'worker-x', 'Deployment', 'worker', $1, $2, 1, 'Error')`,
      [new Date(START), new Date(END - 60_000)],
    );
    await s.run(
      `INSERT INTO container (cluster_id, pod_uid, name, is_init, image, cpu_request_millicores, cpu_limit_millicores, memory_request_bytes, memory_limit_bytes)
       VALUES (1, 'api-1', 'app', false, 'api:1', 500, 1000, $1, $2), (1, 'api-1', 'proxy', false, 'envoy', 100, NULL, NULL, NULL),
              (1, 'api-1', 'init', true, 'busybox', 10, NULL, NULL, NULL),
              (1, 'api-2', 'app', false, 'api:1', 500, 1000, $1, $2), (1, 'api-2', 'proxy', false, 'envoy', 100, NULL, NULL, NULL),
              (1, 'worker-1', 'app', false, 'worker:1', 2000, NULL, $2, $2)`,
      [GIB, 2 * GIB],
    );
    await s.run(
      `INSERT INTO scrape (cluster_id, sampled_at, nodes, pods, containers, cpu_request_millicores, memory_request_bytes, cpu_usage_millicores,
                           memory_usage_bytes, gpu_requests, persistent_volume_claims, metrics_available, duration_ms)
       SELECT 1, t, 0, 3, 5, 0, 0, 0, 0, 0, 0, true, 10 FROM generate_series($1::timestamptz, $2::timestamptz, interval '15 minutes') AS t`,
      [new Date(START), new Date(END - 15 * 60_000)],
    );
    // Usage from a hash of (pod, container, time): deterministic, spread over 0..~3,000 m with a long tail.
    await s.run(
      `INSERT INTO container_sample (cluster_id, sampled_at, pod_uid, container, namespace, pod, node_name, cpu_request_millicores, memory_request_bytes,
                                     cpu_usage_millicores, memory_usage_bytes, usage_at)
       SELECT 1, sc.sampled_at, c.pod_uid, c.name, 'shop', c.pod_uid, 'node-a', c.cpu_request_millicores, c.memory_request_bytes,
              (power(abs(hashtext(c.pod_uid || c.name || sc.sampled_at::text)) % 1000 / 1000.0, 3) * 3000)::int,
              (200 * 1024 * 1024 + abs(hashtext(sc.sampled_at::text || c.pod_uid)) % (100 * 1024 * 1024))::bigint, sc.sampled_at
         FROM scrape sc CROSS JOIN container c WHERE NOT c.is_init`,
    );
  });
}

/** KRR's CPU figure: the max over pods of each pod's p95, in millicores. */
const maxPodP95 = (h: ContainerUsageHistory) => Math.max(...h.pods.map((p) => histogramPercentile(p.cpuHistogram, 0.95, p.cpuMaxMillicores ?? undefined)!));
const vpaTarget = (h: ContainerUsageHistory) => {
  const p = proposeVpa(h, END);
  return [p.cpu.ok && p.cpu.request, p.memory.ok && p.memory.request];
};
const nearestRank = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.ceil(p * xs.length) - 1]!;

describe.each(BACKENDS)('getContainerUsage on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let before: ContainerUsageHistory[];
  let rawP95: Map<string, number>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    await seed(db);
    await rollupRange(db, { from: new Date(START), to: new Date(END), now: NOW });
    before = await getContainerUsage(db, LOOKBACK);
    const raw = await db.session((s) => s.query<{ pod_uid: string; container: string; cpu: number }>(
      'SELECT pod_uid, container, cpu_usage_millicores AS cpu FROM container_sample WHERE sampled_at >= $1 AND sampled_at < $2',
      [new Date(LOOKBACK.startMs), new Date(LOOKBACK.endMs)],
    ));
    rawP95 = new Map();
    for (const key of new Set(raw.map((r) => `${r.pod_uid}/${r.container}`))) {
      rawP95.set(key, nearestRank(raw.filter((r) => `${r.pod_uid}/${r.container}` === key).map((r) => r.cpu), 0.95));
    }
  }, 240_000);
  afterAll(async () => cleanup?.());

  test('one history per workload container, with its pods, 14 days of VPA periods, current resources and replicas', () => {
    expect(before.map((h) => `${h.controllerName}/${h.container}`)).toEqual(['api/app', 'api/proxy', 'worker/app']);
    const api = before[0]!;
    expect(api.pods.map((p) => p.podUid).sort()).toEqual(['api-1', 'api-2']);
    expect(api.pods[0]!.samples).toBe(14 * 96);
    expect(api.periods.map((p) => p.startMs)).toEqual(Array.from({ length: 14 }, (_, d) => LOOKBACK.startMs + d * DAY_MS));
    expect(api.periods[0]!.memoryPeaksBytes).toHaveLength(2);
    expect(api.periods[0]!.cpuSamples).toBe(2 * 96);
    expect(api.current).toEqual({ cpuRequestMillicores: 500, cpuLimitMillicores: 1000, memoryRequestBytes: GIB, memoryLimitBytes: 2 * GIB });
    expect(api.containersInPod).toBe(2);
    expect(api.replicas).toBeCloseTo(2, 5);
    expect(api.restarts).toBe(2);
    expect(api.oomKills).toEqual([{ atMs: END - 60_000, memoryLimitBytes: 2 * GIB }]);
    expect(before[2]!.oomKills).toEqual([]);
    expect(before[2]!.restarts).toBe(1);
    expect(api.usdPerCoreHour).toBeGreaterThan(0);
    expect(api.hpa).toEqual({ cpu: false, memory: false });
  });

  test('each pod p95 from the rollups is within 5% of the raw samples (never below)', () => {
    for (const h of before) {
      for (const pod of h.pods) {
        const exact = rawP95.get(`${pod.podUid}/${h.container}`)!;
        const estimate = histogramPercentile(pod.cpuHistogram, 0.95, pod.cpuMaxMillicores ?? undefined)!;
        expect(estimate).toBeGreaterThanOrEqual(exact);
        expect(estimate).toBeLessThanOrEqual(Math.max(exact * 1.05, exact + 1));
      }
    }
  });

  test('after pruning raw samples older than 8 days and re-rolling every hour, the 14-day read is unchanged', async () => {
    await pruneRawSamples(db, new Date(END - 8 * DAY_MS));
    await rollupRange(db, { from: new Date(START), to: new Date(END), now: NOW });
    const [{ oldest }] = await db.session((s) => s.query<{ oldest: Date }>('SELECT min(sampled_at) AS oldest FROM container_sample')) as [{ oldest: Date }];
    expect(new Date(oldest).getTime()).toBeGreaterThanOrEqual(END - 8 * DAY_MS);
    const after = await getContainerUsage(db, LOOKBACK);
    expect(after.map(maxPodP95)).toEqual(before.map(maxPodP95));
    expect(after.map(vpaTarget)).toEqual(before.map(vpaTarget));
    expect(after).toEqual(before);
  });

  test('filters and clusters narrow the read', async () => {
    expect((await getContainerUsage(db, { ...LOOKBACK, filter: parseFilter('controllerName:"worker"') })).map((h) => h.controllerName)).toEqual(['worker']);
    expect(await getContainerUsage(db, { ...LOOKBACK, filter: parseFilter('container!:"app"') })).toHaveLength(1);
    expect(await getContainerUsage(db, { ...LOOKBACK, clusterIds: [2] })).toEqual([]);
    // A window ending mid-day reads the edge hours from container_hour.
    const edge = await getContainerUsage(db, { startMs: END - 36 * 3_600_000, endMs: END - 6 * 3_600_000 });
    expect(edge[0]!.periods).toEqual([]); // without withPeriods
    const edgePeriods = await getContainerUsage(db, { startMs: END - 36 * 3_600_000, endMs: END - 6 * 3_600_000, withPeriods: true });
    expect(edgePeriods[0]!.periods).toHaveLength(30);
    expect(edge[0]!.pods[0]!.samples).toBe(30 * 4);
  });

  test('a stored day is its hours merged with the VPA decay: the same periods and the same VPA recommendation', async () => {
    const hours = await db.session((s) => s.query<{ controller_name: string; container: string; hour_ms: number; histogram: number[]; peaks: number[] }>(
      `SELECT controller_name, container, (extract(epoch FROM hour_start) * 1000)::float8 AS hour_ms, cpu_usage_histogram AS histogram,
              memory_peaks_bytes::float8[] AS peaks
         FROM workload_container_hour WHERE hour_start >= $1 AND hour_start < $2`, [new Date(LOOKBACK.startMs), new Date(END)]));
    for (const h of before) {
      const mine = hours.filter((r) => r.controller_name === h.controllerName && r.container === h.container)
        .map((r) => hourPeriod(r.hour_ms, decodeHistogram(r.histogram.map(Number)), r.peaks.map(Number)));
      expect(mine).toHaveLength(14 * 24);
      const days = mergePeriodsByDay(mine, VPA_DEFAULTS.halfLifeMs);
      const withoutHistogram = (p: UsagePeriod) => ({ ...p, cpuDecayedHistogram: null });
      expect(h.periods.map(withoutHistogram)).toEqual(days.map(withoutHistogram));
      h.periods.forEach((p, i) => {
        expect(p.cpuDecayedHistogram.buckets).toEqual(days[i]!.cpuDecayedHistogram.buckets);
        p.cpuDecayedHistogram.counts.forEach((w, j) => expect(w).toBeCloseTo(days[i]!.cpuDecayedHistogram.counts[j]!, 9));
      });
      expect(vpaTarget(h)).toEqual(vpaTarget({ ...h, periods: mine }));
    }
  });
});
