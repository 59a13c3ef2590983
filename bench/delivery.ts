// Delivery benchmark on Postgres (issue 9): the allocation bench's cost data (the simulated
// cluster at 2,000 pods, its hourly rows replicated over 90 days) for the cost columns, plus a
// synthetic rollout history in SQL: 2,000 Deployments over 40 namespaces and 10 teams, 30
// revisions each over 90 days (60,000), 17 pods per revision (≈ 1,000,000 pod lifecycles).
// Timed: the whole 90 days once, then one day as the rollup job derives it ([now − 25 h, now);
// the day's workloads new to it, then again with nothing new), then both delivery endpoints in
// their own server process (30 requests each after a warm-up, median and p95) and the server's
// peak RSS; the timed parts twice (BENCH_ROUNDS), with the load averages. Results go to BENCHMARKS.md.
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ATTRIBUTION } from '../lib/cost/attribution';
import { openDatabase } from '../lib/db/client';
import { applyMigrations } from '../lib/db/migrate';
import { DEFAULT_DELIVERY_SETTINGS } from '../lib/delivery';
import { fixedClock, startDemoCluster } from '../lib/demo/server';
import { collectOnce } from '../lib/ingest/collect-once';
import { deriveRollouts } from '../lib/ingest/derive-rollouts';
import { rollupRange } from '../lib/ingest/rollup';
import { rollupDay } from '../lib/ingest/rollup-days';
import { loadKubeConfig } from '../lib/k8s/kubeconfig';
import { createScratchDatabase } from '../test/helpers/postgres';
import { writeBenchmarkSection } from './report';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DAYS = Number(process.env.BENCH_DAYS ?? 90);
const WORKLOADS = Number(process.env.BENCH_WORKLOADS ?? 2000);
const REVISIONS = Number(process.env.BENCH_REVISIONS ?? 30);
const PODS_PER_REVISION = Number(process.env.BENCH_PODS_PER_REVISION ?? 17);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const DERIVE_RUNS = Number(process.env.BENCH_DERIVE_RUNS ?? 5);
/** Timed parts run this many times over (the machine is shared: a second round shows the noise). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const root = fileURLToPath(new URL('..', import.meta.url));
const end = Math.ceil(Date.now() / HOUR) * HOUR;
const start = end - DAYS * DAY;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const median = (xs: number[]) => percentile(xs, 0.5);

const scratch = await createScratchDatabase('tally_bench_delivery');
const db = await openDatabase({ databaseUrl: scratch.url });
let server: ReturnType<typeof spawn> | undefined;
try {
  await db.session((s) => applyMigrations(s));
  // Cost data, as bench/allocation.ts makes it.
  const first = end - HOUR;
  const clock = fixedClock(new Date(first - 600_000));
  const demo = await startDemoCluster({ seed: 1, clock, pods: 2000, nodes: 134, clusterName: 'bench' });
  const connection = loadKubeConfig({ kubeconfig: demo.kubeconfigPath });
  for (let t = first - 600_000; t <= end; t += 600_000) {
    clock.set(new Date(t));
    await collectOnce(db, connection, { cluster: 'bench' });
  }
  await demo.close();
  await rollupRange(db, { from: new Date(first), to: new Date(end) });
  const t0 = performance.now();
  await db.session(async (s) => {
    const hours = `generate_series($1::timestamptz, $2::timestamptz - interval '1 hour', interval '1 hour')`;
    await s.run(
      `INSERT INTO container_hour SELECT c.cluster_id, h, c.pod_uid, c.container, c.namespace, c.pod, c.node_name, c.controller_kind, c.controller_name,
              c.team, c.running_seconds, c.cpu_request_avg_millicores, c.cpu_usage_avg_millicores, c.cpu_usage_max_millicores,
              c.cpu_allocated_avg_millicores, c.memory_request_avg_bytes, c.memory_usage_avg_bytes, c.memory_usage_max_bytes,
              c.memory_allocated_avg_bytes, c.cpu_core_hours, c.ram_byte_hours, c.gpu_hours, c.cpu_cost_usd, c.ram_cost_usd,
              c.gpu_cost_usd, c.total_cost_usd
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

  // The rollout history: workload i in namespace ns-(i % 40) (team team-(i % 10)); revision r
  // starts at a spread time, finishes 2–10 min later; every 5th revision keeps the images (config);
  // commit 1–49 h before the start; pods created over the rollout, Ready 5–95 s after creation.
  await db.session(async (s) => {
    await s.run(
      `INSERT INTO namespace (cluster_id, name, labels, created_at, first_seen_at, last_seen_at)
       SELECT $1, 'ns-' || n, jsonb_build_object('team', 'team-' || (n % 10)), $2, $2, $3 FROM generate_series(0, 39) n
       ON CONFLICT DO NOTHING`,
      [id, new Date(start), new Date(end)],
    );
    await s.run(
      `INSERT INTO workload (cluster_id, uid, namespace, kind, name, created_at, first_seen_at, last_seen_at, generation, observed_generation,
              replicas, updated_replicas, ready_replicas, available_replicas)
       SELECT $1, 'w-' || i, 'ns-' || (i % 40), 'Deployment', 'app-' || i, $2, $2, $3, ${REVISIONS}, ${REVISIONS}, 3, 3, 3, 3
         FROM generate_series(0, ${WORKLOADS - 1}) i`,
      [id, new Date(start), new Date(end)],
    );
    const startedAt = `($2::timestamptz + ((r - 1 + ((i * 7919) % 1000) / 1000.0) * $4::float8) * interval '1 millisecond')`;
    await s.run(
      `INSERT INTO workload_revision (cluster_id, workload_uid, revision, namespace, workload_kind, workload_name, source, template_hash, spec_hash,
              images, template_annotations, revision_history, created_at, started_at, completed_at, first_seen_at, last_seen_at,
              replicas, ready_replicas, available_replicas)
       SELECT $1, 'w-' || i, r, 'ns-' || (i % 40), 'Deployment', 'app-' || i, 'ReplicaSet', 'h' || i || '-' || r, 's' || i || '-' || r,
              jsonb_build_array('registry/app-' || i || ':' || (r - r / 5)),
              jsonb_build_object('tally.dev/commit-time', to_char((${startedAt} - ((1 + (i + r) % 49) * interval '1 hour')) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
              '{}', ${startedAt}, ${startedAt}, ${startedAt} + ((2 + (i + r) % 9) * interval '1 minute'), ${startedAt}, LEAST(${startedAt} + interval '3 days', $3),
              CASE WHEN r = ${REVISIONS} THEN 3 ELSE 0 END, CASE WHEN r = ${REVISIONS} THEN 3 ELSE 0 END, CASE WHEN r = ${REVISIONS} THEN 3 ELSE 0 END
         FROM generate_series(0, ${WORKLOADS - 1}) i CROSS JOIN generate_series(1, ${REVISIONS}) r`,
      [id, new Date(start), new Date(end), (DAYS * DAY) / REVISIONS],
    );
    await s.run(
      `INSERT INTO pod (cluster_id, uid, namespace, name, node_name, phase, owner_kind, owner_name, controller_kind, controller_name, labels,
              created_at, first_seen_at, last_seen_at, scheduled_at, initialized_at, containers_ready_at, ready_at, revision_hash)
       SELECT $1, w.workload_uid || '-' || w.revision || '-' || k, w.namespace, w.workload_name || '-' || w.revision || '-' || k, 'node-' || (k % 134),
              'Running', 'ReplicaSet', w.workload_name || '-' || w.template_hash, 'Deployment', w.workload_name, '{}',
              w.started_at + k * interval '7 seconds', w.started_at + k * interval '7 seconds', w.last_seen_at,
              w.started_at + k * interval '7 seconds' + ((k * 13) % 5) * interval '1 second',
              w.started_at + k * interval '7 seconds' + interval '6 seconds',
              w.started_at + k * interval '7 seconds' + (5 + (k * 37 + w.revision) % 90) * interval '1 second',
              w.started_at + k * interval '7 seconds' + (5 + (k * 37 + w.revision) % 90) * interval '1 second',
              w.template_hash
         FROM workload_revision w CROSS JOIN generate_series(1, ${PODS_PER_REVISION}) k WHERE w.cluster_id = $1 AND w.workload_uid LIKE 'w-%'`,
      [id],
    );
    await s.exec('ANALYZE');
  });
  const [counts] = await db.session((s) => s.query<{ revisions: number; pods: number; hours: number }>(
    `SELECT (SELECT count(*) FROM workload_revision)::int AS revisions, (SELECT count(*) FROM pod WHERE revision_hash IS NOT NULL)::int AS pods,
            (SELECT count(*) FROM container_hour)::int AS hours`,
  ));
  console.error(`setup: ${counts!.revisions} revisions, ${counts!.pods} pods, ${counts!.hours} container-hours in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

  const derive = (from: number, to: number) =>
    deriveRollouts(db, { from: new Date(from), to: new Date(to), now: new Date(end), cluster: id, settings: DEFAULT_DELIVERY_SETTINGS, attribution: DEFAULT_ATTRIBUTION });
  const load = () => loadavg().map((x) => x.toFixed(2)).join(', ');
  const loads: string[] = [`before the timed parts: ${load()}`];
  let t = performance.now();
  const whole = await derive(start, end);
  const wholeMs = performance.now() - t;
  await db.session((s) => s.exec('ANALYZE'));
  console.error(`derive ${DAYS} days: ${wholeMs.toFixed(0)} ms, ${whole.rollouts} rollouts, ${whole.podStartupDays} pod days`);
  // A day as the rollup job meets it: the workloads with a revision started in the last 25 h not
  // derived since (their digests and those rollouts removed: new to the derivation), the others
  // unchanged; then the same derivation again with nothing new (the job's every-5-minute case).
  const dayFrom = end - DAY - HOUR;
  const undo = () => db.session(async (s) => {
    await s.run(
      `DELETE FROM workload_derivation d USING (SELECT DISTINCT cluster_id, workload_uid FROM workload_revision WHERE started_at >= $1) x
        WHERE d.cluster_id = x.cluster_id AND d.workload_uid = x.workload_uid`,
      [new Date(dayFrom)],
    );
    return s.run(`DELETE FROM rollout WHERE started_at >= $1`, [new Date(dayFrom)]);
  });
  const dayRuns: number[][] = [];
  const rerunRuns: number[][] = [];
  let dayRollouts = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const fresh: number[] = [];
    const again: number[] = [];
    for (let i = 0; i < DERIVE_RUNS; i++) {
      await undo();
      t = performance.now();
      dayRollouts = (await derive(dayFrom, end)).rollouts;
      fresh.push(performance.now() - t);
    }
    for (let i = 0; i < DERIVE_RUNS; i++) {
      t = performance.now();
      await derive(dayFrom, end);
      again.push(performance.now() - t);
    }
    dayRuns.push(fresh);
    rerunRuns.push(again);
    console.error(`derive a day (round ${round + 1}): ${fresh.map((x) => x.toFixed(0)).join(', ')} ms (${dayRollouts} rollouts); rerun: ${again.map((x) => x.toFixed(0)).join(', ')} ms`);
  }
  loads.push(`after the derivations: ${load()}`);

  server = spawn(process.execPath, ['--import', 'tsx', 'bench/delivery-server.ts', scratch.url], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
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
  const queries: [string, number][] = [
    ['/api/v1/delivery?window=90d&aggregate=team', 200],
    ['/api/v1/deployments?window=7d', 200],
    ['/api/v1/delivery?window=30d&aggregate=controller', 0],
  ];
  const lines: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [path, target] of queries) {
      const body = await get(path);
      const runs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        await get(path);
        runs.push(performance.now() - started);
      }
      const items = (JSON.parse(body) as { data: unknown[] }).data.length;
      const label = ROUNDS > 1 ? ` (round ${round + 1})` : '';
      lines.push(`| \`${path}\`${label} | ${items} | ${(body.length / 1024).toFixed(0)} KiB | ${median(runs).toFixed(0)} ms | **${percentile(runs, 0.95).toFixed(0)} ms** | ${target ? `≤ ${target} ms` : '—'} |`);
      console.error(lines.at(-1));
    }
    // The first request after each rollup: the cost per team is recomputed (the version bump is what any rollup write does).
    const cold: number[] = [];
    for (let i = 0; i < Math.min(RUNS, 10); i++) {
      await db.session((s) => s.run('UPDATE cost_data_version SET version = version + 1 WHERE id = 1'));
      const started = performance.now();
      await get(queries[0]![0]);
      cold.push(performance.now() - started);
    }
    lines.push(`| \`${queries[0]![0]}\`, first request after a rollup (costs recomputed, ${cold.length} runs)${ROUNDS > 1 ? ` (round ${round + 1})` : ''} | | | ${median(cold).toFixed(0)} ms | ${percentile(cold, 0.95).toFixed(0)} ms | — |`);
    console.error(lines.at(-1));
    loads.push(`after the API round ${round + 1}: ${load()}`);
  }
  const rssMb = Number(await get('/rss'));
  const deriveRow = (label: string, runs: number[][], target: string) => runs.map((r, round) =>
    `| ${label}${runs.length > 1 ? ` (round ${round + 1})` : ''} | **${median(r).toFixed(0)} ms** | ${r.map((x) => x.toFixed(0)).join(', ')} | ${target} |`);
  writeBenchmarkSection('delivery', [
    '## Delivery (`npm run bench:delivery`)',
    '',
    `Synthetic rollout history on Postgres 15, 2 cores: ${WORKLOADS} Deployments, ${counts!.revisions.toLocaleString('en-US')} revisions over ${DAYS} days,`,
    `${counts!.pods.toLocaleString('en-US')} pod lifecycles; cost from ${counts!.hours.toLocaleString('en-US')} container-hours (the allocation bench's data).`,
    `The machine is shared: load averages (1, 5, 15 min) ${loads.join('; ')}.`,
    '',
    '| derive (lib/ingest/derive-rollouts) | median | runs | target |',
    '|---|---|---|---|',
    ...deriveRow(`one day, as the rollup job runs it ([now − 25 h, now)): the ${dayRollouts.toLocaleString('en-US')} rollouts of the workloads with a revision in it new`, dayRuns, '< 2000 ms'),
    ...deriveRow('the same again, nothing new (the job every 5 minutes)', rerunRuns, '—'),
    `| all ${DAYS} days at once (first derive) | ${(wholeMs / 1000).toFixed(1)} s | 1 | — |`,
    '',
    `The API in its own process (the route handlers over node:http); ${RUNS} requests per query after one warm-up. The cost per group is kept until the rollups change (lib/queries/cost-cache.ts, keyed on a version the rollup tables' triggers bump); the row "first request after a rollup" times the recomputation.`,
    '',
    '| query | items | response | median | p95 | target p95 |',
    '|---|---|---|---|---|---|',
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
