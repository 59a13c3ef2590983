/** What moved a team's cost between two periods: one namespace or workload and its change. */
export interface CostDriver {
  kind: 'namespace' | 'workload';
  /** A namespace, or a workload as `namespace/kind/name`. */
  name: string;
  /** currentUsd − previousUsd (positive: it cost more). */
  changeUsd: number;
}

/**
 * The `limit` parts whose cost moved most between two periods, largest |change| first (ties by
 * name): changeUsd = current − previous per name, a name missing from one side counting 0 there.
 * Changes with |change| < `minAbsUsd` are left out (a driver should explain, not list noise).
 */
export function topDrivers(
  kind: CostDriver['kind'],
  currentUsd: ReadonlyMap<string, number>,
  previousUsd: ReadonlyMap<string, number>,
  limit: number,
  minAbsUsd = 0.005,
): CostDriver[] {
  const names = new Set([...currentUsd.keys(), ...previousUsd.keys()]);
  return [...names]
    .map((name) => ({ kind, name, changeUsd: (currentUsd.get(name) ?? 0) - (previousUsd.get(name) ?? 0) }))
    .filter((d) => Math.abs(d.changeUsd) >= minAbsUsd)
    .sort((a, b) => Math.abs(b.changeUsd) - Math.abs(a.changeUsd) || a.name.localeCompare(b.name))
    .slice(0, limit);
}
