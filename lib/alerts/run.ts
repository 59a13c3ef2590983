/**
 * Budget alerts (issue 11 §2): evaluate the month's budgets on the monthly report, record the
 * alerts they raise (once per team or cluster, month and kind), deliver them to the configured
 * webhooks. The alerts job runs this; it is safe on several replicas at once.
 */
import { allocationDefaults } from '../allocation/defaults';
import type { TallyConfig } from '../config';
import { budgetAlertEvents, type BudgetAlertEvent, type BudgetAlertRow } from '../cost/budget-alerts';
import { budgetFor } from '../cost/budget-status';
import type { Database } from '../db/client';
import { getMonthlyReport, previousMonth } from '../queries/get-monthly-report';
import { currentConfig } from '../settings/current';
import { deliverBudgetAlerts, type DeliverOptions, type DeliveryOutcome } from './deliver';
import { recordBudgetAlerts, type StoredBudgetAlert } from './store';

const DAY_MS = 86_400_000;

/** The months evaluated at `now`: its own, and during a month's first day the one before (its last hours roll up late). */
export function alertMonths(now: Date): string[] {
  const month = now.toISOString().slice(0, 7);
  const monthStartMs = Date.parse(`${month}-01T00:00:00.000Z`);
  return now.getTime() - monthStartMs < DAY_MS ? [previousMonth(month), month] : [month];
}

/**
 * The alerts the budgets raise at `now`, from the monthly report as the API computes it (the
 * configured sharing and invoices, idle its own line): each team's cost with its shared share
 * (`totalCostUsd`, what its status compares) and forecast against `budgets`, without a cluster
 * filter; each cluster of `clusterBudgets` with a budget that month, its report's totals.
 */
export async function evaluateBudgetAlerts(db: Database, now: Date, config: TallyConfig): Promise<BudgetAlertEvent[]> {
  const events: BudgetAlertEvent[] = [];
  const query = (month: string, cluster?: string) =>
    getMonthlyReport(db, {
      month, cluster, nowMs: now.getTime(), idle: 'separate', defaults: allocationDefaults(now), budgets: config.budgets, clusterBudgets: config.clusterBudgets,
    });
  for (const month of alertMonths(now)) {
    if (Object.keys(config.budgets).length > 0) {
      const report = await query(month);
      const rows = report.teams.map((t): BudgetAlertRow => ({ scope: 'team', name: t.team, costUsd: t.totalCostUsd, forecastUsd: t.forecastUsd, budgetUsd: t.budgetUsd }));
      events.push(...budgetAlertEvents(month, rows));
    }
    for (const cluster of Object.keys(config.clusterBudgets).sort()) {
      if (budgetFor(config.clusterBudgets, cluster, month, null) === null) continue;
      const { totals } = await query(month, cluster);
      events.push(...budgetAlertEvents(month, [{ scope: 'cluster', name: cluster, costUsd: totals.totalCostUsd, forecastUsd: totals.forecastUsd, budgetUsd: totals.budgetUsd }]));
    }
  }
  return events;
}

export interface RunBudgetAlertsOptions extends Partial<Omit<DeliverOptions, 'webhooks' | 'maxAttempts' | 'now'>> {
  now?: () => Date;
  /** Default: the config in force. */
  config?: TallyConfig;
}

export interface BudgetAlertsRun {
  /** The alerts this run raised (another replica's or an earlier run's are not repeated). */
  raised: StoredBudgetAlert[];
  /** The deliveries this run attempted, and what became of them. */
  deliveries: DeliveryOutcome[];
}

/**
 * One run: evaluate at `now`, record the new alerts with a delivery per configured webhook,
 * then deliver every due delivery (this run's and earlier runs' retries). When the evaluation
 * fails, the due retries are still sent, then the run fails with the evaluation's error.
 */
export async function runBudgetAlerts(db: Database, o: RunBudgetAlertsOptions = {}): Promise<BudgetAlertsRun> {
  const now = o.now ?? (() => new Date());
  const config = o.config ?? currentConfig();
  const webhooks = config.alerts?.webhooks ?? [];
  const at = now();
  let raised: StoredBudgetAlert[] = [];
  let failure: { error: unknown } | null = null;
  try {
    raised = await recordBudgetAlerts(db, await evaluateBudgetAlerts(db, at, config), webhooks.map((w) => w.name), at);
  } catch (error) {
    failure = { error };
  }
  const deliveries = await deliverBudgetAlerts(db, { ...o, now, webhooks, maxAttempts: config.alerts?.maxAttempts ?? 5 });
  if (failure) throw failure.error;
  return { raised, deliveries };
}
