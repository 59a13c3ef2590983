import { Prisma } from '../db/generated/client';
import type { Database } from '../db/client';

export interface HpaTarget {
  cpu: boolean;
  memory: boolean;
}

/** Key of a scale target in getHpaTargets' map. */
export function hpaTargetKey(cluster: string, namespace: string, kind: string, name: string): string {
  return `${cluster}|${namespace}|${kind}|${name}`;
}

/**
 * The scale targets of the HPAs seen in each cluster's latest scrape, keyed
 * `${cluster}|${namespace}|${kind}|${name}` (the cluster's name), with the resources they scale on (several HPAs
 * on one target: either). An HPA deleted before the latest scrape is not in it.
 */
export async function getHpaTargets(db: Database, options: { clusterIds?: number[] } = {}): Promise<Map<string, HpaTarget>> {
  const clusters = options.clusterIds === undefined ? Prisma.sql`TRUE` : Prisma.sql`h.cluster_id = ANY(${options.clusterIds}::int[])`;
  const rows = await db.prisma.$queryRaw<{ cluster: string; namespace: string; kind: string; name: string; cpu: boolean; memory: boolean }[]>`
    SELECT c.name AS cluster, h.namespace, h.target_kind AS kind, h.target_name AS name,
           bool_or(h.scales_cpu) AS cpu, bool_or(h.scales_memory) AS memory
      FROM "horizontal_pod_autoscaler" h JOIN "cluster" c ON c.id = h.cluster_id
     WHERE ${clusters} AND h.last_seen_at >= (SELECT max(s.sampled_at) FROM "scrape" s WHERE s.cluster_id = h.cluster_id)
     GROUP BY c.name, h.namespace, h.target_kind, h.target_name`;
  return new Map(rows.map((r) => [hpaTargetKey(r.cluster, r.namespace, r.kind, r.name), { cpu: r.cpu, memory: r.memory }]));
}
