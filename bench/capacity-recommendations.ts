// Container right-sizing at scale on Postgres (issue 10, Performance): the right-sizing test fixture
// (4 pods of 3 workloads, 4 days of 15-minute samples, really collected and rolled up), its day,
// hour and workload rollups copied in SQL to COPIES × 4 pods (default 2,000 pods, 1,500 workload
// containers) over 16 days. Timed, RUNS times each with the cache invalidated (cost data version
// bumped): the first computation of the recommendations (getContainerRecommendations) for a 14-day
// lookback, simple and vpa, ending at midnight and at 13:00 (edge hours read from the hourly rows);
// the baseline in the same run is the VPA's input read from the 336 hours per container instead of
// the 14 day rows; then requests through the route handler once computed (median, p95).
import { GET } from '../app/api/v1/recommendations/containers/route';
import type { UsagePeriod } from '../lib/capacity/types';
import { decodeHistogram } from '../lib/capacity/usage-histogram';
import { hourPeriod } from '../lib/capacity/usage-periods';
import { DEFAULT_CONFIG } from '../lib/config';
import { openDatabase } from '../lib/db/client';
import { setDatabase } from '../lib/db/instance';
import { applyMigrations } from '../lib/db/migrate';
import { getContainerRecommendations } from '../lib/queries/get-container-recommendations';
import { setConfigSource } from '../lib/settings/current';
import { setClock } from '../lib/util/clock';
import { RIGHTSIZING_END, seedRightsizing } from '../test/fixtures/rightsizing';
import { createScratchDatabase } from '../test/helpers/postgres';

type Db = Awaited<ReturnType<typeof openDatabase>>;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LOOKBACK_DAYS = 14;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function columns(db: Db, table: string): Promise<string[]> {
  const rows = await db.session((s) => s.query<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`, [table]));
  return rows.map((r) => r.name);
}

/** INSERT INTO table SELECT … FROM table CROSS JOIN copies, with `overrides` for some columns. */
async function copy(db: Db, table: string, from: string, overrides: Record<string, string>) {
  const cols = await columns(db, table);
  const select = cols.map((c) => overrides[c] ?? `t."${c}"`).join(', ');
  await db.session((s) => s.run(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) SELECT ${select} FROM "${table}" t ${from}`));
}

async function seed(db: Db, copies: number): Promise<void> {
  await seedRightsizing(db);
  // 16 days from the 4 seeded ones: shifted 4, 8 and 12 days back.
  const shifts = 'CROSS JOIN generate_series(1, 3) AS k';
  const back = (column: string) => `t.${column} - k * interval '4 days'`;
  await copy(db, 'container_day', shifts, { day_start: back('day_start'), first_hour_start: back('first_hour_start'), last_hour_start: back('last_hour_start') });
  await copy(db, 'container_hour', shifts, { hour_start: back('hour_start') });
  await copy(db, 'workload_container_hour', shifts, { hour_start: back('hour_start') });
  await copy(db, 'workload_container_day', shifts, { day_start: back('day_start'), first_sample_hour: back('first_sample_hour'), last_sample_hour: back('last_sample_hour') });
  // copies − 1 more of every pod and workload (suffix -c<n>).
  const n = `CROSS JOIN generate_series(1, ${copies - 1}) AS n`;
  const suffix = (column: string) => `t.${column} || '-c' || n`;
  await copy(db, 'container_day', n, { pod_uid: suffix('pod_uid'), controller_name: suffix('controller_name') });
  await copy(db, 'container_hour', n, { pod_uid: suffix('pod_uid'), controller_name: suffix('controller_name') });
  await copy(db, 'workload_container_hour', n, { controller_name: suffix('controller_name') });
  await copy(db, 'workload_container_day', n, { controller_name: suffix('controller_name') });
  await copy(db, 'pod', n, { uid: suffix('uid'), name: suffix('name'), controller_name: suffix('controller_name'), owner_name: suffix('owner_name') });
  await copy(db, 'container', n, { pod_uid: suffix('pod_uid') });
  await db.session((s) => s.run('ANALYZE'));
}

/** The baseline: the VPA's input as 336 hours per workload container (what the day rows replace), read and parsed. */
async function readHoursAsPeriods(db: Db, startMs: number, endMs: number): Promise<number> {
  const rows = await db.session((s) => s.query<{ key: string; hour_ms: number; histogram: string; peaks: string }>(
    `SELECT namespace || '/' || controller_name || '/' || container AS key, (extract(epoch FROM hour_start) * 1000)::float8 AS hour_ms,
            cpu_usage_histogram::text AS histogram, memory_peaks_bytes::text AS peaks
       FROM workload_container_hour WHERE hour_start >= $1 AND hour_start < $2`, [new Date(startMs), new Date(endMs)]));
  const numbers = (literal: string) => (literal.length <= 2 ? [] : literal.slice(1, -1).split(',').map(Number));
  const byKey = new Map<string, UsagePeriod[]>();
  for (const r of rows) {
    const list = byKey.get(r.key) ?? [];
    list.push(hourPeriod(r.hour_ms, decodeHistogram(numbers(r.histogram)), numbers(r.peaks)));
    byKey.set(r.key, list);
  }
  return rows.length;
}

export interface RecommendationsBench {
  lines: string[];
}

export async function benchRecommendations(options: { copies?: number; runs?: number; apiRuns?: number } = {}): Promise<RecommendationsBench> {
  const copies = options.copies ?? 500;
  const runs = options.runs ?? 5;
  const apiRuns = options.apiRuns ?? 30;
  const scratch = await createScratchDatabase('tally_bench_rec');
  const db = await openDatabase({ databaseUrl: scratch.url });
  try {
    await db.session((s) => applyMigrations(s));
    let t = performance.now();
    await seed(db, copies);
    const setupMs = performance.now() - t;
    const [counts] = await db.session((s) => s.query<{ pods: number; containers: number; days: number; hours: number; wdays: number }>(
      `SELECT (SELECT count(DISTINCT pod_uid)::int FROM container_day) AS pods,
              (SELECT count(*)::int FROM (SELECT DISTINCT namespace, controller_name, container FROM workload_container_day) w) AS containers,
              (SELECT count(*)::int FROM container_day) AS days, (SELECT count(*)::int FROM workload_container_hour) AS hours,
              (SELECT count(*)::int FROM workload_container_day) AS wdays`));
    const bump = () => db.session((s) => s.run('UPDATE cost_data_version SET version = version + 1 WHERE id = 1'));
    const timeCold = async (strategy: 'simple' | 'vpa', endMs: number) => {
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < runs; i++) {
        await bump();
        t = performance.now();
        rows = (await getContainerRecommendations(db, { startMs: endMs - LOOKBACK_DAYS * DAY, endMs, strategy })).rows.length;
        times.push(performance.now() - t);
      }
      return { times, rows };
    };
    const midnight = RIGHTSIZING_END;
    const afternoon = RIGHTSIZING_END - 11 * HOUR; // 13:00 UTC: 11 + 13 edge hours per container
    const cases = [
      { name: 'simple, ending 00:00 UTC', ...(await timeCold('simple', midnight)) },
      { name: 'simple, ending 13:00 UTC', ...(await timeCold('simple', afternoon)) },
      { name: 'vpa, ending 00:00 UTC', ...(await timeCold('vpa', midnight)) },
      { name: 'vpa, ending 13:00 UTC', ...(await timeCold('vpa', afternoon)) },
    ];
    const baseline: number[] = [];
    for (let i = 0; i < runs; i++) {
      t = performance.now();
      await readHoursAsPeriods(db, midnight - LOOKBACK_DAYS * DAY, midnight);
      baseline.push(performance.now() - t);
    }

    setDatabase(db);
    setClock(() => new Date(midnight));
    setConfigSource({ current: () => ({ ...DEFAULT_CONFIG, recommendations: { lookbackDays: LOOKBACK_DAYS } }) });
    const api: Record<string, number[]> = {};
    for (const strategy of ['simple', 'vpa']) {
      const times: number[] = [];
      for (let i = 0; i < apiRuns + 1; i++) {
        t = performance.now();
        const response = await GET(new Request(`http://localhost/api/v1/recommendations/containers?window=14d&strategy=${strategy}`));
        await response.text();
        if (response.status !== 200) throw new Error(`status ${response.status}`);
        if (i > 0) times.push(performance.now() - t); // the first computes
      }
      api[strategy] = times;
    }
    const rssMb = process.resourceUsage().maxRSS / 1024;
    const vpaMidnight = median(cases[2]!.times);
    return {
      lines: [
        '## Recommendations (`npm run bench:capacity`, part "recommendations", bench/capacity-recommendations.ts)',
        '',
        `${counts!.pods.toLocaleString('en-US')} pods (${counts!.containers.toLocaleString('en-US')} workload containers) × 16 days of rollups copied in SQL from a really collected fixture ` +
          `(${counts!.days.toLocaleString('en-US')} container_day, ${counts!.wdays.toLocaleString('en-US')} workload_container_day, ${counts!.hours.toLocaleString('en-US')} workload_container_hour rows; setup ${(setupMs / 1000).toFixed(0)} s); ` +
          `Postgres 15 on 127.0.0.1, 2 cores. Lookback 14 days. Each cold run bumps the cost data version first, so nothing is cached.`,
        '',
        '| measure | median | runs | target |',
        '|---|---|---|---|',
        ...cases.map((c) => `| first computation, ${c.name} (${c.rows.toLocaleString('en-US')} rows) | **${ms(median(c.times))}** | ${c.times.map((x) => x.toFixed(0)).join(', ')} | ≤ 2 s |`),
        `| baseline: the VPA's input read from the 336 hours per container (the day rows replace it) | ${ms(median(baseline))} | ${baseline.map((x) => x.toFixed(0)).join(', ')} | — |`,
        `| API \`strategy=simple\` once computed (${apiRuns} requests) | median ${ms(median(api.simple!))}, **p95 ${ms(percentile(api.simple!, 0.95))}** | | p95 ≤ 300 ms |`,
        `| API \`strategy=vpa\` once computed (${apiRuns} requests) | median ${ms(median(api.vpa!))}, **p95 ${ms(percentile(api.vpa!, 0.95))}** | | p95 ≤ 300 ms |`,
        '',
        `The whole vpa computation is ${(vpaMidnight / median(baseline)).toFixed(2)}× the time the hourly read alone took (the baseline). Peak RSS of the bench process: ${rssMb.toFixed(0)} MB.`,
        'Once computed, a result is kept per database and options until the rollups change (the cost data version, lib/queries/cost-cache.ts): a repeated request costs one version read and the JSON.',
      ],
    };
  } finally {
    await db.close();
    await scratch.drop();
  }
}
