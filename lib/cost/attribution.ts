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
