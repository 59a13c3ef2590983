import { VPA_DEFAULTS } from '../capacity/vpa';
import type { SqlSession } from '../db/session';

/**
 * Recomputes the daily rows of one cluster's UTC day [dayStart, dayStart + 1 day) from its
 * hourly rows: replaced whole, so it is idempotent like the hourly rollup.
 */
// Float sums take their rows in a fixed order, so re-rolling a day gives identical rows to the last bit.
const ORDERED = 'ORDER BY hour_start, pod_uid, container';

export async function rollupDay(s: SqlSession, clusterId: number, dayStart: Date): Promise<number> {
  const dayEnd = new Date(dayStart.getTime() + 86_400_000);
  const params: [number, Date, Date] = [clusterId, dayStart, dayEnd];
  await s.run('DELETE FROM "workload_day" WHERE cluster_id = $1 AND day_start = $2', params.slice(0, 2));
  await s.run('DELETE FROM "node_day" WHERE cluster_id = $1 AND day_start = $2', params.slice(0, 2));
  await s.run('DELETE FROM "container_day" WHERE cluster_id = $1 AND day_start = $2', params.slice(0, 2));
  await s.run('DELETE FROM "workload_container_day" WHERE cluster_id = $1 AND day_start = $2', params.slice(0, 2));
  const workloads = await s.run(
    `INSERT INTO "workload_day" (cluster_id, day_start, namespace, controller_kind, controller_name, team, cpu_cost_usd, ram_cost_usd,
       gpu_cost_usd, total_cost_usd, cpu_usage_millicore_seconds, cpu_request_millicore_seconds, memory_usage_byte_seconds, memory_request_byte_seconds,
       running_seconds, cpu_core_hours, ram_byte_hours, gpu_hours, pv_byte_hours, pv_cost_usd, first_hour_start, last_hour_start,
       cpu_idle_share_usd, ram_idle_share_usd, gpu_idle_share_usd, shared)
     SELECT $1, $2, namespace, controller_kind, controller_name, team, sum(cpu_cost_usd), sum(ram_cost_usd), sum(gpu_cost_usd), sum(total_cost_usd),
            sum(cpu_usage_avg_millicores * running_seconds ${ORDERED}), sum(cpu_request_avg_millicores * running_seconds ${ORDERED}),
            sum(memory_usage_avg_bytes * running_seconds ${ORDERED}), sum(memory_request_avg_bytes * running_seconds ${ORDERED}),
            sum(running_seconds), sum(cpu_core_hours ${ORDERED}), sum(ram_byte_hours ${ORDERED}), sum(gpu_hours ${ORDERED}),
            sum(pv_byte_hours ${ORDERED}), sum(pv_cost_usd),
            min(hour_start), max(hour_start), sum(cpu_idle_share_usd), sum(ram_idle_share_usd), sum(gpu_idle_share_usd), bool_or(shared)
       FROM "container_hour" WHERE cluster_id = $1 AND hour_start >= $2 AND hour_start < $3
      GROUP BY namespace, controller_kind, controller_name, team`,
    params,
  );
  const nodes = await s.run(
    `INSERT INTO "node_day" (cluster_id, day_start, node_uid, node_name, node_pool, cost_usd, idle_usd, cpu_idle_usd, ram_idle_usd, gpu_idle_usd,
       cpu_idle_unshared_usd, ram_idle_unshared_usd, gpu_idle_unshared_usd)
     SELECT $1, $2, node_uid, min(node_name), min(node_pool), sum(cost_usd), sum(cpu_idle_usd + ram_idle_usd + gpu_idle_usd),
            sum(cpu_idle_usd), sum(ram_idle_usd), sum(gpu_idle_usd), sum(cpu_idle_unshared_usd), sum(ram_idle_unshared_usd), sum(gpu_idle_unshared_usd)
       FROM "node_hour" WHERE cluster_id = $1 AND hour_start >= $2 AND hour_start < $3
      GROUP BY node_uid`,
    params,
  );
  // Per container (pods never move nodes; a team relabelled mid-day keeps the day's first name;
// shared in any hour of the day: shared for the day, like workload_day).
  const containers = await s.run(
    `INSERT INTO "container_day" (cluster_id, day_start, pod_uid, container, namespace, pod, node_name, controller_kind, controller_name,
       team, first_hour_start, last_hour_start, running_seconds, cpu_core_hours, ram_byte_hours, gpu_hours, cpu_request_core_seconds,
       cpu_usage_core_seconds, ram_request_byte_seconds, ram_usage_byte_seconds, cpu_cost_usd, ram_cost_usd, gpu_cost_usd, pv_byte_hours, pv_cost_usd,
       cpu_idle_share_usd, ram_idle_share_usd, gpu_idle_share_usd, shared, cpu_usage_samples, cpu_usage_max_millicores, memory_usage_max_bytes)
     SELECT $1, $2, pod_uid, container, min(namespace), min(pod), min(node_name), min(controller_kind), min(controller_name),
            min(team), min(hour_start), max(hour_start), sum(running_seconds),
            sum(cpu_core_hours ${ORDERED}), sum(ram_byte_hours ${ORDERED}), sum(gpu_hours ${ORDERED}),
            coalesce(sum(cpu_request_avg_millicores * running_seconds ${ORDERED}) / 1000, 0), coalesce(sum(cpu_usage_avg_millicores * running_seconds ${ORDERED}) / 1000, 0),
            coalesce(sum(memory_request_avg_bytes * running_seconds ${ORDERED}), 0), coalesce(sum(memory_usage_avg_bytes * running_seconds ${ORDERED}), 0),
            sum(cpu_cost_usd), sum(ram_cost_usd), sum(gpu_cost_usd), sum(pv_byte_hours ${ORDERED}), sum(pv_cost_usd),
            sum(cpu_idle_share_usd), sum(ram_idle_share_usd), sum(gpu_idle_share_usd), bool_or(shared),
            coalesce(sum(cpu_usage_samples), 0), max(cpu_usage_max_millicores), max(memory_usage_max_bytes)
       FROM "container_hour" WHERE cluster_id = $1 AND hour_start >= $2 AND hour_start < $3
      GROUP BY pod_uid, container`,
    params,
  );
  // The day's CPU histogram: the hours' [bucket, count, …] pairs summed per bucket, flattened in bucket order.
  await s.run(
    `UPDATE "container_day" d SET cpu_usage_histogram = m.histogram
       FROM (SELECT pod_uid, container, array_agg(e.v ORDER BY b, e.k) AS histogram
               FROM (SELECT h.pod_uid, h.container, h.cpu_usage_histogram[2 * i - 1] AS b, sum(h.cpu_usage_histogram[2 * i])::int AS c
                       FROM "container_hour" h
                      CROSS JOIN LATERAL generate_series(1, coalesce(array_length(h.cpu_usage_histogram, 1), 0) / 2) AS i
                      WHERE h.cluster_id = $1 AND h.hour_start >= $2 AND h.hour_start < $3
                      GROUP BY 1, 2, 3) AS pairs
              CROSS JOIN LATERAL (VALUES (1, pairs.b), (2, pairs.c)) AS e(k, v)
              GROUP BY pod_uid, container) AS m
      WHERE d.cluster_id = $1 AND d.day_start = $2 AND d.pod_uid = m.pod_uid AND d.container = m.container`,
    params,
  );
  await rollupWorkloadContainerDay(s, params);
  return workloads + nodes + containers;
}

const KEY = 'namespace, controller_kind, controller_name, container';

/**
 * The VPA's day rows (lib/capacity/usage-periods mergePeriodsByDay, in SQL): per workload container,
 * the hours' CPU buckets summed with weight 2^((hour − day) ÷ 24 h), the samples and the first and
 * last sampled hour, and the pods' daily memory peaks (the i-th largest of each hour, maximised).
 */
async function rollupWorkloadContainerDay(s: SqlSession, params: [number, Date, Date]): Promise<void> {
  const hours = 'FROM "workload_container_hour" h WHERE h.cluster_id = $1 AND h.hour_start >= $2 AND h.hour_start < $3';
  await s.run(
    `INSERT INTO "workload_container_day" (cluster_id, day_start, ${KEY}, cpu_decayed_histogram, cpu_usage_samples, first_sample_hour,
       last_sample_hour, memory_peaks_bytes)
     SELECT $1, $2, k.namespace, k.controller_kind, k.controller_name, k.container, coalesce(c.histogram, ARRAY[]::float8[]), k.samples,
            k.first_hour, k.last_hour, coalesce(m.peaks, ARRAY[]::int8[])
       FROM (SELECT ${KEY}, sum(h.cpu_usage_samples)::int AS samples, min(h.hour_start) FILTER (WHERE h.cpu_usage_samples > 0) AS first_hour,
                    max(h.hour_start) FILTER (WHERE h.cpu_usage_samples > 0) AS last_hour
               ${hours} GROUP BY ${KEY}) k
       LEFT JOIN (SELECT ${KEY}, array_agg(e.v ORDER BY pairs.b, e.k) AS histogram
                    FROM (SELECT ${KEY}, h.cpu_usage_histogram[2 * i - 1] AS b,
                                 sum(h.cpu_usage_histogram[2 * i] * power(2::float8, extract(epoch FROM h.hour_start - $2)::float8 * 1000 / $4::float8) ORDER BY h.hour_start) AS w
                            ${hours.replace('WHERE', 'CROSS JOIN LATERAL generate_series(1, coalesce(array_length(h.cpu_usage_histogram, 1), 0) / 2) AS i WHERE')}
                           GROUP BY ${KEY}, 5) AS pairs
                   CROSS JOIN LATERAL (VALUES (1, pairs.b::float8), (2, pairs.w)) AS e(k, v)
                   GROUP BY ${KEY}) c USING (${KEY})
       LEFT JOIN (SELECT ${KEY}, array_agg(peak ORDER BY rank) AS peaks
                    FROM (SELECT ${KEY}, rank, max(peak) AS peak
                            FROM (SELECT ${KEY}, p.peak, row_number() OVER (PARTITION BY ${KEY}, h.hour_start ORDER BY p.peak DESC) AS rank
                                    ${hours.replace('WHERE', 'CROSS JOIN LATERAL unnest(h.memory_peaks_bytes) AS p(peak) WHERE')}) AS ranked
                           GROUP BY ${KEY}, rank) AS g
                   GROUP BY ${KEY}) m USING (${KEY})`,
    [...params, VPA_DEFAULTS.halfLifeMs],
  );
}
