import { allocationDefaults } from '../allocation/defaults';
import { exchangeRateFor, type ExchangeRate } from '../cost/currency';
import { roundUsd } from '../cost/rates';
import { roundToTotal } from '../cost/round-to-total';
import { closedReport, type MonthCloseInfo } from '../close/month-close';
import type { Database } from '../db/client';
import { getDatabase } from '../db/instance';
import { getMonthlyReport, type MonthlyReport, type MonthlyTeamRow } from '../queries/get-monthly-report';
import type { TallyConfig } from '../config';
import { currentConfig } from '../settings/current';
import { AppError } from '../util/errors';
import type { ReportParams } from './report-params';

/**
 * The report the API, the page and the exports show for these parameters: a closed month's as it
 * was closed (`closed: true`, with `close`), else computed with the configured sharing, invoices
 * and budgets.
 */
export async function monthlyReportFor(params: Pick<ReportParams, 'month' | 'cluster' | 'idle'>, now: Date): Promise<MonthlyReportOut & { close: MonthCloseInfo | null }> {
  const closed = await closedReport(await getDatabase(), params);
  return closed ?? { ...(await liveMonthlyReport(params, now)), close: null };
}

/** The report computed from the data and config of now, whether or not the month is closed. */
export async function liveMonthlyReport(params: Pick<ReportParams, 'month' | 'cluster' | 'idle'>, now: Date, db?: Database): Promise<MonthlyReportOut> {
  const config = currentConfig();
  const report = await getMonthlyReport(db ?? (await getDatabase()), {
    month: params.month, cluster: params.cluster, nowMs: now.getTime(), idle: params.idle, defaults: allocationDefaults(now), budgets: config.budgets, clusterBudgets: config.clusterBudgets,
  });
  return monthlyReportOut(report, monthRate(config, params.month));
}

/** The rate `month` converts at (the schema guarantees one for any currency but USD). */
export function monthRate(config: TallyConfig, month: string): ExchangeRate {
  const rate = exchangeRateFor(config.pricing.currency, config.pricing.exchangeRates, month);
  if (!rate) throw new AppError('INTERNAL', `pricing.exchangeRates: no rate for ${month}`);
  return rate;
}

export type MonthlyReportOut = ReturnType<typeof monthlyReportOut>;

/**
 * The report's JSON `data` (issue 11 §1): money converted from USD at the month's rate (the
 * `*Usd` fields then hold `currency`; `exchangeRate` says which) and rounded to the cent here,
 * once; ratios as they are. The teams' totals and the idle, shared and unmounted lines add up to the total to the
 * cent: the rounding remainder goes to the largest of them (roundToTotal); a team's cost is its
 * rounded total less its rounded shared cost.
 */
export function monthlyReportOut(report: MonthlyReport, rate: ExchangeRate) {
  const usd = (v: number) => roundUsd(v * rate.rate, 2);
  const usdOrNull = (v: number | null) => (v === null ? null : usd(v));
  const x = report.totals;
  const lines = roundToTotal([...report.teams.map((t) => t.totalCostUsd), x.idleLineUsd, x.unsharedUsd, x.unmountedCostUsd].map((v) => v * rate.rate), x.totalCostUsd * rate.rate);
  const team = (t: MonthlyTeamRow, i: number) => ({
    team: t.team, costUsd: usd(lines[i]! - usd(t.sharedCostUsd)), sharedCostUsd: usd(t.sharedCostUsd), idleShareUsd: usd(t.idleShareUsd), totalCostUsd: lines[i]!,
    previousMonthCostUsd: usd(t.previousMonthCostUsd), changeUsd: usd(t.changeUsd), changeRatio: t.changeRatio,
    budgetUsd: usdOrNull(t.budgetUsd), budgetUsedRatio: t.budgetUsedRatio,
    forecastUsd: usd(t.forecastUsd), forecastLowUsd: usd(t.forecastLowUsd), forecastHighUsd: usd(t.forecastHighUsd), status: t.status,
    reconciledCostUsd: lines[i]!, adjustmentUsd: usd(t.adjustmentUsd),
    deployments: t.deployments, costPerDeploymentUsd: usdOrNull(t.costPerDeploymentUsd),
    drivers: t.drivers.map((d) => ({ ...d, changeUsd: usd(d.changeUsd) })),
    dailyCostUsd: t.dailyCostUsd.map(usd),
  });
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    month: report.month, currency: rate.currency, exchangeRate: { from: 'USD', to: rate.currency, rate: rate.rate, source: rate.source }, closed: false, complete: report.complete,
    window: { start: iso(report.startMs), end: iso(report.endMs), dataEnd: iso(report.dataEndMs) },
    comparedWith: { start: iso(report.comparedWith.startMs), end: iso(report.comparedWith.endMs) },
    teams: report.teams.map((t, i) => team(t, i)),
    totals: {
      costUsd: usd(x.costUsd), sharedCostUsd: usd(x.sharedCostUsd), idleCostUsd: usd(x.idleCostUsd), idleLineUsd: lines.at(-3)!, unsharedUsd: lines.at(-2)!, unmountedCostUsd: lines.at(-1)!,
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
