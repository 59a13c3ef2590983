// Rollup and overview-query benchmark on Postgres: the simulated cluster at 2,000 pods is
// collected once, its samples are replicated in SQL over 30 days at 10-minute steps (plus one
// hour at 1-minute steps, the live density), then: one hour's rollup, re-rolling all 30 days,
// and the overview queries' latency (median, p95). Results go to BENCHMARKS.md.
import { openDatabase } from '../lib/db/client';
import { applyMigrations } from '../lib/db/migrate';
import { fixedClock, startDemoCluster } from '../lib/demo/server';
import { collectOnce } from '../lib/ingest/collect-once';
import { rollupRange } from '../lib/ingest/rollup';
import { loadKubeConfig } from '../lib/k8s/kubeconfig';
import { getDailyTeamCosts } from '../lib/queries/get-daily-team-costs';
import { getFreshness } from '../lib/queries/get-freshness';
import { getTeamCosts } from '../lib/queries/get-team-costs';
import { getTopWorkloads } from '../lib/queries/get-top-workloads';
import { createScratchDatabase } from '../test/helpers/postgres';
import { writeBenchmarkSection } from './report';

const HOUR = 3_600_000;
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const PODS = Number(process.env.BENCH_PODS ?? 2000);
const end = Math.floor(Date.now() / HOUR) * HOUR;
const start = end - DAYS * 24 * HOUR;
const denseHour = end - HOUR;

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
async function time<T>(work: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

const scratch = await createScratchDatabase('tally_bench_rollup');
const db = await openDatabase({ databaseUrl: scratch.url });
try {
  await db.session((s) => applyMigrations(s));
  const clock = fixedClock(new Date(start));
  const demo = await startDemoCluster({ seed: 1, clock, pods: PODS, nodes: Math.ceil(PODS / 15), clusterName: 'bench' });
  await collectOnce(db, loadKubeConfig({ kubeconfig: demo.kubeconfigPath }), { cluster: 'bench' });
  await demo.close();

  const setupMs = await time(() =>
    db.session(async (s) => {
      // 10-minute steps over the window, then 1-minute steps in the last hour.
      await s.run(
        `WITH base AS (SELECT * FROM scrape LIMIT 1),
              t AS (SELECT generate_series($1::timestamptz + interval '10 minutes', $2::timestamptz - interval '10 minutes', interval '10 minutes') AS at
                    UNION SELECT generate_series($2::timestamptz, $3::timestamptz, interval '1 minute'))
         INSERT INTO scrape (cluster_id, sampled_at, nodes, pods, containers, cpu_request_millicores, memory_request_bytes,
                             cpu_usage_millicores, memory_usage_bytes, gpu_requests, persistent_volume_claims, metrics_available, warnings, duration_ms)
         SELECT b.cluster_id, t.at, b.nodes, b.pods, b.containers, b.cpu_request_millicores, b.memory_request_bytes, b.cpu_usage_millicores,
                b.memory_usage_bytes, b.gpu_requests, b.persistent_volume_claims, b.metrics_available, b.warnings, b.duration_ms
           FROM base b CROSS JOIN t`,
        [new Date(start), new Date(denseHour), new Date(end)],
      );
      await s.run(
        `INSERT INTO container_sample (cluster_id, sampled_at, pod_uid, container, namespace, pod, node_name, cpu_request_millicores,
                                       memory_request_bytes, gpu_request, cpu_usage_millicores, memory_usage_bytes, usage_at)
         SELECT c.cluster_id, sc.sampled_at, c.pod_uid, c.container, c.namespace, c.pod, c.node_name, c.cpu_request_millicores, c.memory_request_bytes,
                c.gpu_request, (c.cpu_usage_millicores * (1 + 0.5 * sin(extract(epoch FROM sc.sampled_at) / 13751)))::int,
                (c.memory_usage_bytes * (1 + 0.1 * sin(extract(epoch FROM sc.sampled_at) / 43200)))::bigint, sc.sampled_at
           FROM container_sample c CROSS JOIN scrape sc WHERE c.sampled_at = $1 AND sc.sampled_at > $1`,
        [new Date(start)],
      );
      await s.run(
        `INSERT INTO node_sample (cluster_id, sampled_at, node_uid, node_name, cpu_usage_millicores, memory_usage_bytes, usage_at)
         SELECT n.cluster_id, sc.sampled_at, n.node_uid, n.node_name, n.cpu_usage_millicores, n.memory_usage_bytes, sc.sampled_at
           FROM node_sample n CROSS JOIN scrape sc WHERE n.sampled_at = $1 AND sc.sampled_at > $1`,
        [new Date(start)],
      );
      await s.exec('ANALYZE');
    }),
  );
  const [samples] = await db.session((s) => s.query<{ n: number }>('SELECT count(*)::int AS n FROM container_sample'));
  const [dense] = await db.session((s) => s.query<{ n: number }>('SELECT count(*)::int AS n FROM container_sample WHERE sampled_at >= $1', [new Date(denseHour)]));
  console.error(`setup: ${samples!.n} samples in ${(setupMs / 1000).toFixed(0)} s`);

  const hourRuns: number[] = [];
  for (let i = 0; i < 5; i++) hourRuns.push(await time(() => rollupRange(db, { from: new Date(denseHour), to: new Date(end) })));
  const sparseRuns: number[] = [];
  for (let i = 0; i < 5; i++) sparseRuns.push(await time(() => rollupRange(db, { from: new Date(denseHour - 24 * HOUR), to: new Date(denseHour - 23 * HOUR) })));
  const rerollMs = await time(() => rollupRange(db, { from: new Date(start), to: new Date(end) }));
  console.error(`re-rolled ${DAYS} days in ${(rerollMs / 1000).toFixed(1)} s`);

  // The overview asks for whole UTC days (URL dates, `to` inclusive): the last 30 days to today.
  const today = Math.floor(end / (24 * HOUR)) * 24 * HOUR;
  const month = { from: new Date(today - 29 * 24 * HOUR), to: new Date(today + 24 * HOUR) };
  // A window that starts and ends mid-day also reads the edge hours from the hourly rows.
  const hourly = { from: new Date(end - 30 * 24 * HOUR), to: new Date(end) };
  const queries: [string, () => Promise<unknown>][] = [
    ['getTeamCosts (30 whole days)', () => getTeamCosts(db, month)],
    ['getDailyTeamCosts (30 whole days)', () => getDailyTeamCosts(db, month)],
    ['getTopWorkloads (30 whole days)', () => getTopWorkloads(db, month)],
    ['getFreshness', () => getFreshness(db)],
    ['getTeamCosts (720 h ending mid-day)', () => getTeamCosts(db, hourly)],
    ['getTopWorkloads (720 h ending mid-day)', () => getTopWorkloads(db, hourly)],
  ];
  const latency: string[] = [];
  for (const [name, run] of queries) {
    await run();
    const runs: number[] = [];
    for (let i = 0; i < 30; i++) runs.push(await time(run));
    latency.push(`| ${name} | ${percentile(runs, 0.5).toFixed(1)} ms | ${percentile(runs, 0.95).toFixed(1)} ms |`);
  }
  const median = (xs: number[]) => percentile(xs, 0.5);
  writeBenchmarkSection('rollup', [
    '## Rollup and overview queries (`npm run bench:rollup`)',
    '',
    `Simulated cluster at ${PODS} pods collected once, its samples replicated in SQL over ${DAYS} days at 10-minute steps plus one hour at`,
    `1-minute steps (${samples!.n.toLocaleString('en-US')} raw samples; ${dense!.n.toLocaleString('en-US')} in the dense hour); Postgres 15 on 127.0.0.1, 2 cores.`,
    '',
    '| measure | median | runs |',
    '|---|---|---|',
    `| one hour's rollup, live density (1-minute samples) | **${median(hourRuns).toFixed(0)} ms** | ${hourRuns.map((x) => x.toFixed(0)).join(', ')} |`,
    `| one hour's rollup, replay density (10-minute samples) | ${median(sparseRuns).toFixed(0)} ms | ${sparseRuns.map((x) => x.toFixed(0)).join(', ')} |`,
    `| re-roll all ${DAYS} days (${DAYS * 24} hours) | ${(rerollMs / 1000).toFixed(1)} s | 1 |`,
    '',
    '| overview query, 30 days of hourly rows | median | p95 (30 runs) |',
    '|---|---|---|',
    ...latency,
    '',
    "Targets: one hour's rollup < 2 s; overview queries p95 < 150 ms (the overview's windows are whole days).",
  ]);
} finally {
  await db.close();
  await scratch.drop();
}
