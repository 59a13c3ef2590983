import { computeAllocation } from '../allocation/compute';
import { IDLE, SHARED, UNALLOCATED, totalCost } from '../cost/allocation-set';
import type { Database } from '../db/client';
import type { CostFilters } from './filters';
import type { DailyTeamCosts } from './get-daily-team-costs';
import { teamRequest, type TeamViewOptions } from './get-team-allocation';

const DAY_MS = 86_400_000;

/**
 * Cost per UTC day per team over [from, to) from the allocation engine, as the team table
 * shows it: shared namespaces and overhead spread over the teams, idle its own `__idle__`
 * series or shared into the teams. Series: teams by total (largest first), then idle and
 * `__shared__` when present; cost without a team is `__unallocated__`.
 */
export async function getDailyTeamAllocation(
  db: Database,
  filters: CostFilters,
  options: TeamViewOptions,
): Promise<DailyTeamCosts> {
  const steps = await computeAllocation(db, teamRequest(filters, options, DAY_MS));
  const totals = new Map<string, number>();
  for (const step of steps) for (const a of step.allocations) totals.set(a.name, (totals.get(a.name) ?? 0) + totalCost(a));
  const last = [IDLE, SHARED];
  const series = [...totals]
    .sort((a, b) => Number(last.includes(a[0])) - Number(last.includes(b[0])) || b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name]) => name);
  const rows = steps.map((step) => {
    const row: Record<string, number | string> = { day: new Date(step.startMs).toISOString().slice(0, 10) };
    for (const name of series) row[name] = 0;
    for (const a of step.allocations) row[a.name] = totalCost(a);
    return row;
  });
  return { days: rows.map((r) => String(r.day)), series, rows };
}

export { UNALLOCATED };
