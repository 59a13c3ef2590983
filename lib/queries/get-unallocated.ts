import type { Database } from '../db/client';
import { UNASSIGNED_TEAM } from '../cost/attribution';
import { windowClauses, type CostFilters } from './filters';

export interface UnallocatedWorkload {
  cluster: string;
  namespace: string;
  controllerKind: string;
  controllerName: string;
  costUsd: number;
  /** The namespace's labels as last seen, to show what is there instead of a team label. */
  namespaceLabels: Record<string, string>;
}

/** Workloads whose cost over [from, to) carries no team, largest first: what to label at the source. */
export async function getUnallocated(db: Database, filters: CostFilters, limit = 50): Promise<{ workloads: UnallocatedWorkload[]; totalUsd: number }> {
  const where = windowClauses(filters);
  const rows = await db.prisma.$queryRaw<(Omit<UnallocatedWorkload, 'namespaceLabels'> & { labels: Record<string, string> | null; total: number })[]>`
    WITH u AS (
      SELECT cluster_id, namespace, controller_kind, controller_name, sum(cost) AS cost FROM (
        SELECT cluster_id, namespace, controller_kind, controller_name, total_cost_usd AS cost FROM "workload_day" WHERE ${where.days} AND team = ${UNASSIGNED_TEAM}
        UNION ALL
        SELECT cluster_id, namespace, controller_kind, controller_name, total_cost_usd FROM "container_hour" WHERE ${where.hours} AND team = ${UNASSIGNED_TEAM}
      ) x GROUP BY 1, 2, 3, 4
    )
    SELECT c.name AS cluster, u.namespace, u.controller_kind AS "controllerKind", u.controller_name AS "controllerName",
           u.cost::float8 AS "costUsd", n.labels, (sum(u.cost) OVER ())::float8 AS total
      FROM u JOIN "cluster" c ON c.id = u.cluster_id
      LEFT JOIN "namespace" n ON n.cluster_id = u.cluster_id AND n.name = u.namespace
     ORDER BY u.cost DESC, c.name, u.namespace, u.controller_name
     LIMIT ${limit}`;
  return {
    workloads: rows.map(({ labels, total: _total, ...w }) => ({ ...w, namespaceLabels: labels ?? {} })),
    totalUsd: rows[0]?.total ?? 0,
  };
}
