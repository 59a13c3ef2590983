import { Prisma } from '../db/generated/client';

/** What every overview read is filtered by: an optional cluster and a half-open UTC window. */
export interface CostFilters {
  cluster?: string;
  from: Date;
  to: Date;
}

/** `cluster_id IN (…)` for the optional cluster filter (all clusters when unset). */
export function clusterClause(cluster: string | undefined): Prisma.Sql {
  return cluster === undefined
    ? Prisma.sql`TRUE`
    : Prisma.sql`cluster_id IN (SELECT id FROM "cluster" WHERE name = ${cluster})`;
}
