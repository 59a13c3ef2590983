// Allocation API benchmark on Postgres: the simulated cluster at 2,000 pods is collected and
// rolled up for one hour; its hourly rows are replicated in SQL over 90 days (with a daily
// cycle in the costs) and the daily rows rolled up from them. The API then runs in its own
// process (bench/allocation-server.ts): 30 requests per query, median and p95 latency, and the
// server's peak RSS. Results go to BENCHMARKS.md.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../lib/db/client';
import { applyMigrations } from '../lib/db/migrate';
import { fixedClock, startDemoCluster } from '../lib/demo/server';
import { collectOnce } from '../lib/ingest/collect-once';
import { rollupRange } from '../lib/ingest/rollup';
import { rollupDay } from '../lib/ingest/rollup-days';
import { loadKubeConfig } from '../lib/k8s/kubeconfig';
import { createScratchDatabase } from '../test/helpers/postgres';
import { writeBenchmarkSection } from './report';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DAYS = Number(process.env.BENCH_DAYS ?? 90);
const PODS = Number(process.env.BENCH_PODS ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const root = fileURLToPath(new URL('..', import.meta.url));
const end = Math.ceil(Date.now() / HOUR) * HOUR;
const start = end - DAYS * DAY;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

const scratch = await createScratchDatabase('tally_bench_allocation');
const db = await openDatabase({ databaseUrl: scratch.url });
let server: ReturnType<typeof spawn> | undefined;
try {
  await db.session((s) => applyMigrations(s));
  const first = end - HOUR;
  const clock = fixedClock(new Date(first - 600_000));
  const demo = await startDemoCluster({ seed: 1, clock, pods: PODS, nodes: Math.ceil(PODS / 15), clusterName: 'bench' });
  const connection = loadKubeConfig({ kubeconfig: demo.kubeconfigPath });
  for (let t = first - 600_000; t <= end; t += 600_000) {
    clock.set(new Date(t));
    await collectOnce(db, connection, { cluster: 'bench' });
  }
  await demo.close();
  await rollupRange(db, { from: new Date(first), to: new Date(end) });

  const t0 = performance.now();
  await db.session(async (s) => {
    // Every earlier hour of the window: the same containers and nodes, costs on a daily cycle.
    const hours = `generate_series($1::timestamptz, $2::timestamptz - interval '1 hour', interval '1 hour')`;
    const k = `(1 + 0.3 * sin(extract(epoch FROM h) / 13751))`;
    await s.run(
      `INSERT INTO container_hour SELECT c.cluster_id, h, c.pod_uid, c.container, c.namespace, c.pod, c.node_name, c.controller_kind, c.controller_name,
              c.team, c.running_seconds, c.cpu_request_avg_millicores, c.cpu_usage_avg_millicores * ${k}, c.cpu_usage_max_millicores,
              c.cpu_allocated_avg_millicores, c.memory_request_avg_bytes, c.memory_usage_avg_bytes, c.memory_usage_max_bytes,
              c.memory_allocated_avg_bytes, c.cpu_core_hours, c.ram_byte_hours, c.gpu_hours, c.cpu_cost_usd * ${k}, c.ram_cost_usd,
              c.gpu_cost_usd, c.cpu_cost_usd * ${k} + c.ram_cost_usd + c.gpu_cost_usd
         FROM container_hour c CROSS JOIN ${hours} h WHERE c.hour_start = $2`,
      [new Date(start), new Date(first)],
    );
    await s.run(
      `INSERT INTO node_hour SELECT n.cluster_id, h, n.node_uid, n.node_name, n.node_pool, n.instance_type, n.capacity_type, n.price_source,
              n.running_seconds, n.cpu_cores, n.memory_bytes, n.gpus, n.usd_per_hour, n.usd_per_core_hour, n.usd_per_gib_hour, n.usd_per_gpu_hour,
              n.cost_usd, n.cpu_idle_usd, n.ram_idle_usd, n.gpu_idle_usd, n.idle_clamped
         FROM node_hour n CROSS JOIN ${hours} h WHERE n.hour_start = $2`,
      [new Date(start), new Date(first)],
    );
  });
  const [{ id }] = (await db.session((s) => s.query<{ id: number }>('SELECT id FROM cluster'))) as [{ id: number }];
  for (let day = Math.floor(start / DAY) * DAY; day < end; day += DAY) await db.transaction((s) => rollupDay(s, id, new Date(day)));
  await db.session((s) => s.exec('ANALYZE'));
  const [rows] = await db.session((s) => s.query<{ hours: number; days: number }>('SELECT (SELECT count(*) FROM container_hour)::int AS hours, (SELECT count(*) FROM container_day)::int AS days'));
  console.error(`setup: ${rows!.hours} container-hours, ${rows!.days} container-days in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

  server = spawn(process.execPath, ['--import', 'tsx', 'bench/allocation-server.ts', scratch.url], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    server!.stdout!.on('data', (chunk: Buffer) => {
      const match = /port (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    server!.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const get = async (path: string) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.text();
  };
  const queries: [string, string, number][] = [
    ['window=30d&aggregate=team&shareIdle=true', '/api/v1/allocation?window=30d&aggregate=team&shareIdle=true', 150],
    ['window=90d&aggregate=namespace&step=1d', '/api/v1/allocation?window=90d&aggregate=namespace&step=1d', 600],
    ['window=7d&aggregate=pod (per-pod detail)', '/api/v1/allocation?window=7d&aggregate=pod&includeIdle=true', 0],
  ];
  const lines: string[] = [];
  for (const [name, path, target] of queries) {
    const body = await get(path); // warm-up
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await get(path);
      runs.push(performance.now() - t);
    }
    const p95 = percentile(runs, 0.95);
    lines.push(`| \`${name}\` | ${(body.length / 1024).toFixed(0)} KiB | ${percentile(runs, 0.5).toFixed(0)} ms | **${p95.toFixed(0)} ms** | ${target ? `≤ ${target} ms` : '—'} |`);
    console.error(lines.at(-1));
  }
  const rssMb = Number(await get('/rss'));
  writeBenchmarkSection('allocation', [
    '## Allocation API (`npm run bench:allocation`)',
    '',
    `Simulated cluster at ${PODS} pods, ${DAYS} days of hourly rows (${rows!.hours.toLocaleString('en-US')} container-hours, ${rows!.days.toLocaleString('en-US')} container-days) on Postgres 15, 2 cores.`,
    `The API runs in its own process (the route handler over node:http); ${RUNS} requests per query after one warm-up, over HTTP on 127.0.0.1.`,
    '',
    '| query | response | median | p95 | target p95 |',
    '|---|---|---|---|---|',
    ...lines,
    '',
    `Peak RSS of the server process: **${rssMb.toFixed(0)} MB** (target < 500 MB).`,
  ]);
} finally {
  server?.kill('SIGTERM');
  await db.close();
  if (process.env.BENCH_KEEP) console.error(`kept ${scratch.url}`);
  else await scratch.drop();
}
