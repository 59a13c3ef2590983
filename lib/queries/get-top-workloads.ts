import type { Database } from '../db/client';
import { Prisma } from '../db/generated/client';
import { windowClauses, type CostFilters } from './filters';

export interface WorkloadCost {
  cluster: string;
  namespace: string;
  controllerKind: string;
  controllerName: string;
  /** The team that carries most of the workload's cost (pods may be labelled apart). */
  team: string;
  costUsd: number;
  /** Σ usage avg × running / Σ request avg × running; null without requests. */
  cpuEfficiency: number | null;
  memoryEfficiency: number | null;
  /** CPU and memory efficiency weighted by their costs; null when neither is known. */
  totalEfficiency: number | null;
}

interface Row {
  cluster: string;
  namespace: string;
  kind: string;
  name: string;
  team: string;
  cost: number;
  cpu_cost: number;
  ram_cost: number;
  cpu_eff: number | null;
  ram_eff: number | null;
}

/** The `limit` workloads (top controllers; of one `team` when given) that cost most over [from, to): largest first, ties by cluster, namespace, kind, name. */
export async function getTopWorkloads(db: Database, filters: CostFilters, limit = 10, team?: string): Promise<WorkloadCost[]> {
  const where = windowClauses(filters);
  const ofTeam = team === undefined ? Prisma.sql`TRUE` : Prisma.sql`team = ${team}`;
  const rows = await db.prisma.$queryRaw<Row[]>`
    WITH per_team AS (
      SELECT cluster_id, namespace, controller_kind, controller_name, team, sum(total) AS total, sum(cpu) AS cpu, sum(ram) AS ram,
             sum(cpu_use) AS cpu_use, sum(cpu_req) AS cpu_req, sum(ram_use) AS ram_use, sum(ram_req) AS ram_req
        FROM (
          SELECT cluster_id, namespace, controller_kind, controller_name, team, total_cost_usd AS total, cpu_cost_usd AS cpu, ram_cost_usd AS ram,
                 cpu_usage_millicore_seconds AS cpu_use, cpu_request_millicore_seconds AS cpu_req,
                 memory_usage_byte_seconds AS ram_use, memory_request_byte_seconds AS ram_req
            FROM "workload_day" WHERE ${where.days} AND ${ofTeam}
          UNION ALL
          SELECT cluster_id, namespace, controller_kind, controller_name, team, total_cost_usd, cpu_cost_usd, ram_cost_usd,
                 cpu_usage_avg_millicores * running_seconds, cpu_request_avg_millicores * running_seconds,
                 memory_usage_avg_bytes * running_seconds, memory_request_avg_bytes * running_seconds
            FROM "container_hour" WHERE ${where.hours} AND ${ofTeam}
        ) u
       GROUP BY 1, 2, 3, 4, 5
    )
    SELECT c.name AS cluster, w.namespace, w.controller_kind AS kind, w.controller_name AS name,
           (array_agg(w.team ORDER BY w.total DESC, w.team))[1] AS team,
           sum(w.total)::float8 AS cost, sum(w.cpu)::float8 AS cpu_cost, sum(w.ram)::float8 AS ram_cost,
           (sum(w.cpu_use) / NULLIF(sum(w.cpu_req), 0))::float8 AS cpu_eff,
           (sum(w.ram_use) / NULLIF(sum(w.ram_req), 0))::float8 AS ram_eff
      FROM per_team w JOIN "cluster" c ON c.id = w.cluster_id
     GROUP BY 1, 2, 3, 4
     ORDER BY cost DESC, 1, 2, 3, 4
     LIMIT ${limit}`;
  return rows.map((r) => ({
    cluster: r.cluster,
    namespace: r.namespace,
    controllerKind: r.kind,
    controllerName: r.name,
    team: r.team,
    costUsd: r.cost,
    cpuEfficiency: r.cpu_eff,
    memoryEfficiency: r.ram_eff,
    totalEfficiency: costWeighted([
      [r.cpu_eff, r.cpu_cost],
      [r.ram_eff, r.ram_cost],
    ]),
  }));
}

/** Σ efficiency × cost / Σ cost over the resources whose efficiency is known; null if none. */
function costWeighted(parts: [number | null, number][]): number | null {
  const known = parts.filter((p): p is [number, number] => p[0] !== null && p[1] > 0);
  const weight = known.reduce((sum, [, cost]) => sum + cost, 0);
  return weight > 0 ? known.reduce((sum, [eff, cost]) => sum + eff * cost, 0) / weight : null;
}
