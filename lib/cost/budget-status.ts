/** tally.yaml `budgets`/`clusterBudgets`: name → month (`YYYY-MM` or `default`) → USD. */
export type BudgetConfig = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** Where a team's month stands against its budget. */
export type BudgetStatus = 'under' | 'at-risk' | 'over' | 'no-budget';

/** The team every team without budgets of its own falls back to. */
export const ANY_TEAM = '*';

/**
 * The budget of `name` for `month` (`YYYY-MM`), USD, or null: its own month entry, else its
 * `default`, else (for teams) the `*` entry's month, else its `default`.
 */
export function budgetFor(budgets: BudgetConfig, name: string, month: string, fallback: string | null = ANY_TEAM): number | null {
  for (const key of fallback === null || fallback === name ? [name] : [name, fallback]) {
    const months = budgets[key];
    if (!months) continue;
    const usd = months[month] ?? months.default;
    if (usd !== undefined) return usd;
  }
  return null;
}

/**
 * over: cost > budget; at-risk: cost ≤ budget < forecast; under: forecast ≤ budget;
 * no-budget when there is none. Costs and budgets in USD, unrounded.
 */
export function budgetStatus({ costUsd, forecastUsd, budgetUsd }: { costUsd: number; forecastUsd: number; budgetUsd: number | null }): BudgetStatus {
  if (budgetUsd === null) return 'no-budget';
  if (costUsd > budgetUsd) return 'over';
  if (forecastUsd > budgetUsd) return 'at-risk';
  return 'under';
}

/** cost ÷ budget (1 = all of it spent), null without a budget or with a budget of 0. */
export function budgetUsedRatio(costUsd: number, budgetUsd: number | null): number | null {
  return budgetUsd === null || budgetUsd === 0 ? null : costUsd / budgetUsd;
}
