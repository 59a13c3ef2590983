import type { Database } from '../db/client';
import { windowClauses, type CostFilters } from './filters';

export interface IdleCost {
  /** Σ node idle (CPU + RAM + GPU) over the window, USD. */
  idleUsd: number;
  /** Σ node cost over the window, USD: what the clusters cost. */
  clusterCostUsd: number;
  /** idleUsd / clusterCostUsd, 0..1; 0 when nothing was spent. */
  share: number;
}

/** Idle cost of the nodes over [from, to) and its share of their whole cost. */
export async function getIdleCost(db: Database, filters: CostFilters): Promise<IdleCost> {
  const where = windowClauses(filters);
  const rows = await db.prisma.$queryRaw<{ idle: number | null; cost: number | null }[]>`
    SELECT sum(idle)::float8 AS idle, sum(cost)::float8 AS cost FROM (
      SELECT idle_usd AS idle, cost_usd AS cost FROM "node_day" WHERE ${where.days}
      UNION ALL
      SELECT cpu_idle_usd + ram_idle_usd + gpu_idle_usd, cost_usd FROM "node_hour" WHERE ${where.hours}
    ) n`;
  const idleUsd = rows[0]?.idle ?? 0;
  const clusterCostUsd = rows[0]?.cost ?? 0;
  return { idleUsd, clusterCostUsd, share: clusterCostUsd > 0 ? idleUsd / clusterCostUsd : 0 };
}
