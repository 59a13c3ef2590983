import type { Database } from '../db/client';
import { windowClauses, type CostFilters } from './filters';
import { getIdleCost } from './get-idle-cost';

export interface TeamCost {
  /** As stored: the attributed team, `unassigned` when none matched. */
  team: string;
  costUsd: number;
  /** costUsd / totalUsd, 0..1. */
  share: number;
}

export interface TeamCosts {
  /** Largest first (ties by name). */
  teams: TeamCost[];
  idleUsd: number;
  /** Σ teams + idle: the denominator of every share. */
  totalUsd: number;
}

/** Cost per team over [from, to) (Σ container_hour.total_cost_usd), with shares of teams + idle. */
export async function getTeamCosts(db: Database, filters: CostFilters): Promise<TeamCosts> {
  const where = windowClauses(filters);
  const [rows, idle] = await Promise.all([
    db.prisma.$queryRaw<{ team: string; cost: number }[]>`
      SELECT team, sum(cost)::float8 AS cost FROM (
        SELECT team, total_cost_usd AS cost FROM "workload_day" WHERE ${where.days}
        UNION ALL
        SELECT team, total_cost_usd FROM "container_hour" WHERE ${where.hours}
      ) t
      GROUP BY team ORDER BY cost DESC, team`,
    getIdleCost(db, filters),
  ]);
  const totalUsd = rows.reduce((sum, r) => sum + r.cost, 0) + idle.idleUsd;
  return {
    teams: rows.map((r) => ({ team: r.team, costUsd: r.cost, share: totalUsd > 0 ? r.cost / totalUsd : 0 })),
    idleUsd: idle.idleUsd,
    totalUsd,
  };
}
