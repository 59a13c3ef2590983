import type { Database } from '../db/client';
import { Prisma } from '../db/generated/client';

/** What each cluster's month cost in the model (allocations + idle), for reconciling with its invoice. */
export async function getModelledMonths(db: Database, monthStarts: readonly Date[]): Promise<{ cluster: string; monthStart: Date; modelledUsd: number }[]> {
  if (monthStarts.length === 0) return [];
  const months = Prisma.join(monthStarts.map((m) => Prisma.sql`${m}::timestamptz`));
  return db.prisma.$queryRaw`
    SELECT c.name AS cluster, m.month_start AS "monthStart", sum(m.cost)::float8 AS "modelledUsd" FROM (
      SELECT cluster_id, date_trunc('month', day_start, 'UTC') AS month_start, cpu_cost_usd + ram_cost_usd + gpu_cost_usd + pv_cost_usd AS cost FROM "container_day"
      UNION ALL
      SELECT cluster_id, date_trunc('month', day_start, 'UTC'), cpu_idle_usd + ram_idle_usd + gpu_idle_usd FROM "node_day"
    ) m JOIN "cluster" c ON c.id = m.cluster_id
    WHERE m.month_start IN (${months})
    GROUP BY c.name, m.month_start`;
}
