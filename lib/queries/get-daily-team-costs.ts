import type { Database } from '../db/client';
import { dayWindow, type CostFilters } from './filters';

export const IDLE_SERIES = '__idle__';

export interface DailyTeamCosts {
  /** UTC days, YYYY-MM-DD, every day of the window even without cost. */
  days: string[];
  /** Series names: teams by total cost, then `__idle__`. */
  series: string[];
  /** One row per day: `day` plus a USD amount per series. */
  rows: Record<string, number | string>[];
}

/** Cost per UTC day per team (and idle) over [from, to), for the stacked chart. */
export async function getDailyTeamCosts(db: Database, filters: CostFilters): Promise<DailyTeamCosts> {
  const where = dayWindow(filters);
  const [teams, idle] = await Promise.all([
    db.prisma.$queryRaw<{ day: string; team: string; cost: number }[]>`
      SELECT to_char(day_start AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, team, sum(total_cost_usd)::float8 AS cost
        FROM "workload_day" WHERE ${where} GROUP BY 1, 2`,
    db.prisma.$queryRaw<{ day: string; cost: number }[]>`
      SELECT to_char(day_start AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, sum(idle_usd)::float8 AS cost
        FROM "node_day" WHERE ${where} GROUP BY 1`,
  ]);
  const days: string[] = [];
  for (let t = Date.UTC(filters.from.getUTCFullYear(), filters.from.getUTCMonth(), filters.from.getUTCDate()); t < filters.to.getTime(); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  const totals = new Map<string, number>();
  for (const r of teams) totals.set(r.team, (totals.get(r.team) ?? 0) + r.cost);
  const series = [...[...totals].sort((a, b) => b[1] - a[1]).map(([team]) => team), IDLE_SERIES];
  const byDay = new Map(days.map((day) => [day, Object.fromEntries([['day', day], ...series.map((s) => [s, 0])]) as Record<string, number | string>]));
  for (const r of teams) {
    const row = byDay.get(r.day);
    if (row) row[r.team] = r.cost;
  }
  for (const r of idle) {
    const row = byDay.get(r.day);
    if (row) row[IDLE_SERIES] = r.cost;
  }
  return { days, series, rows: [...byDay.values()] };
}
