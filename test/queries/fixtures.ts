import type { SqlSession } from '../../lib/db/session';
import { rollupDay } from '../../lib/ingest/rollup-days';

const DAY_MS = 86_400_000;

/** One container_hour row; costs as decimal strings so the database sums them exactly. */
export interface ContainerHourFixture {
  cluster: number;
  hour: string;
  uid: string;
  namespace: string;
  kind?: string;
  controller: string;
  team: string;
  cpuUsd: string;
  ramUsd: string;
  runningSeconds?: number;
  cpuRequest: number | null;
  cpuUsage: number | null;
  memoryRequest: number | null;
  memoryUsage: number | null;
}

export interface NodeHourFixture {
  cluster: number;
  hour: string;
  node?: string;
  costUsd: string;
  cpuIdleUsd: string;
  ramIdleUsd: string;
  gpuIdleUsd?: string;
}

/** total_cost_usd = cpu + ram, as the rollup writes it (summed in numeric, so exact). */
export const totalOf = (row: ContainerHourFixture): number => Number(row.cpuUsd) + Number(row.ramUsd);

export async function insertClusters(s: SqlSession, clusters: { id: number; name: string; lastCollectedAt?: string }[]): Promise<void> {
  for (const c of clusters) {
    await s.run('INSERT INTO cluster (id, name, last_collected_at) VALUES ($1, $2, $3)', [c.id, c.name, c.lastCollectedAt ?? null]);
  }
}

/** Inserts hourly rows, then the daily rows of every day they touch, as the rollup does. */
export async function insertHours(s: SqlSession, containers: ContainerHourFixture[], nodes: NodeHourFixture[]): Promise<void> {
  for (const r of containers) {
    await s.run(
      `INSERT INTO container_hour (cluster_id, hour_start, pod_uid, container, namespace, pod, node_name, controller_kind, controller_name, team,
         running_seconds, cpu_request_avg_millicores, cpu_usage_avg_millicores, cpu_allocated_avg_millicores, memory_request_avg_bytes,
         memory_usage_avg_bytes, memory_allocated_avg_bytes, cpu_core_hours, ram_byte_hours, gpu_hours, cpu_cost_usd, ram_cost_usd, gpu_cost_usd,
         total_cost_usd)
       VALUES ($1, $2, $3, 'app', $4, $3, 'n1', $5, $6, $7, $8, $9, $10, 0, $11, $12, 0, 0, 0, 0, $13::numeric, $14::numeric, 0,
         $13::numeric + $14::numeric)`,
      [r.cluster, r.hour, r.uid, r.namespace, r.kind ?? 'Deployment', r.controller, r.team, r.runningSeconds ?? 3600,
        r.cpuRequest, r.cpuUsage, r.memoryRequest, r.memoryUsage, r.cpuUsd, r.ramUsd],
    );
  }
  for (const n of nodes) {
    await s.run(
      `INSERT INTO node_hour (cluster_id, hour_start, node_uid, node_name, capacity_type, price_source, running_seconds, cpu_cores, memory_bytes,
         gpus, usd_per_hour, usd_per_core_hour, usd_per_gib_hour, usd_per_gpu_hour, cost_usd, cpu_idle_usd, ram_idle_usd, gpu_idle_usd, idle_clamped)
       VALUES ($1, $2, $3, $3, 'on-demand', 'catalog', 3600, 4, 17179869184, 0, $4, 0, 0, 0, $4, $5, $6, $7, false)`,
      [n.cluster, n.hour, n.node ?? 'n1', n.costUsd, n.cpuIdleUsd, n.ramIdleUsd, n.gpuIdleUsd ?? '0'],
    );
  }
  const days = new Set<string>();
  for (const r of [...containers, ...nodes]) days.add(`${r.cluster}|${Math.floor(Date.parse(r.hour) / DAY_MS) * DAY_MS}`);
  for (const key of days) {
    const [cluster, day] = key.split('|');
    await rollupDay(s, Number(cluster), new Date(Number(day)));
  }
}
