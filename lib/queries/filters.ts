import { Prisma } from '../db/generated/client';

/** What every overview read is filtered by: an optional cluster and a half-open UTC window. */
export interface CostFilters {
  cluster?: string;
  from: Date;
  to: Date;
}

/** `cluster_id IN (…)` for the optional cluster filter (all clusters when unset). */
export function clusterClause(cluster: string | undefined, alias = ''): Prisma.Sql {
  return cluster === undefined
    ? Prisma.sql`TRUE`
    : Prisma.sql`${Prisma.raw(alias)}cluster_id IN (SELECT id FROM "cluster" WHERE name = ${cluster})`;
}

/**
 * The filter on the daily tables (workload_day, node_day): the cluster, and the UTC days whose
 * start lies in [from, to). The overview works in whole days.
 */
export function dayWindow(filters: CostFilters, alias = ''): Prisma.Sql {
  return Prisma.sql`${clusterClause(filters.cluster, alias)} AND ${Prisma.raw(alias)}day_start >= ${filters.from} AND ${Prisma.raw(alias)}day_start < ${filters.to}`;
}
