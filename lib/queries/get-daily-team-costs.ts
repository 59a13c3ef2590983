import type { Database } from '../db/client';
import { windowClauses, type CostFilters } from './filters';

const DAY_MS = 86_400_000;

/** The series name of idle cost in the daily chart (and in the allocation API). */
export const IDLE_SERIES = '__idle__';

export interface DailyTeamCosts {
  /** UTC days, YYYY-MM-DD: every day that overlaps the window, even without cost. */
  days: string[];
  /** Series names: teams by total cost (largest first), then `__idle__`. */
  series: string[];
  /** One row per day, in `days` order: `day` plus a USD amount per series (0 when none). */
  rows: Record<string, number | string>[];
}

/** Cost per UTC day per team over [from, to), plus idle as `__idle__`, for the stacked chart. */
export async function getDailyTeamCosts(db: Database, filters: CostFilters): Promise<DailyTeamCosts> {
  const where = windowClauses(filters);
  const [teams, idle] = await Promise.all([
    db.prisma.$queryRaw<{ day: string; team: string; cost: number }[]>`
      SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, team, sum(cost)::float8 AS cost FROM (
        SELECT day_start AS at, team, total_cost_usd AS cost FROM "workload_day" WHERE ${where.days}
        UNION ALL
        SELECT hour_start, team, total_cost_usd FROM "container_hour" WHERE ${where.hours}
      ) t GROUP BY 1, 2`,
    db.prisma.$queryRaw<{ day: string; cost: number }[]>`
      SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, sum(idle)::float8 AS cost FROM (
        SELECT day_start AS at, idle_usd AS idle FROM "node_day" WHERE ${where.days}
        UNION ALL
        SELECT hour_start, cpu_idle_usd + ram_idle_usd + gpu_idle_usd FROM "node_hour" WHERE ${where.hours}
      ) n GROUP BY 1`,
  ]);
  const days: string[] = [];
  for (let t = Math.floor(filters.from.getTime() / DAY_MS) * DAY_MS; t < filters.to.getTime(); t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  const totals = new Map<string, number>();
  for (const r of teams) totals.set(r.team, (totals.get(r.team) ?? 0) + r.cost);
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([team]) => team);
  const series = [...ranked, IDLE_SERIES];
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
