import type { Database } from '../db/client';

export interface PoolUtilizationDay {
  cluster: string;
  pool: string;
  /** UTC midnight, epoch ms. */
  dayStartMs: number;
  /** Mean nodes in the day: Σ node running seconds ÷ 86,400. */
  nodes: number;
  /** Σ container requests (or usage) ÷ Σ node capacity over the day, 0..1+ (core- and byte-seconds). */
  cpuRequestUtilization: number;
  memoryRequestUtilization: number;
  cpuUsageUtilization: number;
  memoryUsageUtilization: number;
}

/**
 * Request and usage utilisation per node pool and UTC day over [from, to) (whole days), from the
 * stored rollups: capacity = Σ node_hour cores (bytes) × running seconds of the pool's nodes;
 * requests and usage = Σ container_day core- (byte-) seconds of the containers that ran on
 * them (the node's pool that day, node_day). Capacity is the node's, DaemonSets included, so
 * these are the pool's utilisation over time as the node-pool plan counts it today. One read.
 */
export async function getPoolUtilizationDaily(db: Database, q: { cluster?: string; from: Date; to: Date }): Promise<PoolUtilizationDay[]> {
  const params: unknown[] = [q.from, q.to];
  let cluster = 'TRUE';
  if (q.cluster !== undefined) {
    params.push(q.cluster);
    cluster = 'c.name = $3';
  }
  const rows = await db.session((s) => s.query<{ cluster: string; pool: string; day_ms: number; nodes: number; cpu_req: number; mem_req: number; cpu_use: number; mem_use: number }>(
    `WITH capacity AS (
       SELECT h.cluster_id, date_trunc('day', h.hour_start, 'UTC') AS day_start, coalesce(h.node_pool, '(none)') AS pool,
              sum(h.running_seconds)::float8 AS node_seconds, sum(h.cpu_cores * h.running_seconds)::float8 AS core_seconds,
              sum(h.memory_bytes::float8 * h.running_seconds)::float8 AS byte_seconds
         FROM node_hour h WHERE h.hour_start >= $1 AND h.hour_start < $2
        GROUP BY 1, 2, 3
     ), used AS (
       SELECT d.cluster_id, d.day_start, coalesce(n.node_pool, '(none)') AS pool,
              sum(d.cpu_request_core_seconds)::float8 AS cpu_req, sum(d.ram_request_byte_seconds)::float8 AS mem_req,
              sum(d.cpu_usage_core_seconds)::float8 AS cpu_use, sum(d.ram_usage_byte_seconds)::float8 AS mem_use
         FROM container_day d
         JOIN (SELECT DISTINCT cluster_id, day_start, node_name, node_pool FROM node_day WHERE day_start >= $1 AND day_start < $2) n
           ON n.cluster_id = d.cluster_id AND n.day_start = d.day_start AND n.node_name = d.node_name
        WHERE d.day_start >= $1 AND d.day_start < $2
        GROUP BY 1, 2, 3
     )
     SELECT c.name AS cluster, k.pool, (extract(epoch FROM k.day_start) * 1000)::float8 AS day_ms, k.node_seconds / 86400 AS nodes,
            coalesce(u.cpu_req, 0) / nullif(k.core_seconds, 0) AS cpu_req, coalesce(u.mem_req, 0) / nullif(k.byte_seconds, 0) AS mem_req,
            coalesce(u.cpu_use, 0) / nullif(k.core_seconds, 0) AS cpu_use, coalesce(u.mem_use, 0) / nullif(k.byte_seconds, 0) AS mem_use
       FROM capacity k JOIN cluster c ON c.id = k.cluster_id
       LEFT JOIN used u ON u.cluster_id = k.cluster_id AND u.day_start = k.day_start AND u.pool = k.pool
      WHERE ${cluster}
      ORDER BY c.name, k.pool, k.day_start`,
    params,
  ));
  return rows.map((r) => ({
    cluster: r.cluster, pool: r.pool, dayStartMs: Number(r.day_ms), nodes: Number(r.nodes),
    cpuRequestUtilization: Number(r.cpu_req ?? 0), memoryRequestUtilization: Number(r.mem_req ?? 0),
    cpuUsageUtilization: Number(r.cpu_use ?? 0), memoryUsageUtilization: Number(r.mem_use ?? 0),
  }));
}
