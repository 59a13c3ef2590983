// Forecast backtest for bench/finance.ts (issue 11): the demo cluster (seed 1, the one `npm start`
// runs) is replayed through the real collector and rollup over one whole past month and the 4
// weeks before it, into its own scratch database; then the monthly report (getMonthlyReport, the
// code behind /api/v1/reports/monthly, so the forecast gets exactly the report's daily series per
// team and for the total) is asked for the month as it stood at 00:00 UTC of days 5, 10, 15, 20
// and 25, and once the month is over for the actuals. Prints one line `RESULT <json>` on stdout.
// Run alone: `npx tsx bench/finance-backtest.ts` (BENCH_FINANCE_MONTH=YYYY-MM, default the last
// whole month; BENCH_FINANCE_STEP_MIN, minutes between scrapes, default 60).
import { allocationDefaults } from '../lib/allocation/defaults';
import { openDatabase } from '../lib/db/client';
import { applyMigrations } from '../lib/db/migrate';
import { fixedClock, startDemoCluster } from '../lib/demo/server';
import { backfill } from '../lib/ingest/backfill';
import { rollupRange } from '../lib/ingest/rollup';
import { loadKubeConfig } from '../lib/k8s/kubeconfig';
import { getMonthlyReport, monthBounds, type MonthlyReport } from '../lib/queries/get-monthly-report';
import { DEMO_CONFIG, setConfigSource } from '../lib/settings/current';
import { rollupSettings } from '../lib/settings/rollup';
import { createScratchDatabase } from '../test/helpers/postgres';
import { DAY, lastWholeMonth } from './finance-common';

const CUT_DAYS = [5, 10, 15, 20, 25];

export interface BandedForecast {
  forecastUsd: number;
  lowUsd: number;
  highUsd: number;
}

export interface BacktestResult {
  month: string;
  replay: { from: string; to: string; stepMinutes: number; scrapes: number; seconds: number };
  /** Distinct pods and nodes in the month's rollups; mean containers per hour. */
  pods: number;
  nodes: number;
  containersPerHour: number;
  actual: { totalUsd: number; teams: Record<string, number> };
  /** Per cut day: the forecast of the total and of each team with an actual cost in the month (0 for a team not seen yet). */
  cuts: { day: number; nowIso: string; total: BandedForecast; teams: Record<string, BandedForecast> }[];
  evaluateMs: number;
}

const month = process.env.BENCH_FINANCE_MONTH ?? lastWholeMonth(Date.now());
const stepMs = Number(process.env.BENCH_FINANCE_STEP_MIN ?? 60) * 60_000;
const { startMs, endMs } = monthBounds(month);
const fromMs = startMs - 28 * DAY;

setConfigSource({ current: () => DEMO_CONFIG });
const scratch = await createScratchDatabase('tally_bench_finance_backtest');
const db = await openDatabase({ databaseUrl: scratch.url });
try {
  await db.session((s) => applyMigrations(s));
  const clock = fixedClock(new Date(fromMs));
  const demo = await startDemoCluster({ seed: 1, clock, clusterName: 'demo' });
  const settings = rollupSettings(DEMO_CONFIG);
  const t0 = performance.now();
  let scrapes = 0;
  let shown = 0;
  try {
    const result = await backfill(db, {
      cluster: 'demo', connection: loadKubeConfig({ kubeconfig: demo.kubeconfigPath }), clock, from: new Date(fromMs),
      to: new Date(endMs + stepMs), // one scrape past the month bounds its last hour
      stepMs,
      // The rollups' present is the month's end, as the replay helper does (test/helpers/replay.ts).
      rollup: (from, to) => rollupRange(db, { ...settings, from, to, cluster: 'demo', now: new Date(endMs) }).then(() => {}),
      onProgress: (done, total) => {
        const tenth = Math.floor((done / Math.max(1, total)) * 10);
        if (tenth > shown) console.error(`backtest replay: ${(shown = tenth) * 10} % (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      },
    });
    scrapes = result.scrapes;
  } finally {
    await demo.close();
  }
  const replaySeconds = (performance.now() - t0) / 1000;
  await db.session((s) => s.exec('ANALYZE'));
  const [stats] = await db.session((s) => s.query<{ pods: number; nodes: number; per_hour: number }>(
    `SELECT (SELECT count(DISTINCT pod_uid) FROM container_hour WHERE hour_start >= $1 AND hour_start < $2)::int AS pods,
            (SELECT count(DISTINCT node_uid) FROM node_hour WHERE hour_start >= $1 AND hour_start < $2)::int AS nodes,
            (SELECT count(*)::float8 / greatest(1, count(DISTINCT hour_start)) FROM container_hour WHERE hour_start >= $1 AND hour_start < $2) AS per_hour`,
    [new Date(startMs), new Date(endMs)],
  ));

  // The report as /api/v1/reports/monthly computes it at `nowMs` (before rounding to the cent).
  const report = (nowMs: number): Promise<MonthlyReport> => getMonthlyReport(db, {
    month, nowMs, idle: 'separate', defaults: allocationDefaults(new Date(nowMs)), budgets: DEMO_CONFIG.budgets, clusterBudgets: DEMO_CONFIG.clusterBudgets,
  });
  const t1 = performance.now();
  const final = await report(endMs);
  if (!final.complete) throw new Error('the month should be complete at its end');
  const actualTeams = Object.fromEntries(final.teams.filter((t) => t.totalCostUsd > 0).map((t) => [t.team, t.totalCostUsd]));
  const cuts: BacktestResult['cuts'] = [];
  for (const day of CUT_DAYS) {
    const nowMs = startMs + (day - 1) * DAY;
    const r = await report(nowMs);
    const teams: Record<string, BandedForecast> = {};
    for (const team of Object.keys(actualTeams)) {
      const row = r.teams.find((t) => t.team === team);
      teams[team] = row ? { forecastUsd: row.forecastUsd, lowUsd: row.forecastLowUsd, highUsd: row.forecastHighUsd } : { forecastUsd: 0, lowUsd: 0, highUsd: 0 };
    }
    cuts.push({ day, nowIso: new Date(nowMs).toISOString(), total: { forecastUsd: r.totals.forecastUsd, lowUsd: r.totals.forecastLowUsd, highUsd: r.totals.forecastHighUsd }, teams });
  }
  const result: BacktestResult = {
    month,
    replay: { from: new Date(fromMs).toISOString(), to: new Date(endMs).toISOString(), stepMinutes: stepMs / 60_000, scrapes, seconds: replaySeconds },
    pods: stats!.pods, nodes: stats!.nodes, containersPerHour: stats!.per_hour,
    actual: { totalUsd: final.totals.totalCostUsd, teams: actualTeams },
    cuts,
    evaluateMs: performance.now() - t1,
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
} finally {
  await db.close();
  await scratch.drop();
}
