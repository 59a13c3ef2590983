import { computeAllocation, type AllocationRequest } from '../allocation/compute';
import type { AllocationDefaults } from '../allocation/params';
import { IDLE, SHARED, UNALLOCATED, UNMOUNTED, totalCost, type Allocation } from '../cost/allocation-set';
import { budgetFor, budgetStatus, budgetUsedRatio, type BudgetConfig, type BudgetStatus } from '../cost/budget-status';
import { topDrivers, type CostDriver } from '../cost/drivers';
import { forecastMonth, type DailyCost } from '../cost/forecast';
import type { Database } from '../db/client';
import { cachedOnCostData } from './cost-cache';
import { getMonthlyDeployments } from './get-monthly-deployments';
import { teamRequest, type TeamViewOptions } from './get-team-allocation';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const DRIVERS_PER_KIND = 3;

export interface MonthlyReportQuery {
  /** `YYYY-MM`, UTC. */
  month: string;
  cluster?: string;
  nowMs: number;
  idle: TeamViewOptions['idle'];
  defaults: AllocationDefaults;
  /** tally.yaml `budgets` (per team; they cover every cluster, so they apply without a cluster filter) and `clusterBudgets`. */
  budgets: BudgetConfig;
  clusterBudgets: BudgetConfig;
}

export interface MonthlyTeamRow {
  team: string;
  costUsd: number;
  sharedCostUsd: number;
  idleShareUsd: number;
  totalCostUsd: number;
  previousMonthCostUsd: number;
  changeUsd: number;
  changeRatio: number | null;
  budgetUsd: number | null;
  budgetUsedRatio: number | null;
  forecastUsd: number;
  forecastLowUsd: number;
  forecastHighUsd: number;
  status: BudgetStatus;
  reconciledCostUsd: number;
  adjustmentUsd: number;
  deployments: number;
  costPerDeploymentUsd: number | null;
  drivers: CostDriver[];
  /** The team's cost per UTC day of the month so far (the sparkline), USD. */
  dailyCostUsd: number[];
}

export interface MonthlyReport {
  month: string;
  /** [startMs, endMs) of the month, and the end of the data it holds (the month's end once it is over). */
  startMs: number;
  endMs: number;
  dataEndMs: number;
  /** The month is over (its figures no longer grow). */
  complete: boolean;
  /** What `change` compares: the previous month's same span while the month runs, the whole months once it is over. */
  comparedWith: { startMs: number; endMs: number };
  teams: MonthlyTeamRow[];
  totals: {
    costUsd: number;
    sharedCostUsd: number;
    /** Idle in the month, whether its own line or shared into the teams. */
    idleCostUsd: number;
    /** The idle line (what is not shared into the teams) and the shared cost no team took. */
    idleLineUsd: number;
    unsharedUsd: number;
    unmountedCostUsd: number;
    totalCostUsd: number;
    previousMonthCostUsd: number;
    budgetUsd: number | null;
    status: BudgetStatus;
    forecastUsd: number;
    forecastLowUsd: number;
    forecastHighUsd: number;
    reconciledCostUsd: number;
    adjustmentUsd: number;
  };
}

/** [start, end) of a `YYYY-MM` month in UTC, epoch ms. */
export function monthBounds(month: string): { startMs: number; endMs: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { startMs: Date.UTC(y, m - 1, 1), endMs: Date.UTC(y, m, 1) };
}

/**
 * The monthly close report (issue 11 §1): per team the month's cost as the allocation API gives
 * it for the window (sharing and invoice reconciliation as configured; idle its own line or
 * shared), the previous month, the change against the previous month's same span, the budget and
 * its status, the month-end forecast, the invoice adjustment, cost per deployment (the deployments the delivery page counts), and the
 * namespaces and workloads whose cost moved most. totals.totalCostUsd = Σ every line of
 * `/api/v1/allocation?window=<month so far>&includeIdle=true`. Cached on the cost data version.
 */
export function getMonthlyReport(db: Database, q: MonthlyReportQuery): Promise<MonthlyReport> {
  const key = JSON.stringify(['monthly-report', q.month, q.cluster ?? null, Math.floor(q.nowMs / HOUR_MS), q.idle, q.defaults, q.budgets, q.clusterBudgets]);
  return cachedOnCostData(db, key, () => computeMonthlyReport(db, q));
}

async function computeMonthlyReport(db: Database, q: MonthlyReportQuery): Promise<MonthlyReport> {
  const { startMs, endMs } = monthBounds(q.month);
  const previous = monthBounds(previousMonth(q.month));
  const dataEndMs = Math.max(startMs, Math.min(endMs, q.nowMs));
  const complete = q.nowMs >= endMs;
  const compared = complete ? previous : { startMs: previous.startMs, endMs: Math.min(previous.endMs, previous.startMs + (dataEndMs - startMs)) };
  const options: TeamViewOptions = { idle: q.idle, defaults: q.defaults };
  const request = (fromMs: number, toMs: number, aggregate: string[], opts = options, stepMs?: number): AllocationRequest => ({
    ...teamRequest({ cluster: q.cluster, from: new Date(fromMs), to: new Date(toMs) }, opts, stepMs), aggregate,
  });
  const one = async (r: AllocationRequest) => (r.window.endMs > r.window.startMs ? ((await computeAllocation(db, r))[0]?.allocations ?? []) : []);
  const modelled: TeamViewOptions = { ...options, defaults: { ...q.defaults, invoices: [] } };
  const historyStartMs = Math.min(previous.startMs, startMs - 28 * DAY_MS);

  const [deploymentsByTeam, month, previousMonthAll, comparedAll, namespaces, namespacesBefore, workloads, workloadsBefore, unreconciled, daily] = await Promise.all([
    getMonthlyDeployments(db, { from: new Date(startMs), to: new Date(dataEndMs), cluster: q.cluster }),
    one(request(startMs, dataEndMs, ['team'])),
    one(request(previous.startMs, previous.endMs, ['team'])),
    complete ? null : one(request(compared.startMs, compared.endMs, ['team'])),
    one(request(startMs, dataEndMs, ['team', 'namespace'])),
    one(request(compared.startMs, compared.endMs, ['team', 'namespace'])),
    one(request(startMs, dataEndMs, ['team', 'namespace', 'controllerKind', 'controller'])),
    one(request(compared.startMs, compared.endMs, ['team', 'namespace', 'controllerKind', 'controller'])),
    q.defaults.invoices.length > 0 ? one(request(startMs, dataEndMs, ['team'], modelled)) : null,
    dataEndMs > historyStartMs ? computeAllocation(db, request(historyStartMs, dataEndMs, ['team'], options, DAY_MS)) : Promise.resolve([]),
  ]);

  const byName = (list: readonly Allocation[]) => new Map(list.map((a) => [a.name, totalCost(a)]));
  const previousTotals = byName(previousMonthAll);
  const comparedTotals = comparedAll === null ? previousTotals : byName(comparedAll);
  const modelledTotals = unreconciled === null ? null : byName(unreconciled);
  const dailyOf = (name: string | null): DailyCost[] => daily.map((step) => ({
    dayStartMs: step.startMs,
    costUsd: step.allocations.filter((a) => name === null || a.name === name).reduce((s, a) => s + totalCost(a), 0),
  }));
  const forecastOf = (name: string | null, actualUsd: number) => {
    if (complete) return { forecastUsd: actualUsd, forecastLowUsd: actualUsd, forecastHighUsd: actualUsd };
    const series = dailyOf(name);
    const f = forecastMonth({
      monthStartMs: startMs, monthEndMs: endMs, nowMs: dataEndMs,
      dailyCostsUsd: series.filter((d) => d.dayStartMs >= startMs - 28 * DAY_MS),
      previousMonthDailyCostsUsd: series.filter((d) => d.dayStartMs >= previous.startMs && d.dayStartMs < previous.endMs),
    });
    return { forecastUsd: f.forecastUsd, forecastLowUsd: f.forecastLowUsd, forecastHighUsd: f.forecastHighUsd };
  };
  const partsOf = (list: readonly Allocation[], team: string, name: (a: Allocation) => string) =>
    new Map(list.filter((a) => a.properties.team === team || (team === UNALLOCATED && a.properties.team === undefined)).map((a) => [name(a), totalCost(a)]));
  const nsName = (a: Allocation) => a.properties.namespace ?? UNALLOCATED;
  const wlName = (a: Allocation) => [a.properties.namespace, a.properties.controllerKind?.toLowerCase(), a.properties.controller].map((p) => p ?? UNALLOCATED).join('/');

  const isTeam = (name: string) => name !== IDLE && name !== SHARED && name !== UNMOUNTED;
  const teamNames = new Set([...month.map((a) => a.name), ...previousMonthAll.map((a) => a.name)].filter(isTeam));
  const teams: MonthlyTeamRow[] = [...teamNames].map((team) => {
    const a = month.find((x) => x.name === team);
    const totalCostUsd = a ? totalCost(a) : 0;
    const sharedCostUsd = a?.sharedCost ?? 0;
    const idleShareUsd = a ? a.cpuCostIdle + a.ramCostIdle + a.gpuCostIdle : 0;
    const before = comparedTotals.get(team) ?? 0;
    const forecast = forecastOf(team, totalCostUsd);
    const budgetUsd = q.cluster === undefined ? budgetFor(q.budgets, team, q.month) : null;
    const deployments = deploymentsByTeam.get(team) ?? 0;
    return {
      team, costUsd: totalCostUsd - sharedCostUsd, sharedCostUsd, idleShareUsd, totalCostUsd,
      previousMonthCostUsd: previousTotals.get(team) ?? 0,
      changeUsd: totalCostUsd - before, changeRatio: before > 0 ? (totalCostUsd - before) / before : null,
      budgetUsd, budgetUsedRatio: budgetUsedRatio(totalCostUsd, budgetUsd),
      ...forecast,
      status: budgetStatus({ costUsd: totalCostUsd, forecastUsd: forecast.forecastUsd, budgetUsd }),
      reconciledCostUsd: totalCostUsd, adjustmentUsd: modelledTotals === null ? 0 : totalCostUsd - (modelledTotals.get(team) ?? 0),
      deployments, costPerDeploymentUsd: deployments > 0 ? totalCostUsd / deployments : null,
      dailyCostUsd: dailyOf(team).filter((d) => d.dayStartMs >= startMs && d.dayStartMs < dataEndMs).map((d) => d.costUsd),
      drivers: [
        ...topDrivers('namespace', partsOf(namespaces, team, nsName), partsOf(namespacesBefore, team, nsName), DRIVERS_PER_KIND),
        ...topDrivers('workload', partsOf(workloads, team, wlName), partsOf(workloadsBefore, team, wlName), DRIVERS_PER_KIND),
      ],
    };
  }).sort((x, y) => y.totalCostUsd - x.totalCostUsd || x.team.localeCompare(y.team));

  const line = (name: string) => month.filter((a) => a.name === name).reduce((s, a) => s + totalCost(a), 0);
  const totalCostUsd = month.reduce((s, a) => s + totalCost(a), 0);
  const budgetUsd = totalBudget(q, teams, clustersOf(month));
  const forecast = forecastOf(null, totalCostUsd);
  const modelledTotal = unreconciled === null ? totalCostUsd : unreconciled.reduce((s, a) => s + totalCost(a), 0);
  return {
    month: q.month, startMs, endMs, dataEndMs, complete, comparedWith: compared, teams,
    totals: {
      costUsd: teams.reduce((s, t) => s + t.costUsd, 0), sharedCostUsd: teams.reduce((s, t) => s + t.sharedCostUsd, 0) + line(SHARED),
      idleCostUsd: line(IDLE) + teams.reduce((s, t) => s + t.idleShareUsd, 0), idleLineUsd: line(IDLE), unsharedUsd: line(SHARED), unmountedCostUsd: line(UNMOUNTED), totalCostUsd,
      previousMonthCostUsd: previousMonthAll.reduce((s, a) => s + totalCost(a), 0),
      budgetUsd, status: budgetStatus({ costUsd: totalCostUsd, forecastUsd: forecast.forecastUsd, budgetUsd }),
      ...forecast, reconciledCostUsd: totalCostUsd, adjustmentUsd: totalCostUsd - modelledTotal,
    },
  };
}

/**
 * The whole's budget: the cluster's (`clusterBudgets`) with a cluster filter; without one, the
 * teams' budgets summed, else the clusters' summed over the clusters in the month; null when none.
 */
function totalBudget(q: MonthlyReportQuery, teams: readonly MonthlyTeamRow[], clusters: readonly string[]): number | null {
  const sum = (xs: (number | null)[]) => {
    const known = xs.filter((x): x is number => x !== null);
    return known.length > 0 ? known.reduce((s, x) => s + x, 0) : null;
  };
  if (q.cluster !== undefined) return budgetFor(q.clusterBudgets, q.cluster, q.month, null);
  return sum(teams.map((t) => t.budgetUsd)) ?? sum(clusters.map((c) => budgetFor(q.clusterBudgets, c, q.month, null)));
}

const clustersOf = (list: readonly Allocation[]) => [...new Set(list.map((a) => a.properties.cluster).filter((c): c is string => c !== undefined))];

/** The `YYYY-MM` before `month`. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}
