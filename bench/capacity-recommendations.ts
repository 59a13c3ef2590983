// The recommendations read at scale: 2,000 pods (200 Deployments × 10 pods, one container each)
// with 14 days of hourly and daily rollups, generated directly in SQL (no scrapes), then
// getContainerUsage over a 14-day window ending mid-day (days from container_day, the edge hours
// from container_hour, the VPA's hours from workload_container_hour) plus a trivial p95 pass.
import { histogramPercentile, mergeHistograms } from '../lib/capacity/usage-histogram';
import { openDatabase } from '../lib/db/client';
import { applyMigrations } from '../lib/db/migrate';
import { getContainerUsage } from '../lib/queries/get-container-usage';
import { createScratchDatabase } from '../test/helpers/postgres';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface RecommendationsBench {
  lines: string[];
  medianMs: number;
}

export async function benchRecommendations(options: { pods?: number; days?: number; runs?: number } = {}): Promise<RecommendationsBench> {
  const pods = options.pods ?? 2000;
  const days = options.days ?? 14;
  const runs = options.runs ?? 5;
  // A fixed instant (benchmarks are reproducible): the window ends at 13:00 UTC, so both edges are partial days.
  const end = Date.parse('2026-11-20T13:00:00Z');
  const start = end - days * DAY;
  const firstDay = Math.floor(start / DAY) * DAY;
  const scratch = await createScratchDatabase('tally_bench_capacity');
  const db = await openDatabase({ databaseUrl: scratch.url });
  try {
    await db.session((s) => applyMigrations(s));
    const t0 = performance.now();
    await db.session(async (s) => {
      await s.run(`INSERT INTO cluster (id, name) VALUES (1, 'bench')`);
      await s.run(
        `INSERT INTO pod (cluster_id, uid, namespace, name, phase, owner_kind, owner_name, controller_kind, controller_name, first_seen_at, last_seen_at, restarts)
         SELECT 1, 'pod-' || i, 'ns-' || (i % 20), 'pod-' || i, 'Running', 'ReplicaSet', 'app-' || (i % 200), 'Deployment', 'app-' || (i % 200), $1, $2, i % 3
           FROM generate_series(0, $3 - 1) AS i`,
        [new Date(firstDay), new Date(end), pods],
      );
      await s.run(
        `INSERT INTO container (cluster_id, pod_uid, name, is_init, image, cpu_request_millicores, cpu_limit_millicores, memory_request_bytes, memory_limit_bytes)
         SELECT 1, uid, 'app', false, 'app:1', 500, 1000, 536870912, 1073741824 FROM pod`,
      );
      // 64 hourly histogram shapes (12 adjacent buckets from a per-shape base), picked per row by a hash.
      await s.run(
        `CREATE TEMP TABLE shape AS
         SELECT k, ARRAY(SELECT v FROM generate_series(0, 11) AS g, LATERAL (VALUES (1, 40 + k + g), (2, 1 + (k * 7 + g * 3) % 9)) AS e(o, v) ORDER BY g, o) AS hourly,
                ARRAY(SELECT v FROM generate_series(0, 11) AS g, LATERAL (VALUES (1, 40 + k + g), (2, 24 * (1 + (k * 7 + g * 3) % 9))) AS e(o, v) ORDER BY g, o) AS daily
           FROM generate_series(0, 63) AS k`,
      );
      await s.run(
        `INSERT INTO container_hour (cluster_id, hour_start, pod_uid, container, namespace, pod, node_name, controller_kind, controller_name, team,
           running_seconds, cpu_usage_max_millicores, cpu_allocated_avg_millicores, memory_usage_max_bytes, memory_allocated_avg_bytes, cpu_core_hours, ram_byte_hours,
           gpu_hours, cpu_cost_usd, ram_cost_usd, gpu_cost_usd, total_cost_usd, cpu_usage_histogram, cpu_usage_samples)
         SELECT 1, h, p.uid, 'app', p.namespace, p.name, 'node-' || (p.ctid::text::point)[1]::int % 100, p.controller_kind, p.controller_name, 'team-' || (abs(hashtext(p.namespace)) % 8),
                3600, 900, 500, 400000000, 536870912, 0.5, 536870912, 0, 0.016, 0.002, 0, 0.018, sh.hourly, 60
           FROM pod p CROSS JOIN generate_series($1::timestamptz, $2::timestamptz - interval '1 hour', interval '1 hour') AS h
           JOIN shape sh ON sh.k = abs(hashtext(p.uid || h::text)) % 64`,
        [new Date(firstDay), new Date(Math.ceil(end / DAY) * DAY)],
      );
      await s.run(
        `INSERT INTO container_day (cluster_id, day_start, pod_uid, container, namespace, pod, node_name, controller_kind, controller_name, team,
           first_hour_start, last_hour_start, running_seconds, cpu_core_hours, ram_byte_hours, gpu_hours, cpu_request_core_seconds, cpu_usage_core_seconds,
           ram_request_byte_seconds, ram_usage_byte_seconds, cpu_cost_usd, ram_cost_usd, gpu_cost_usd, cpu_usage_histogram, cpu_usage_samples,
           cpu_usage_max_millicores, memory_usage_max_bytes)
         SELECT 1, d, p.uid, 'app', p.namespace, p.name, 'node-0', p.controller_kind, p.controller_name, 'team-' || (abs(hashtext(p.namespace)) % 8),
                d, d + interval '23 hours', 86400, 12, 12.0 * 536870912, 0, 43200, 20000, 0, 0, 0.384, 0.048, 0, sh.daily, 1440, 900, 400000000
           FROM pod p CROSS JOIN generate_series($1::timestamptz, $2::timestamptz - interval '1 day', interval '1 day') AS d
           JOIN shape sh ON sh.k = abs(hashtext(p.uid || d::text)) % 64`,
        [new Date(firstDay), new Date(Math.ceil(end / DAY) * DAY)],
      );
      await s.run(
        `INSERT INTO workload_container_hour (cluster_id, hour_start, namespace, controller_kind, controller_name, container, pods, cpu_usage_histogram,
           cpu_usage_samples, cpu_usage_max_millicores, memory_peaks_bytes)
         SELECT 1, h, w.namespace, 'Deployment', w.controller_name, 'app', 10, sh.daily, 600, 900, array_fill(400000000::bigint, ARRAY[10])
           FROM (SELECT DISTINCT namespace, controller_name FROM pod) w
          CROSS JOIN generate_series($1::timestamptz, $2::timestamptz - interval '1 hour', interval '1 hour') AS h
           JOIN shape sh ON sh.k = abs(hashtext(w.controller_name || h::text)) % 64`,
        [new Date(firstDay), new Date(Math.ceil(end / DAY) * DAY)],
      );
      await s.exec('ANALYZE');
    });
    const setupMs = performance.now() - t0;
    const counts = await db.session((s) => s.query<{ t: string; n: number }>(
      `SELECT 'container_hour' AS t, count(*)::int AS n FROM container_hour UNION ALL SELECT 'container_day', count(*)::int FROM container_day
       UNION ALL SELECT 'workload_container_hour', count(*)::int FROM workload_container_hour`,
    ));

    const read = async () => {
      const histories = await getContainerUsage(db, { startMs: start, endMs: end });
      let p95Sum = 0;
      for (const h of histories) {
        const podP95 = Math.max(...h.pods.map((p) => histogramPercentile(p.cpuHistogram, 0.95) ?? 0));
        const hourly = histogramPercentile(mergeHistograms(h.hours.map((x) => x.cpuHistogram)), 0.95) ?? 0;
        p95Sum += podP95 + hourly;
      }
      return { containers: histories.length, pods: histories.reduce((n, h) => n + h.pods.length, 0), p95Sum };
    };
    const first = await read();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await read();
      times.push(performance.now() - t);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const medianMs = sorted[Math.floor(sorted.length / 2)]!;
    const lines = [
      '## Recommendations read (`npm run bench:capacity`, part "recommendations")',
      '',
      `${pods.toLocaleString('en-US')} pods (${first.containers} workload containers, ${first.pods} pods read) × ${days} days of rollups generated in SQL`,
      `(${counts.map((c) => `${c.n.toLocaleString('en-US')} ${c.t}`).join(', ')}; setup ${(setupMs / 1000).toFixed(0)} s); Postgres 15 on 127.0.0.1, 2 cores.`,
      '',
      '| measure | median | runs |',
      '|---|---|---|',
      `| getContainerUsage (${days} days ending 13:00 UTC) + p95 pass | **${medianMs.toFixed(0)} ms** | ${times.map((x) => x.toFixed(0)).join(', ')} |`,
      '',
      'Target: ≤ 2 s.',
    ];
    return { lines, medianMs };
  } finally {
    await db.close();
    await scratch.drop();
  }
}
