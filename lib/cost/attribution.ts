/** Which team a pod's cost belongs to (DESIGN.md §2, "Team attribution"). */

export const UNASSIGNED_TEAM = 'unassigned';

export interface AttributionConfig {
  /** Label keys that name a team, in order of precedence (default `team`, then `owner`). */
  labelKeys: string[];
  /** Namespace → team for namespaces whose pods and namespace carry no team label. */
  namespaceTeams: Record<string, string>;
}

export const DEFAULT_ATTRIBUTION: AttributionConfig = { labelKeys: ['team', 'owner'], namespaceTeams: {} };

export type AttributionSource = 'pod-label' | 'namespace-label' | 'namespace-map' | 'unassigned';

/**
 * First match wins: a pod label, then a namespace label (each trying the configured keys in
 * order), then the config's namespace → team map; else `unassigned`. Empty values don't count.
 * `key` names the label that matched (for explaining the attribution).
 */
export function attributeTeam(
  podLabels: Record<string, string>,
  namespace: string,
  namespaceLabels: Record<string, string>,
  config: AttributionConfig = DEFAULT_ATTRIBUTION,
): { team: string; source: AttributionSource; key?: string } {
  for (const key of config.labelKeys) if (podLabels[key]) return { team: podLabels[key], source: 'pod-label', key };
  for (const key of config.labelKeys) if (namespaceLabels[key]) return { team: namespaceLabels[key], source: 'namespace-label', key };
  const mapped = config.namespaceTeams[namespace];
  if (mapped) return { team: mapped, source: 'namespace-map' };
  return { team: UNASSIGNED_TEAM, source: 'unassigned' };
}

/** Which costs are shared over the teams (tally.yaml `shared`): namespaces, and pod labels `key: value`. */
export interface SharingConfig {
  namespaces: readonly string[];
  labels: readonly { key: string; value: string }[];
}

export const NO_SHARING: SharingConfig = { namespaces: [], labels: [] };

/**
 * A cost is shared when its namespace is one of the shared namespaces or its pod carries one
 * of the shared labels with that exact value (any one suffices). An empty config shares nothing.
 */
export function isSharedCost(namespace: string, podLabels: Record<string, string>, sharing: SharingConfig): boolean {
  return sharing.namespaces.includes(namespace) || sharing.labels.some((l) => podLabels[l.key] === l.value);
}
