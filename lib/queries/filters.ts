import { Prisma } from '../db/generated/client';

const DAY_MS = 86_400_000;

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
 * Splits [from, to) into the whole UTC days it contains, [dayFrom, dayTo), and the hours at
 * either edge, [from, dayFrom) and [dayTo, to). Without a whole day, dayFrom = dayTo = to and
 * the edges are the whole window. Example: [Nov 1 22:00, Nov 4 05:00) → days [Nov 2, Nov 4),
 * edges [Nov 1 22:00, Nov 2) and [Nov 4, Nov 4 05:00).
 */
export function splitWindow(from: Date, to: Date): { dayFrom: Date; dayTo: Date } {
  const dayFrom = Math.ceil(from.getTime() / DAY_MS) * DAY_MS;
  const dayTo = Math.floor(to.getTime() / DAY_MS) * DAY_MS;
  return dayFrom < dayTo ? { dayFrom: new Date(dayFrom), dayTo: new Date(dayTo) } : { dayFrom: to, dayTo: to };
}

/**
 * The window's two sources, so a read is exact for any [from, to) and fast for long windows:
 * `days` filters the daily rollups (workload_day, node_day) to the whole UTC days, `hours`
 * filters the hourly rollups (container_hour, node_hour) to the edge hours. The daily rows
 * are sums of the hourly ones (lib/ingest/rollup-days, refreshed by every rollup), so
 * Σ days + Σ edges = Σ hourly rows with hour_start in [from, to).
 */
export function windowClauses(filters: CostFilters, alias = ''): { days: Prisma.Sql; hours: Prisma.Sql } {
  const { dayFrom, dayTo } = splitWindow(filters.from, filters.to);
  const a = Prisma.raw(alias);
  const cluster = clusterClause(filters.cluster, alias);
  return {
    days: Prisma.sql`${cluster} AND ${a}day_start >= ${dayFrom} AND ${a}day_start < ${dayTo}`,
    hours: Prisma.sql`${cluster} AND ((${a}hour_start >= ${filters.from} AND ${a}hour_start < ${dayFrom})
      OR (${a}hour_start >= ${dayTo} AND ${a}hour_start < ${filters.to}))`,
  };
}
