import type { Database } from '../db/client';
import { dayWindow, type CostFilters } from './filters';

export interface WorkloadCost {
  cluster: string;
  namespace: string;
  controllerKind: string;
  controllerName: string;
  team: string;
  costUsd: number;
  /** usage / request over the window, null without requests or usage. */
  cpuEfficiency: number | null;
  memoryEfficiency: number | null;
  /** Cost-weighted mean of CPU and memory efficiency. */
  totalEfficiency: number | null;
}

/** The `limit` workloads (top controllers) that cost most over [from, to). */
export async function getTopWorkloads(db: Database, filters: CostFilters, limit = 10): Promise<WorkloadCost[]> {
  const where = dayWindow(filters, 'h.');
  const rows = await db.prisma.$queryRaw<
    { cluster: string; namespace: string; kind: string; name: string; team: string; cost: number; cpu_cost: number; ram_cost: number; cpu_eff: number | null; ram_eff: number | null }[]
  >`
    SELECT c.name AS cluster, h.namespace, h.controller_kind AS kind, h.controller_name AS name, min(h.team) AS team,
           sum(h.total_cost_usd)::float8 AS cost, sum(h.cpu_cost_usd)::float8 AS cpu_cost, sum(h.ram_cost_usd)::float8 AS ram_cost,
           (sum(h.cpu_usage_millicore_seconds) / NULLIF(sum(h.cpu_request_millicore_seconds), 0))::float8 AS cpu_eff,
           (sum(h.memory_usage_byte_seconds) / NULLIF(sum(h.memory_request_byte_seconds), 0))::float8 AS ram_eff
      FROM "workload_day" h JOIN "cluster" c ON c.id = h.cluster_id
     WHERE ${where}
     GROUP BY 1, 2, 3, 4
     ORDER BY cost DESC, 1, 2, 4
     LIMIT ${limit}`;
  return rows.map((r) => {
    const weights = (r.cpu_eff === null ? 0 : r.cpu_cost) + (r.ram_eff === null ? 0 : r.ram_cost);
    const total = weights > 0 ? ((r.cpu_eff ?? 0) * (r.cpu_eff === null ? 0 : r.cpu_cost) + (r.ram_eff ?? 0) * (r.ram_eff === null ? 0 : r.ram_cost)) / weights : null;
    return {
      cluster: r.cluster, namespace: r.namespace, controllerKind: r.kind, controllerName: r.name, team: r.team,
      costUsd: r.cost, cpuEfficiency: r.cpu_eff, memoryEfficiency: r.ram_eff, totalEfficiency: total,
    };
  });
}
