import { allocationDefaults } from '../allocation/defaults';
import { roundUsd } from '../cost/rates';
import { getDatabase } from '../db/instance';
import { getMonthlyReport, type MonthlyReport, type MonthlyTeamRow } from '../queries/get-monthly-report';
import { currentConfig } from '../settings/current';
import type { ReportParams } from './report-params';

/** The report the API, the page and the exports show for these parameters: the configured sharing, invoices and budgets. */
export async function monthlyReportFor(params: Pick<ReportParams, 'month' | 'cluster' | 'idle'>, now: Date): Promise<MonthlyReportOut> {
  const config = currentConfig();
  const report = await getMonthlyReport(await getDatabase(), {
    month: params.month, cluster: params.cluster, nowMs: now.getTime(), idle: params.idle, defaults: allocationDefaults(now), budgets: config.budgets, clusterBudgets: config.clusterBudgets,
  });
  return monthlyReportOut(report, config.pricing.currency);
}

export type MonthlyReportOut = ReturnType<typeof monthlyReportOut>;

/** The report's JSON `data` (issue 11 §1): money rounded to the cent here, once; ratios as they are. */
export function monthlyReportOut(report: MonthlyReport, currency: string) {
  const usd = roundUsd;
  const usdOrNull = (v: number | null) => (v === null ? null : roundUsd(v));
  const team = (t: MonthlyTeamRow) => ({
    team: t.team, costUsd: usd(t.costUsd), sharedCostUsd: usd(t.sharedCostUsd), idleShareUsd: usd(t.idleShareUsd), totalCostUsd: usd(t.totalCostUsd),
    previousMonthCostUsd: usd(t.previousMonthCostUsd), changeUsd: usd(t.changeUsd), changeRatio: t.changeRatio,
    budgetUsd: usdOrNull(t.budgetUsd), budgetUsedRatio: t.budgetUsedRatio,
    forecastUsd: usd(t.forecastUsd), forecastLowUsd: usd(t.forecastLowUsd), forecastHighUsd: usd(t.forecastHighUsd), status: t.status,
    reconciledCostUsd: usd(t.reconciledCostUsd), adjustmentUsd: usd(t.adjustmentUsd),
    deployments: t.deployments, costPerDeploymentUsd: usdOrNull(t.costPerDeploymentUsd),
    drivers: t.drivers.map((d) => ({ ...d, changeUsd: roundUsd(d.changeUsd) })),
  });
  const iso = (ms: number) => new Date(ms).toISOString();
  const x = report.totals;
  return {
    month: report.month, currency, closed: false, complete: report.complete,
    window: { start: iso(report.startMs), end: iso(report.endMs), dataEnd: iso(report.dataEndMs) },
    comparedWith: { start: iso(report.comparedWith.startMs), end: iso(report.comparedWith.endMs) },
    teams: report.teams.map(team),
    totals: {
      costUsd: usd(x.costUsd), sharedCostUsd: usd(x.sharedCostUsd), idleCostUsd: usd(x.idleCostUsd), unmountedCostUsd: usd(x.unmountedCostUsd),
      totalCostUsd: usd(x.totalCostUsd), previousMonthCostUsd: usd(x.previousMonthCostUsd), budgetUsd: usdOrNull(x.budgetUsd), status: x.status,
      forecastUsd: usd(x.forecastUsd), forecastLowUsd: usd(x.forecastLowUsd), forecastHighUsd: usd(x.forecastHighUsd),
      reconciledCostUsd: usd(x.reconciledCostUsd), adjustmentUsd: usd(x.adjustmentUsd),
    },
  };
}

export const MONTHLY_CSV_COLUMNS = [
  'month', 'team', 'costUsd', 'sharedCostUsd', 'idleShareUsd', 'totalCostUsd', 'previousMonthCostUsd', 'changeUsd', 'changeRatio', 'budgetUsd',
  'budgetUsedRatio', 'forecastUsd', 'forecastLowUsd', 'forecastHighUsd', 'status', 'reconciledCostUsd', 'adjustmentUsd', 'deployments',
  'costPerDeploymentUsd', 'drivers',
] as const;
