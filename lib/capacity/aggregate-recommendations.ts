import type { RecommendationRow } from './recommend';

export type RecommendationGrouping = 'team' | 'namespace' | 'controller';

/** One group's summed recommendations. */
export interface RecommendationGroup {
  /** team; cluster/namespace; cluster/namespace/kind/name. */
  key: string;
  team: string | null;
  cluster: string | null;
  namespace: string | null;
  controllerKind: string | null;
  controllerName: string | null;
  containers: number;
  /** Σ monthlySavingUsd (unrounded; negative = the group's recommendations cost more). */
  monthlySavingUsd: number;
}

/**
 * Sums the rows' monthly savings per team, namespace (per cluster) or controller, largest saving
 * first (ties by key, ascending).
 */
export function aggregateRecommendations(rows: readonly RecommendationRow[], by: RecommendationGrouping): RecommendationGroup[] {
  const groups = new Map<string, RecommendationGroup>();
  for (const row of rows) {
    const group = groupOf(row, by);
    const existing = groups.get(group.key);
    if (existing) {
      existing.containers += 1;
      existing.monthlySavingUsd += row.monthlySavingUsd;
    } else groups.set(group.key, { ...group, containers: 1, monthlySavingUsd: row.monthlySavingUsd });
  }
  return [...groups.values()].sort((a, b) => b.monthlySavingUsd - a.monthlySavingUsd || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function groupOf(row: RecommendationRow, by: RecommendationGrouping): Omit<RecommendationGroup, 'containers' | 'monthlySavingUsd'> {
  const none = { team: null, cluster: null, namespace: null, controllerKind: null, controllerName: null };
  switch (by) {
    case 'team':
      return { ...none, key: row.team, team: row.team };
    case 'namespace':
      return { ...none, key: `${row.cluster}/${row.namespace}`, cluster: row.cluster, namespace: row.namespace };
    case 'controller':
      return {
        key: `${row.cluster}/${row.namespace}/${row.controllerKind}/${row.controllerName}`,
        team: row.team,
        cluster: row.cluster,
        namespace: row.namespace,
        controllerKind: row.controllerKind,
        controllerName: row.controllerName,
      };
  }
}
