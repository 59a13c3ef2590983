// Container right-sizing benchmark on Postgres (issue 10, Performance): the right-sizing test
// fixture (4 pods of 3 workloads, 4 days of 15-minute samples, rolled up), its day and workload-hour
// rollups copied in SQL to COPIES × 4 pods (default 2,000 pods, 1,500 workloads) over 14 days.
// Timed: the first computation from the stored rollups (getContainerRecommendations, uncached),
// then RUNS requests through the route handler in process (median, p95), once computed.
import { GET } from '../app/api/v1/recommendations/containers/route';
import { DEFAULT_CONFIG } from '../lib/config';
import { openDatabase } from '../lib/db/client';
import { setDatabase } from '../lib/db/instance';
import { applyMigrations } from '../lib/db/migrate';
import { recommendContainer } from '../lib/capacity/recommend';
import { getContainerRecommendations } from '../lib/queries/get-container-recommendations';
import { getContainerUsage } from '../lib/queries/get-container-usage';
import { setConfigSource } from '../lib/settings/current';
import { setClock } from '../lib/util/clock';
import { RIGHTSIZING_END, seedRightsizing } from '../test/fixtures/rightsizing';
import { createScratchDatabase } from '../test/helpers/postgres';

const DAY = 86_400_000;
const COPIES = Number(process.env.BENCH_COPIES ?? 500);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const LOOKBACK_DAYS = 14;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

async function columns(db: Awaited<ReturnType<typeof openDatabase>>, table: string): Promise<string[]> {
  const rows = await db.session((s) => s.query<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`, [table]));
  return rows.map((r) => r.name);
}

/** INSERT INTO table SELECT … FROM table CROSS JOIN copies, with `overrides` for some columns. */
async function copy(db: Awaited<ReturnType<typeof openDatabase>>, table: string, from: string, overrides: Record<string, string>, where = 'true') {
  const cols = await columns(db, table);
  const select = cols.map((c) => overrides[c] ?? `t."${c}"`).join(', ');
  await db.session((s) => s.run(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) SELECT ${select} FROM "${table}" t ${from} WHERE ${where}`));
}

async function main() {
  const scratch = await createScratchDatabase('tally_bench_rec');
  const db = await openDatabase({ databaseUrl: scratch.url });
  try {
    await db.session((s) => applyMigrations(s));
    await seedRightsizing(db);
    // 14 days from the 4 seeded ones: shift by 4, 8, 12 days back (day rows) and hours likewise.
    const shifts = `CROSS JOIN generate_series(1, 3) AS k`;
    await copy(db, 'container_day', shifts, { day_start: `t.day_start - k * interval '4 days'`, first_hour_start: `t.first_hour_start - k * interval '4 days'`, last_hour_start: `t.last_hour_start - k * interval '4 days'` });
    await copy(db, 'workload_container_hour', shifts, { hour_start: `t.hour_start - k * interval '4 days'` });
    // COPIES − 1 more copies of every pod and workload (suffix -c<n>).
    const n = `CROSS JOIN generate_series(1, ${COPIES - 1}) AS n`;
    await copy(db, 'container_day', n, { pod_uid: `t.pod_uid || '-c' || n`, controller_name: `t.controller_name || '-c' || n` });
    await copy(db, 'workload_container_hour', n, { controller_name: `t.controller_name || '-c' || n` });
    await copy(db, 'pod', n, { uid: `t.uid || '-c' || n`, name: `t.name || '-c' || n`, controller_name: `t.controller_name || '-c' || n`, owner_name: `t.owner_name || '-c' || n` });
    await copy(db, 'container', n, { pod_uid: `t.pod_uid || '-c' || n` });
    await db.session((s) => s.run('ANALYZE'));
    const [{ pods, days }] = await db.session((s) => s.query<{ pods: number; days: number }>(
      `SELECT count(DISTINCT pod_uid)::int AS pods, count(DISTINCT day_start)::int AS days FROM container_day`)) as [{ pods: number; days: number }];

    const endMs = RIGHTSIZING_END;
    const startMs = endMs - LOOKBACK_DAYS * DAY;
    let t = performance.now();
    const histories = await getContainerUsage(db, { startMs, endMs });
    const readMs = performance.now() - t;
    t = performance.now();
    for (const h of histories) recommendContainer(h, { strategy: 'simple', nowMs: endMs });
    const pureMs = performance.now() - t;
    t = performance.now();
    const { rows } = await getContainerRecommendations(db, { startMs, endMs, strategy: 'simple' });
    const simpleMs = performance.now() - t;
    t = performance.now();
    await getContainerRecommendations(db, { startMs, endMs, strategy: 'vpa' });
    const vpaMs = performance.now() - t;

    setDatabase(db);
    setClock(() => new Date(endMs));
    setConfigSource({ current: () => ({ ...DEFAULT_CONFIG, recommendations: { lookbackDays: LOOKBACK_DAYS } }) });
    const times: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      t = performance.now();
      const response = await GET(new Request('http://localhost/api/v1/recommendations/containers?window=14d&strategy=simple'));
      await response.text();
      if (response.status !== 200) throw new Error(`status ${response.status}`);
      if (i > 0) times.push(performance.now() - t);
    }
    console.log(JSON.stringify({
      pods, days, containers: rows.length, usageReadMs: Math.round(readMs), recommendSimpleMs: Math.round(pureMs), firstComputeSimpleMs: Math.round(simpleMs), firstComputeVpaMs: Math.round(vpaMs),
      apiMedianMs: Number(percentile(times, 0.5).toFixed(1)), apiP95Ms: Number(percentile(times, 0.95).toFixed(1)), runs: RUNS,
    }));
  } finally {
    await db.close();
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
