import { Prisma } from '../db/generated/client';
import type { Database } from '../db/client';
import { clusterClause, type CostFilters } from './filters';

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

/** Cost per team over [from, to), largest first, with idle as its own figure. */
export async function getTeamCosts(db: Database, filters: CostFilters): Promise<TeamCosts> {
  const where = Prisma.sql`${clusterClause(filters.cluster)} AND hour_start >= ${filters.from} AND hour_start < ${filters.to}`;
  const [rows, idle] = await Promise.all([
    db.prisma.$queryRaw<{ team: string; cost: number }[]>`
      SELECT team, sum(total_cost_usd)::float8 AS cost FROM "container_hour" WHERE ${where} GROUP BY team ORDER BY cost DESC, team`,
    db.prisma.$queryRaw<{ idle: number | null }[]>`
      SELECT sum(cpu_idle_usd + ram_idle_usd + gpu_idle_usd)::float8 AS idle FROM "node_hour" WHERE ${where}`,
  ]);
  const idleUsd = idle[0]?.idle ?? 0;
  const totalUsd = rows.reduce((sum, r) => sum + r.cost, 0) + idleUsd;
  return {
    teams: rows.map((r) => ({ team: r.team, costUsd: r.cost, share: totalUsd > 0 ? r.cost / totalUsd : 0 })),
    idleUsd,
    totalUsd,
  };
}
