import type { Database } from '../db/client';
import { clusterClause, type CostFilters } from './filters';

export interface NodePoolCost {
  cluster: string;
  nodePool: string;
  capacityType: string;
  /** Where the price came from (catalog, price sheet, rate card, default rates, …). */
  priceSource: string;
  instanceTypes: string[];
  nodes: number;
  nodeHours: number;
  costUsd: number;
  idleUsd: number;
  /** Node-hours whose containers were allocated more than the node has (usage above capacity): idle clamped at 0. */
  clampedNodeHours: number;
  /** Container-hours whose node had no sample in their hour (priced at the default rates); 0 except on the UNSAMPLED_POOL line. */
  unsampledContainerHours: number;
}

/** The line holding containers whose node had no sample in their hour: no node cost, their own cost at the default rates. */
export const UNSAMPLED_POOL = '(no node sample)';

/**
 * Node pools over [from, to) with the price source of their node-hours, most expensive first,
 * plus one UNSAMPLED_POOL line per cluster when some containers ran on nodes with no sample.
 */
export async function getNodePools(db: Database, filters: CostFilters): Promise<NodePoolCost[]> {
  return db.prisma.$queryRaw<NodePoolCost[]>`
    SELECT * FROM (
    SELECT c.name AS cluster, coalesce(h.node_pool, '(none)') AS "nodePool", h.capacity_type AS "capacityType", h.price_source AS "priceSource",
           array_agg(DISTINCT coalesce(h.instance_type, '(unknown)')) AS "instanceTypes", count(DISTINCT h.node_uid)::int AS nodes,
           (sum(h.running_seconds) / 3600.0)::float8 AS "nodeHours", sum(h.cost_usd)::float8 AS "costUsd",
           sum(h.cpu_idle_usd + h.ram_idle_usd + h.gpu_idle_usd)::float8 AS "idleUsd",
           count(*) FILTER (WHERE h.idle_clamped)::int AS "clampedNodeHours", 0 AS "unsampledContainerHours"
      FROM "node_hour" h JOIN "cluster" c ON c.id = h.cluster_id
     WHERE ${clusterClause(filters.cluster, 'h.')} AND h.hour_start >= ${filters.from} AND h.hour_start < ${filters.to}
     GROUP BY c.name, h.node_pool, h.capacity_type, h.price_source
    UNION ALL
    SELECT c.name, ${UNSAMPLED_POOL}, '', 'default-rates', ARRAY[]::text[], 0, 0::float8,
           sum(h.cpu_cost_usd + h.ram_cost_usd + h.gpu_cost_usd)::float8, 0::float8, 0, count(*)::int
      FROM "container_hour" h JOIN "cluster" c ON c.id = h.cluster_id
     WHERE ${clusterClause(filters.cluster, 'h.')} AND h.hour_start >= ${filters.from} AND h.hour_start < ${filters.to} AND h.node_unsampled
     GROUP BY c.name) pools
     ORDER BY "costUsd" DESC, 1, 2`;
}
