import type { Database } from '../db/client';
import { attributeTeam, type AttributionConfig, type AttributionSource } from '../cost/attribution';
import { windowClauses, type CostFilters } from './filters';

export interface AttributionCount {
  source: AttributionSource;
  /** The label key that matched (pod or namespace label), when one did. */
  key?: string;
  /** Pods of the namespace seen in the window attributed to the team this way. */
  pods: number;
}

export interface TeamNamespace {
  cluster: string;
  namespace: string;
  costUsd: number;
  /** How the namespace's pods came to this team, most pods first. */
  attribution: AttributionCount[];
}

interface PodRow {
  cluster: string;
  namespace: string;
  pod_labels: Record<string, string> | null;
  namespace_labels: Record<string, string> | null;
}

/**
 * The namespaces that cost `team` money over [from, to), largest first, each with how its
 * pods were attributed to the team (pod label, namespace label, or tally.yaml's namespace
 * map), recomputed from the stored labels with the current attribution rules.
 */
export async function getTeamNamespaces(db: Database, team: string, filters: CostFilters, config: AttributionConfig): Promise<TeamNamespace[]> {
  const where = windowClauses(filters);
  const namespaces = await db.prisma.$queryRaw<{ cluster: string; cluster_id: number; namespace: string; cost: number }[]>`
    SELECT c.name AS cluster, u.cluster_id, u.namespace, sum(u.cost)::float8 AS cost FROM (
      SELECT cluster_id, namespace, total_cost_usd AS cost FROM "workload_day" WHERE ${where.days} AND team = ${team}
      UNION ALL
      SELECT cluster_id, namespace, total_cost_usd FROM "container_hour" WHERE ${where.hours} AND team = ${team}
    ) u JOIN "cluster" c ON c.id = u.cluster_id
    GROUP BY c.name, u.cluster_id, u.namespace ORDER BY cost DESC, c.name, u.namespace`;
  if (namespaces.length === 0) return [];
  const pods = await db.prisma.$queryRaw<PodRow[]>`
    SELECT c.name AS cluster, p.namespace, p.labels AS pod_labels, n.labels AS namespace_labels
      FROM "pod" p JOIN "cluster" c ON c.id = p.cluster_id
      LEFT JOIN "namespace" n ON n.cluster_id = p.cluster_id AND n.name = p.namespace
     WHERE (p.cluster_id, p.namespace) IN (SELECT * FROM unnest(${namespaces.map((n) => n.cluster_id)}::int[], ${namespaces.map((n) => n.namespace)}::text[]))
       AND p.last_seen_at >= ${filters.from} AND p.first_seen_at < ${filters.to}`;
  const counts = new Map<string, Map<string, AttributionCount>>();
  for (const pod of pods) {
    const result = attributeTeam(pod.pod_labels ?? {}, pod.namespace, pod.namespace_labels ?? {}, config);
    if (result.team !== team) continue;
    const byWay = counts.get(`${pod.cluster}/${pod.namespace}`) ?? new Map<string, AttributionCount>();
    const way = `${result.source}/${result.key ?? ''}`;
    const count = byWay.get(way) ?? { source: result.source, ...(result.key ? { key: result.key } : {}), pods: 0 };
    count.pods++;
    byWay.set(way, count);
    counts.set(`${pod.cluster}/${pod.namespace}`, byWay);
  }
  return namespaces.map((n) => ({
    cluster: n.cluster,
    namespace: n.namespace,
    costUsd: n.cost,
    attribution: [...(counts.get(`${n.cluster}/${n.namespace}`)?.values() ?? [])].sort((a, b) => b.pods - a.pods),
  }));
}
