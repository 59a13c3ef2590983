import { allocationDefaults } from '../allocation/defaults';
import type { TallyConfig } from '../config';
import { UNALLOCATED } from '../cost/allocation-set';
import type { BudgetConfig } from '../cost/budget-status';
import type { Database } from '../db/client';
import { getMonthlyReport, previousMonth } from '../queries/get-monthly-report';

/** Two significant digits, down (1,234 → 1,200) or to the nearest (1,250 → 1,300): budgets people would write. */
const significant = (usd: number, round: (x: number) => number) => {
  if (usd <= 0) return 0;
  const unit = 10 ** (Math.floor(Math.log10(usd)) - 1);
  return round(usd / unit) * unit;
};

/**
 * Budgets that make the demo's monthly report show every status (issue 11 §8), from the month so
 * far (USD): the team with the largest forecast is over (budget 90% of its cost, rounded down),
 * the next at risk (halfway between its cost and its forecast), every other team under (`*`:
 * 1.25 × the largest remaining forecast). Each applies to every month (`default`). A rounded
 * budget that would change a status is kept exact to the cent.
 */
export function demoBudgets(teams: readonly { team: string; totalCostUsd: number; forecastUsd: number }[]): BudgetConfig {
  const named = teams.filter((t) => t.team !== UNALLOCATED && t.forecastUsd > 0).toSorted((a, b) => b.forecastUsd - a.forecastUsd || a.team.localeCompare(b.team));
  const cents = (usd: number) => Math.round(usd * 100) / 100;
  const budgets: Record<string, Record<string, number>> = {};
  const [over, atRisk, ...rest] = named;
  if (over && over.totalCostUsd > 0) {
    const nice = significant(over.totalCostUsd * 0.9, Math.floor);
    budgets[over.team] = { default: nice > 0 && nice < over.totalCostUsd ? nice : cents(over.totalCostUsd * 0.9) };
  }
  if (atRisk && atRisk.forecastUsd > atRisk.totalCostUsd) {
    const nice = significant((atRisk.totalCostUsd + atRisk.forecastUsd) / 2, Math.round);
    const fits = (b: number) => b >= atRisk.totalCostUsd && b < atRisk.forecastUsd;
    const exact = Math.floor(((atRisk.totalCostUsd + atRisk.forecastUsd) / 2) * 100) / 100;
    if (fits(nice) || fits(exact)) budgets[atRisk.team] = { default: fits(nice) ? nice : exact };
  }
  const largest = Math.max(0, ...rest.map((t) => t.forecastUsd));
  if (largest > 0) budgets['*'] = { default: significant(largest * 1.25, Math.ceil) };
  return budgets;
}

/**
 * The demo's finance settings on top of `base`: demoBudgets from the current month, and an
 * invoice for the previous month 4% above the model (the reconciliation then shows on the
 * report), when that month has data.
 */
export async function demoFinanceConfig(db: Database, base: TallyConfig, cluster: string, now: Date): Promise<TallyConfig> {
  const month = now.toISOString().slice(0, 7);
  const query = { nowMs: now.getTime(), idle: 'separate' as const, defaults: { ...allocationDefaults(now), invoices: [] }, budgets: {}, clusterBudgets: {} };
  const [current, previous] = await Promise.all([getMonthlyReport(db, { ...query, month }), getMonthlyReport(db, { ...query, month: previousMonth(month), cluster })]);
  const modelled = previous.totals.totalCostUsd;
  return {
    ...base,
    budgets: demoBudgets(current.teams),
    invoices: modelled > 0 ? [{ cluster, month: previousMonth(month), totalUsd: Math.round(modelled * 1.04 * 100) / 100 }] : [],
  };
}
