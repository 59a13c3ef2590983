// Monthly-close benchmark (issue 11) on Postgres; results go to BENCHMARKS.md (section "finance").
// 1. Forecast backtest (bench/finance-backtest.ts, a child process with its own scratch database):
//    the demo cluster replayed through the real collector and rollup over the last whole month and
//    the 4 weeks before it; the report's month-end forecast made on days 5, 10, 15, 20, 25 against
//    the actual, per team and for the total.
// 2. Monthly report API at 2,000 pods: the simulated cluster collected for one hour, its hourly
//    rows replicated in SQL over that month and the one before, the daily rows rolled up from them
//    (as bench/allocation.ts does); the clock pinned at noon of the month's last day (an open month
//    holding 29.5 days). Each measurement runs its own server process (bench/finance-server.ts):
//    the first request (a cold process), then 30 (median, p95); the baseline is
//    /api/v1/allocation?window=month&aggregate=team, measured the same way in the same run.
// 3. FOCUS export of the same data (bench/finance-export.ts, one child process per run): the
//    month's first week vs the whole month (daily rows) and the first week hourly: time, rows and
//    the memory growth during the export.
// The setup of 2. runs while the backtest replays (another process, another database); everything
// timed runs after both. BENCH_PODS, BENCH_RUNS, BENCH_EXPORT_RUNS, BENCH_FINANCE_MONTH (YYYY-MM),
// BENCH_FINANCE_STEP_MIN (the backtest's minutes between scrapes), BENCH_KEEP.
import { loadavg } from 'node:os';
import { openDatabase, type Database } from '../lib/db/client';
import { applyMigrations } from '../lib/db/migrate';
import { fixedClock, startDemoCluster } from '../lib/demo/server';
import { collectOnce } from '../lib/ingest/collect-once';
import { rollupRange } from '../lib/ingest/rollup';
import { rollupDay } from '../lib/ingest/rollup-days';
import { loadKubeConfig } from '../lib/k8s/kubeconfig';
import { monthBounds, previousMonth } from '../lib/queries/get-monthly-report';
import { closeMonth } from '../lib/close/month-close';
import { setDatabase } from '../lib/db/instance';
import { DEMO_CONFIG, setConfigSource } from '../lib/settings/current';
import { rollupSettings } from '../lib/settings/rollup';
import { createScratchDatabase } from '../test/helpers/postgres';
import type { BacktestResult } from './finance-backtest';
import { DAY, HOUR, lastWholeMonth, median, percentile, resultOf, runScript } from './finance-common';
import type { ExportRun } from './finance-export';
import { writeBenchmarkSection } from './report';

const PODS = Number(process.env.BENCH_PODS ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const EXPORT_RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 3);
const MONTH = process.env.BENCH_FINANCE_MONTH ?? lastWholeMonth(Date.now());
const { startMs, endMs } = monthBounds(MONTH);
const dataStartMs = monthBounds(previousMonth(MONTH)).startMs;
/** The open month's present for the API: noon of its last day. */
const apiNowMs = endMs - 12 * HOUR;
/** The export's child processes run with `npm start`'s heap flags (package.json "start"). */
const START_FLAGS = ['--max-old-space-size=256', '--max-semi-space-size=4'];

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const usd = (n: number) => `$${fmt(n, 2)}`;
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
const load = () => loadavg()[0]!.toFixed(2);

// ---- 2,000 pods × two months of hourly rows --------------------------------------------------

interface MonthData {
  containerHours: number;
  containerDays: number;
  workloadsPerDay: number;
  seconds: number;
}

/** Collects the simulated cluster for the month's last hour, then copies that hour's rows to every hour since the previous month's start. */
async function setupMonth(db: Database): Promise<MonthData> {
  const t0 = performance.now();
  const lastHour = endMs - HOUR;
  const clock = fixedClock(new Date(lastHour - 600_000));
  const demo = await startDemoCluster({ seed: 1, clock, pods: PODS, nodes: Math.ceil(PODS / 15), clusterName: 'bench' });
  try {
    const connection = loadKubeConfig({ kubeconfig: demo.kubeconfigPath });
    for (let t = lastHour - 600_000; t <= endMs; t += 600_000) {
      clock.set(new Date(t));
      await collectOnce(db, connection, { cluster: 'bench' });
    }
  } finally {
    await demo.close();
  }
  await rollupRange(db, { ...rollupSettings(DEMO_CONFIG), from: new Date(lastHour), to: new Date(endMs), now: new Date(endMs) });
  await db.session(async (s) => {
    for (const table of ['container_hour', 'node_hour']) {
      const columns = (await s.query<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`, [table],
      )).map((c) => c.name);
      await s.run(
        `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')})
         SELECT ${columns.map((c) => (c === 'hour_start' ? 'h' : `t."${c}"`)).join(', ')}
           FROM ${table} t CROSS JOIN generate_series($1::timestamptz, $2::timestamptz - interval '1 hour', interval '1 hour') h
          WHERE t.hour_start = $2`,
        [new Date(dataStartMs), new Date(lastHour)],
      );
    }
  });
  const [{ id }] = (await db.session((s) => s.query<{ id: number }>('SELECT id FROM cluster'))) as [{ id: number }];
  for (let d = dataStartMs; d < endMs; d += DAY) await db.transaction((s) => rollupDay(s, id, new Date(d)));
  await db.session((s) => s.exec('ANALYZE'));
  const [rows] = await db.session((s) => s.query<{ hours: number; days: number; workloads: number }>(
    `SELECT (SELECT count(*) FROM container_hour)::int AS hours, (SELECT count(*) FROM container_day)::int AS days,
            (SELECT count(*) FROM workload_day WHERE day_start = $1)::int AS workloads`, [new Date(startMs)],
  ));
  return { containerHours: rows!.hours, containerDays: rows!.days, workloadsPerDay: rows!.workloads, seconds: (performance.now() - t0) / 1000 };
}

// ---- The API: one server process per measurement ---------------------------------------------

interface Api {
  /** One request: latency (ms, over HTTP on 127.0.0.1) and body. */
  get(path: string): Promise<{ ms: number; body: string }>;
  /** What any rollup write does: the cached reports are stale after it. */
  bumpCostDataVersion(): Promise<void>;
  rssMb(): Promise<number>;
}

async function withServer<T>(db: Database, url: string, nowMs: number, measure: (api: Api) => Promise<T>): Promise<T> {
  const { child, done } = runScript('bench/finance-server.ts', [url, new Date(nowMs).toISOString()]);
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        const match = /port (\d+)/.exec(chunk.toString());
        if (match) resolve(Number(match[1]));
      });
      done.then(() => reject(new Error('server exited')), reject);
    });
    const get = async (path: string) => {
      const t = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      const body = await response.text();
      const ms = performance.now() - t;
      if (!response.ok) throw new Error(`${path}: ${response.status} ${body}`);
      return { ms, body };
    };
    return await measure({
      get,
      bumpCostDataVersion: () => db.session((s) => s.run('UPDATE cost_data_version SET version = version + 1 WHERE id = 1')).then(() => {}),
      rssMb: async () => Number((await get('/rss')).body),
    });
  } finally {
    child.kill('SIGTERM');
    await done.catch(() => {});
  }
}

interface ApiRow {
  label: string;
  path: string;
  items: number;
  kib: number;
  coldMs: number;
  runs: number[];
  /** Runs after a cost-data version bump each (the cache is stale: computed again). */
  recomputed?: number[];
  rssMb: number;
  target: string;
}

/** The first request, then RUNS more; `recompute`: then RUNS more after a version bump each. */
async function measureApi(api: Api, label: string, path: string, items: (body: string) => number, target: string, recompute: boolean): Promise<ApiRow> {
  const first = await api.get(path);
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) runs.push((await api.get(path)).ms);
  const recomputed: number[] = [];
  if (recompute) {
    for (let i = 0; i < RUNS; i++) {
      await api.bumpCostDataVersion();
      recomputed.push((await api.get(path)).ms);
    }
  }
  const row: ApiRow = { label, path, items: items(first.body), kib: first.body.length / 1024, coldMs: first.ms, runs, recomputed: recompute ? recomputed : undefined, rssMb: await api.rssMb(), target };
  console.error(`${label}: first ${row.coldMs.toFixed(0)} ms, p50 ${median(runs).toFixed(0)} ms, p95 ${percentile(runs, 0.95).toFixed(0)} ms${recompute ? `, recomputed p50 ${median(recomputed).toFixed(0)} ms` : ''}`);
  return row;
}

type ApiMeasurement = (db: Database, url: string) => Promise<ApiRow>;

/** Baseline: the month to date per team from the allocation API (not cached: every request computes). */
const measureAllocationBaseline: ApiMeasurement = (db, url) => withServer(db, url, apiNowMs, (api) => measureApi(
  api, 'baseline: `/api/v1/allocation?window=month&aggregate=team`', '/api/v1/allocation?window=month&aggregate=team',
  (body) => Object.keys((JSON.parse(body) as { data: Record<string, unknown>[] }).data[0] ?? {}).length, '—', false,
));

/** The open month's report (cached on the cost data version; the recomputed runs time it uncached). */
const measureOpenMonthReport: ApiMeasurement = (db, url) => withServer(db, url, apiNowMs, (api) => measureApi(
  api, `open month: \`/api/v1/reports/monthly?month=${MONTH}\``, `/api/v1/reports/monthly?month=${MONTH}`,
  (body) => (JSON.parse(body) as { data: { teams: unknown[] } }).data.teams.length, 'p95 ≤ 150 ms', true,
));

/**
 * The month before, closed (tally close, timed once): its report is served from the snapshot,
 * so the "after a rollup" runs time exactly what a reader pays once the cost data moved.
 */
const measureClosedMonthReport: ApiMeasurement = async (db, url) => {
  const closed = previousMonth(MONTH);
  setConfigSource({ current: () => DEMO_CONFIG });
  setDatabase(db);
  const t = performance.now();
  await closeMonth(db, { month: closed, by: 'cli', now: new Date(apiNowMs) });
  closeSeconds = (performance.now() - t) / 1000;
  return withServer(db, url, apiNowMs, (api) => measureApi(
    api, `closed month: \`/api/v1/reports/monthly?month=${closed}\``, `/api/v1/reports/monthly?month=${closed}`,
    (body) => (JSON.parse(body) as { data: { teams: unknown[] } }).data.teams.length, 'p95 ≤ 30 ms', true,
  ));
};
let closeSeconds = 0;

/** In order; the first is the baseline of the ratios. */
const API_MEASUREMENTS: ApiMeasurement[] = [measureAllocationBaseline, measureOpenMonthReport, measureClosedMonthReport];

function apiLines(rows: ApiRow[]): string[] {
  const base = median(rows[0]!.runs);
  const ratio = (ms: number) => `${(ms / base).toFixed(2)}×`;
  const lines = ['| request | items | response | first request (cold process) | median | p95 | median ÷ baseline | target |', '|---|---|---|---|---|---|---|---|'];
  for (const r of rows) {
    const p95 = percentile(r.runs, 0.95);
    const cached = r.recomputed ? ', repeated (cached)' : '';
    lines.push(`| ${r.label}${cached} | ${r.items} | ${fmt(r.kib)} KiB | ${fmt(r.coldMs)} ms | ${fmt(median(r.runs))} ms | **${fmt(p95)} ms** | ${ratio(median(r.runs))} | ${r.target} |`);
    if (r.recomputed) {
      lines.push(`| ${r.label}, first request after a rollup (recomputed, ${r.recomputed.length} runs) | | | | ${fmt(median(r.recomputed))} ms | **${fmt(percentile(r.recomputed, 0.95))} ms** | ${ratio(median(r.recomputed))} | ${r.target} |`);
    }
  }
  return lines;
}

// ---- The FOCUS export: one child process per run ---------------------------------------------

interface ExportCase {
  label: string;
  nowMs: number;
  granularity: 'daily' | 'hourly';
  runs: number;
}

interface ExportResult extends ExportCase {
  results: ExportRun[];
}

async function measureExport(url: string, c: ExportCase): Promise<ExportResult> {
  const results: ExportRun[] = [];
  for (let i = 0; i < c.runs; i++) {
    const { done } = runScript('bench/finance-export.ts', [url, new Date(c.nowMs).toISOString(), MONTH, c.granularity], { nodeFlags: [...START_FLAGS, '--expose-gc'] });
    results.push(resultOf<ExportRun>(await done));
    const r = results.at(-1)!;
    console.error(`export ${c.label}: ${r.rows} rows in ${r.ms.toFixed(0)} ms, RSS ${r.rssBeforeMb.toFixed(0)} → ${r.rssPeakMb.toFixed(0)} MB, heap ${r.heapBeforeMb.toFixed(0)} → ${r.heapPeakMb.toFixed(0)} MB`);
  }
  return { ...c, results };
}

function exportLines(cases: ExportResult[]): string[] {
  const m = (c: ExportResult, f: (r: ExportRun) => number) => median(c.results.map(f));
  const rssGrowth = (c: ExportResult) => m(c, (r) => r.rssPeakMb - r.rssBeforeMb);
  const heapGrowth = (c: ExportResult) => m(c, (r) => r.heapPeakMb - r.heapBeforeMb);
  const lines = [
    '| export (`format=focus`) | rows | file | time (median) | runs | RSS before → peak (growth) | heap before → peak (growth) | heap after, GC | peak RSS of the process |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const c of cases) {
    lines.push(`| ${c.label} | ${fmt(m(c, (r) => r.rows))} | ${fmt(m(c, (r) => r.bytes) / 1024 / 1024, 1)} MiB | **${fmt(m(c, (r) => r.ms) / 1000, 2)} s** | ${c.results.map((r) => (r.ms / 1000).toFixed(2)).join(', ')} s | ${fmt(m(c, (r) => r.rssBeforeMb))} → ${fmt(m(c, (r) => r.rssPeakMb))} MB (**+${fmt(rssGrowth(c))} MB**) | ${fmt(m(c, (r) => r.heapBeforeMb))} → ${fmt(m(c, (r) => r.heapPeakMb))} MB (**+${fmt(heapGrowth(c))} MB**) | ${fmt(m(c, (r) => r.heapAfterMb))} MB | ${fmt(m(c, (r) => r.maxRssMb))} MB |`);
  }
  const [week, month, hourly] = cases as [ExportResult, ExportResult, ExportResult | undefined];
  const vs = (a: ExportResult, b: ExportResult) => {
    const x = (f: (c: ExportResult) => number) => `${(f(a) / Math.max(f(b), 1e-9)).toFixed(2)}×`;
    return `rows ${x((c) => m(c, (r) => r.rows))}, time ${x((c) => m(c, (r) => r.ms))}, RSS growth ${x(rssGrowth)}, heap growth ${x(heapGrowth)}, peak heap ${x((c) => m(c, (r) => r.heapPeakMb))}`;
  };
  lines.push('', `Whole month ÷ first week (daily): ${vs(month, week)}.`);
  if (hourly) lines.push(`First week hourly ÷ daily: ${vs(hourly, week)}.`);
  return lines;
}

// ---- The backtest's tables ---------------------------------------------------------------------

function backtestLines(b: BacktestResult): string[] {
  const teams = Object.entries(b.actual.teams).sort((x, y) => y[1] - x[1]);
  const ape = (forecast: number, actual: number) => Math.abs(forecast - actual) / actual;
  const inBand = (f: { lowUsd: number; highUsd: number }, actual: number) => actual >= f.lowUsd - 0.005 && actual <= f.highUsd + 0.005;
  const lines = [
    `| forecast made (00:00 UTC) | days known | MAPE over the ${teams.length} teams | median APE | worst team | teams with the actual in [low, high] | total: forecast [low, high] | total: APE | total in band |`,
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const cut of b.cuts) {
    const apes = teams.map(([team, actual]) => ({ team, ape: ape(cut.teams[team]!.forecastUsd, actual), inBand: inBand(cut.teams[team]!, actual) }));
    const worst = apes.reduce((w, a) => (a.ape > w.ape ? a : w));
    const mape = apes.reduce((s, a) => s + a.ape, 0) / apes.length;
    const t = cut.total;
    lines.push(`| day ${cut.day} (${day(Date.parse(cut.nowIso))}) | ${cut.day - 1} | **${pct(mape)}** | ${pct(median(apes.map((a) => a.ape)))} | ${worst.team} ${pct(worst.ape)} | ${apes.filter((a) => a.inBand).length} of ${apes.length} | ${usd(t.forecastUsd)} [${usd(t.lowUsd)}, ${usd(t.highUsd)}] | **${pct(ape(t.forecastUsd, b.actual.totalUsd))}** | ${inBand(t, b.actual.totalUsd) ? 'yes' : 'no'} |`);
  }
  lines.push('', `Per team, absolute percentage error of the forecast (✓: the actual in the band, ✗: outside):`, '');
  lines.push(`| team | actual ${b.month} | ${b.cuts.map((c) => `day ${c.day}`).join(' | ')} |`, `|---|---|${b.cuts.map(() => '---|').join('')}`);
  const cell = (f: { forecastUsd: number; lowUsd: number; highUsd: number }, actual: number) => `${pct(ape(f.forecastUsd, actual))} ${inBand(f, actual) ? '✓' : '✗'}`;
  for (const [team, actual] of teams) lines.push(`| ${team} | ${usd(actual)} | ${b.cuts.map((c) => cell(c.teams[team]!, actual)).join(' | ')} |`);
  lines.push(`| **total** (teams, idle and shared lines) | ${usd(b.actual.totalUsd)} | ${b.cuts.map((c) => cell(c.total, b.actual.totalUsd)).join(' | ')} |`);
  const teamHits = b.cuts.reduce((n, c) => n + teams.filter(([team, actual]) => inBand(c.teams[team]!, actual)).length, 0);
  const totalHits = b.cuts.filter((c) => inBand(c.total, b.actual.totalUsd)).length;
  lines.push('', `The actual lies in the band in ${teamHits} of ${teams.length * b.cuts.length} team forecasts and ${totalHits} of ${b.cuts.length} forecasts of the total (an 80 % band would hold ≈ 80 %).`);
  return lines;
}

// ---- Run ---------------------------------------------------------------------------------------

const benchStart = performance.now();
const loads = [`${load()} at the start`];
const backtestRun = runScript('bench/finance-backtest.ts', [], { env: { BENCH_FINANCE_MONTH: MONTH } });
const scratch = await createScratchDatabase('tally_bench_finance');
const db = await openDatabase({ databaseUrl: scratch.url });
try {
  await db.session((s) => applyMigrations(s));
  const data = await setupMonth(db);
  console.error(`setup: ${data.containerHours} container-hours, ${data.containerDays} container-days in ${data.seconds.toFixed(0)} s`);
  const backtest = resultOf<BacktestResult>(await backtestRun.done);
  console.error(`backtest: ${backtest.replay.scrapes} scrapes replayed in ${backtest.replay.seconds.toFixed(0)} s`);

  loads.push(`${load()} before the API`);
  const apiRows: ApiRow[] = [];
  for (const measurement of API_MEASUREMENTS) apiRows.push(await measurement(db, scratch.url));
  loads.push(`${load()} before the export`);
  const weekEnd = startMs + 7 * DAY;
  const exports: ExportResult[] = [];
  for (const c of [
    { label: `first week (${day(startMs)} – ${day(weekEnd - DAY)}), daily`, nowMs: weekEnd, granularity: 'daily', runs: EXPORT_RUNS },
    { label: `whole month (${MONTH}, complete, not closed), daily`, nowMs: endMs, granularity: 'daily', runs: EXPORT_RUNS },
    { label: 'first week, hourly', nowMs: weekEnd, granularity: 'hourly', runs: 1 },
  ] satisfies ExportCase[]) exports.push(await measureExport(scratch.url, c));
  loads.push(`${load()} at the end`);
  const minutes = (performance.now() - benchStart) / 60_000;
  const monthExport = exports[1]!;
  const monthMs = median(monthExport.results.map((r) => r.ms));

  writeBenchmarkSection('finance', [
    '## Monthly close (`npm run bench:finance`, bench/finance.ts)',
    '',
    `Measured ${day(Date.now())} on this machine (2 cores, shared with other sessions: 1-minute load average ${loads.join(', ')}); Postgres 15 on 127.0.0.1. The whole bench took ${minutes.toFixed(1)} min.`,
    '',
    `### Month-end forecast, backtested on the demo's ${backtest.month}`,
    '',
    `The demo cluster \`npm start\` runs (seed 1; in ${backtest.month}: ${backtest.pods} pods, ${backtest.nodes} nodes counting the autoscaler's daily ones, ${fmt(backtest.containersPerHour)} containers per hour)`,
    `replayed through the real collector and rollup from ${stamp(Date.parse(backtest.replay.from))} to ${stamp(Date.parse(backtest.replay.to))} UTC (the month and the 4 weeks before it),`,
    `one scrape every ${backtest.replay.stepMinutes} minutes (${fmt(backtest.replay.scrapes)} scrapes in ${fmt(backtest.replay.seconds)} s; the demo's own backfill scrapes every 10 minutes), with the demo's config (kube-system and monitoring shared over the teams).`,
    `The forecast is the monthly report's (lib/queries/get-monthly-report.ts → lib/cost/forecast.ts, the report's own daily series per team and for the total), computed at 00:00 UTC of the day: days 1 … d−1 known, the 28 days before as its history.`,
    `The actual is the same report once the month is over. APE = |forecast − actual| ÷ actual; MAPE is its mean over the teams with a cost in the month; the band is the report's [low, high] (80 %).`,
    '',
    ...backtestLines(backtest),
    '',
    '### Monthly report API',
    '',
    `Simulated cluster at ${PODS} pods collected for one hour (${stamp(endMs - HOUR)} UTC), its hourly rows replicated over ${day(dataStartMs)} – ${day(endMs - DAY)} (the month and the one before: ${fmt(data.containerHours)} container-hours, ${fmt(data.containerDays)} container-days, ${fmt(data.workloadsPerDay)} workloads a day); setup ${fmt(data.seconds)} s.`,
    `The clock pinned at ${stamp(apiNowMs)} UTC: ${MONTH} is the open month, 29.5 days in. Each measurement runs its own server process (the route handlers over node:http): the first request, then ${RUNS} (median, p95) over HTTP on 127.0.0.1.`,
    `The report is kept until the rollups change (lib/queries/cost-cache.ts); "first request after a rollup" bumps the cost data version before each request, so each computes the report again. In \`tally start\` the rollup job computes the current month's report right after each rollup (jobs/rollup.ts), so that cost is the job's, every 5 minutes, and readers get the cached figure; a cluster filter, idle=shared or another open month is computed by its first reader. The baseline is uncached: every request computes.`,
    `The closed month (${previousMonth(MONTH)}, closed with \`closeMonth\` in ${fmt(closeSeconds, 1)} s: its reports, allocation views and export rows) is served from its snapshot whatever the data version.`,
    '',
    ...apiLines(apiRows),
    '',
    `Peak RSS of the server processes: ${apiRows.map((r) => `${fmt(r.rssMb)} MB (${r.label.split(':')[0]})`).join(', ')}.`,
    '',
    '### FOCUS export',
    '',
    `\`GET /api/v1/export?month=${MONTH}&format=focus\` (the route handler, its stream read to the end) on the same data, each run in its own process with \`npm start\`'s heap flags (\`${START_FLAGS.join(' ')}\`).`,
    'Heap: used after a full GC before the request, its peak sampled every 20 ms and every 500 rows; RSS likewise. The first week is the open month on its 8th day; the whole month is read on the 1st of the next (complete, not closed).',
    '',
    ...exportLines(exports),
    '',
    `Target: the whole month in < 10 s (**${(monthMs / 1000).toFixed(2)} s**, ${monthMs < 10_000 ? 'met' : 'missed'}), memory that does not grow with the rows.`,
  ]);
} finally {
  backtestRun.child.kill('SIGTERM');
  await db.close();
  if (process.env.BENCH_KEEP) console.error(`kept ${scratch.url}`);
  else await scratch.drop();
}
