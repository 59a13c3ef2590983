import type { SqlSession } from '../db/session';

/**
 * Recomputes the daily rows of one cluster's UTC day [dayStart, dayStart + 1 day) from its
 * hourly rows: replaced whole, so it is idempotent like the hourly rollup.
 */
export async function rollupDay(s: SqlSession, clusterId: number, dayStart: Date): Promise<number> {
  const dayEnd = new Date(dayStart.getTime() + 86_400_000);
  const params = [clusterId, dayStart, dayEnd];
  await s.run('DELETE FROM "workload_day" WHERE cluster_id = $1 AND day_start = $2', params.slice(0, 2));
  await s.run('DELETE FROM "node_day" WHERE cluster_id = $1 AND day_start = $2', params.slice(0, 2));
  const workloads = await s.run(
    `INSERT INTO "workload_day" (cluster_id, day_start, namespace, controller_kind, controller_name, team, cpu_cost_usd, ram_cost_usd,
       gpu_cost_usd, total_cost_usd, cpu_usage_millicore_seconds, cpu_request_millicore_seconds, memory_usage_byte_seconds, memory_request_byte_seconds)
     SELECT $1, $2, namespace, controller_kind, controller_name, team, sum(cpu_cost_usd), sum(ram_cost_usd), sum(gpu_cost_usd), sum(total_cost_usd),
            sum(cpu_usage_avg_millicores * running_seconds), sum(cpu_request_avg_millicores * running_seconds),
            sum(memory_usage_avg_bytes * running_seconds), sum(memory_request_avg_bytes * running_seconds)
       FROM "container_hour" WHERE cluster_id = $1 AND hour_start >= $2 AND hour_start < $3
      GROUP BY namespace, controller_kind, controller_name, team`,
    params,
  );
  const nodes = await s.run(
    `INSERT INTO "node_day" (cluster_id, day_start, node_uid, node_name, node_pool, cost_usd, idle_usd)
     SELECT $1, $2, node_uid, min(node_name), min(node_pool), sum(cost_usd), sum(cpu_idle_usd + ram_idle_usd + gpu_idle_usd)
       FROM "node_hour" WHERE cluster_id = $1 AND hour_start >= $2 AND hour_start < $3
      GROUP BY node_uid`,
    params,
  );
  return workloads + nodes;
}
