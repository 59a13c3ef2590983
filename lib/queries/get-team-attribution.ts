import type { Database } from '../db/client';
import { attributeTeam, type AttributionConfig, type AttributionSource } from '../cost/attribution';
import type { CostFilters } from './filters';
import type { NamespaceRef } from './get-namespace-labels';

export interface AttributionCount {
  source: AttributionSource;
  /** The label key that matched (pod or namespace label), when one did. */
  key?: string;
  /** Pods of the namespace seen in the window attributed to the team this way. */
  pods: number;
}

interface PodRow {
  cluster: string;
  namespace: string;
  pod_labels: Record<string, string> | null;
  namespace_labels: Record<string, string> | null;
}

/**
 * How the pods of each given namespace seen in [from, to) came to `team` (as stored:
 * `unassigned` for no team): pod label, namespace label, tally.yaml's namespace map, or none,
 * most pods first, keyed `cluster/namespace`; recomputed from the stored labels with the
 * current attribution rules.
 */
export async function getTeamAttribution(
  db: Database, team: string, namespaces: readonly NamespaceRef[], filters: CostFilters, config: AttributionConfig,
): Promise<Map<string, AttributionCount[]>> {
  const counts = new Map<string, Map<string, AttributionCount>>();
  if (namespaces.length === 0) return new Map();
  const pods = await db.prisma.$queryRaw<PodRow[]>`
    SELECT c.name AS cluster, p.namespace, p.labels AS pod_labels, n.labels AS namespace_labels
      FROM "pod" p JOIN "cluster" c ON c.id = p.cluster_id
      LEFT JOIN "namespace" n ON n.cluster_id = p.cluster_id AND n.name = p.namespace
     WHERE (c.name, p.namespace) IN (SELECT * FROM unnest(${namespaces.map((n) => n.cluster)}::text[], ${namespaces.map((n) => n.namespace)}::text[]))
       AND p.last_seen_at >= ${filters.from} AND p.first_seen_at < ${filters.to}`;
  for (const pod of pods) {
    const result = attributeTeam(pod.pod_labels ?? {}, pod.namespace, pod.namespace_labels ?? {}, config);
    if (result.team !== team) continue;
    const key = `${pod.cluster}/${pod.namespace}`;
    const byWay = counts.get(key) ?? new Map<string, AttributionCount>();
    const way = `${result.source}/${result.key ?? ''}`;
    const count = byWay.get(way) ?? { source: result.source, ...(result.key ? { key: result.key } : {}), pods: 0 };
    count.pods++;
    byWay.set(way, count);
    counts.set(key, byWay);
  }
  return new Map([...counts].map(([key, byWay]) => [key, [...byWay.values()].sort((a, b) => b.pods - a.pods)]));
}
