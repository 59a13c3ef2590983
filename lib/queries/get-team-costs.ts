import type { Database } from '../db/client';
import { dayWindow, type CostFilters } from './filters';

export interface TeamCost {
  team: string;
  costUsd: number;
  /** Of the total including idle, 0..1. */
  share: number;
}

export interface TeamCosts {
  teams: TeamCost[];
  idleUsd: number;
  /** Σ teams + idle = the cluster cost for the window. */
  totalUsd: number;
}

/** Cost per team over the UTC days in [from, to), largest first, with idle as its own figure. */
export async function getTeamCosts(db: Database, filters: CostFilters): Promise<TeamCosts> {
  const where = dayWindow(filters);
  const [rows, idle] = await Promise.all([
    db.prisma.$queryRaw<{ team: string; cost: number }[]>`
      SELECT team, sum(total_cost_usd)::float8 AS cost FROM "workload_day" WHERE ${where} GROUP BY team ORDER BY cost DESC, team`,
    db.prisma.$queryRaw<{ idle: number | null }[]>`
      SELECT sum(idle_usd)::float8 AS idle FROM "node_day" WHERE ${where}`,
  ]);
  const idleUsd = idle[0]?.idle ?? 0;
  const totalUsd = rows.reduce((sum, r) => sum + r.cost, 0) + idleUsd;
  return {
    teams: rows.map((r) => ({ team: r.team, costUsd: r.cost, share: totalUsd > 0 ? r.cost / totalUsd : 0 })),
    idleUsd,
    totalUsd,
  };
}
