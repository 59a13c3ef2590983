import { Prisma } from '../db/generated/client';
import type { Database } from '../db/client';
import type { InventoryNode, InventoryPod } from '../capacity/pool-summary';
import type { SchedulingConstraints, Taint } from '../capacity/scheduling';
import { attributeTeam, DEFAULT_ATTRIBUTION, type AttributionConfig } from '../cost/attribution';

export interface PoolInventoryOptions {
  /** One cluster, or every cluster when undefined. */
  cluster?: string;
  /** Usage averages over [from, to) from container_hour. */
  from: Date;
  to: Date;
  attribution?: AttributionConfig;
}

interface NodeRow extends Omit<InventoryNode, 'taints' | 'labels'> { labels: Record<string, string>; taints: Taint[] }
interface PodRow {
  cluster: string; uid: string; namespace: string; name: string; nodeName: string; ownerKind: string; controllerKind: string; controllerName: string;
  labels: Record<string, string>; namespaceLabels: Record<string, string> | null; scheduling: SchedulingConstraints | null;
  containers: { name: string; isInit: boolean; cpuRequestMillicores: number | null; memoryRequestBytes: number | null; gpuRequest: number }[];
  cpuUsageMillicores: number | null; memoryUsageBytes: number | null;
}

const clusterSql = (cluster: string | undefined) => (cluster === undefined ? Prisma.sql`TRUE` : Prisma.sql`c.name = ${cluster}`);

/**
 * The nodes and running pods of the latest scrape of each cluster (or one), for the node-pool
 * planner: per node its pool, type, capacity type, labels, taints, allocatable, max pods and
 * price (cost ÷ running hours of its latest node_hour); per pod its containers' requests, its
 * constraints, whether it is a DaemonSet or mirror pod, its team, and its average usage over
 * [from, to). Plain numbers out.
 */
export async function getPoolInventory(db: Database, options: PoolInventoryOptions): Promise<{ nodes: InventoryNode[]; pods: InventoryPod[] }> {
  const nodes = await db.prisma.$queryRaw<NodeRow[]>`
    SELECT c.name AS cluster, n.name, coalesce(n.node_pool, '(none)') AS pool, n.instance_type AS "instanceType", n.capacity_type AS "capacityType",
           n.provider, n.region, n.labels, n.taints, n.cpu_allocatable_millicores AS "cpuAllocatableMillicores",
           n.memory_allocatable_bytes::float8 AS "memoryAllocatableBytes", n.gpu_allocatable AS "gpuAllocatable", n.max_pods AS "maxPods",
           coalesce((SELECT (h.cost_usd / nullif(h.running_seconds / 3600.0, 0))::float8 FROM "node_hour" h
                      WHERE h.cluster_id = n.cluster_id AND h.node_uid = n.uid ORDER BY h.hour_start DESC LIMIT 1), 0) AS "usdPerHour"
      FROM "node" n JOIN "cluster" c ON c.id = n.cluster_id
     WHERE ${clusterSql(options.cluster)} AND n.last_seen_at = c.last_collected_at
     ORDER BY 1, 2`;
  const pods = await db.prisma.$queryRaw<PodRow[]>`
    SELECT c.name AS cluster, p.uid, p.namespace, p.name, p.node_name AS "nodeName", p.owner_kind AS "ownerKind",
           p.controller_kind AS "controllerKind", p.controller_name AS "controllerName", p.labels, ns.labels AS "namespaceLabels", p.scheduling,
           (SELECT jsonb_agg(jsonb_build_object('name', k.name, 'isInit', k.is_init, 'cpuRequestMillicores', k.cpu_request_millicores,
                   'memoryRequestBytes', k.memory_request_bytes, 'gpuRequest', k.gpu_request) ORDER BY k.is_init DESC, k.name)
              FROM "container" k WHERE k.cluster_id = p.cluster_id AND k.pod_uid = p.uid) AS containers,
           u.cpu AS "cpuUsageMillicores", u.memory AS "memoryUsageBytes"
      FROM "pod" p JOIN "cluster" c ON c.id = p.cluster_id
      LEFT JOIN "namespace" ns ON ns.cluster_id = p.cluster_id AND ns.name = p.namespace
      LEFT JOIN LATERAL (
        SELECT sum(a.cpu)::float8 AS cpu, sum(a.memory)::float8 AS memory FROM (
          SELECT avg(h.cpu_usage_avg_millicores) AS cpu, avg(h.memory_usage_avg_bytes) AS memory FROM "container_hour" h
           WHERE h.cluster_id = p.cluster_id AND h.pod_uid = p.uid AND h.hour_start >= ${options.from} AND h.hour_start < ${options.to}
           GROUP BY h.container) a) u ON TRUE
     WHERE ${clusterSql(options.cluster)} AND p.last_seen_at = c.last_collected_at AND p.phase = 'Running' AND p.node_name IS NOT NULL
     ORDER BY 1, 3, 4`;
  const attribution = options.attribution ?? DEFAULT_ATTRIBUTION;
  return {
    nodes: nodes.map((n) => ({ ...n, labels: n.labels ?? {}, taints: n.taints ?? [] })),
    pods: pods.map((p) => ({
      cluster: p.cluster, namespace: p.namespace, name: p.name, nodeName: p.nodeName, controllerKind: p.controllerKind, controllerName: p.controllerName,
      team: attributeTeam(p.labels ?? {}, p.namespace, p.namespaceLabels ?? {}, attribution).team,
      labels: p.labels ?? {}, isDaemonSet: p.controllerKind === 'DaemonSet', isMirror: p.ownerKind === 'Node',
      containers: (p.containers ?? []).map((k) => ({ ...k, memoryRequestBytes: k.memoryRequestBytes === null ? null : Number(k.memoryRequestBytes) })),
      constraints: p.scheduling, cpuUsageMillicores: p.cpuUsageMillicores, memoryUsageBytes: p.memoryUsageBytes,
    })),
  };
}
