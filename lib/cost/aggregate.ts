import { IDLE, SHARED, UNALLOCATED, sumAllocations, totalCost, type Allocation, type AllocationProperties } from './allocation-set';

/** The idle cost of one node (or one cluster) over a window, per resource, USD. */
export interface IdleCost {
  cluster: string;
  /** Absent for cluster-level idle. */
  node?: string;
  startMs: number;
  endMs: number;
  cpuCost: number;
  ramCost: number;
  gpuCost: number;
}

export type ShareSplit = 'weighted' | 'even';

export interface AggregateOptions {
  /** Properties to group by: cluster, node, namespace, controllerKind, controller, pod, container, team, label:<key>. */
  by: readonly string[];
  /** `separate`: an `__idle__` line; `share`: idle spread onto allocations; `none`: left out. */
  idle: 'separate' | 'share' | 'none';
  /** Where idle is shared within: each node's among its allocations (default), or each cluster's. */
  idleScope?: 'node' | 'cluster';
  /** Only matching allocations are reported (idle is still shared by the unfiltered weights). */
  filter?: (a: Allocation) => boolean;
  /** Allocations whose cost is spread over the other groups (shared namespaces, labels). */
  shared?: (a: Allocation) => boolean;
  shareSplit?: ShareSplit;
  /** Fixed overhead for this window, USD, spread like shared costs. */
  sharedOverheadUsd?: number;
  /**
   * Idle shares already computed upstream (the rollup shares each hour's node idle over the
   * containers on the node): used instead of `idleShares` over the window.
   */
  precomputedIdle?: { shareOf: (a: Allocation) => ResourceCosts; residual: ResourceCosts };
}

/** A USD amount per resource, keyed like the Allocation fields. */
export type ResourceCosts = Record<'cpuCost' | 'ramCost' | 'gpuCost', number>;

/** The value of one aggregation property, `__unallocated__` when missing or empty. */
export function propertyValue(properties: AllocationProperties, key: string): string {
  let value: string | undefined;
  if (key.startsWith('label:')) value = properties.labels?.[key.slice(6)];
  else if (key === 'controller') value = properties.controller ? `${properties.controllerKind ? properties.controllerKind + ':' : ''}${properties.controller}` : undefined;
  else value = properties[key as Exclude<keyof AllocationProperties, 'labels'>] as string | undefined;
  return value ? value : UNALLOCATED;
}

const scopeKey = (cluster: string | undefined, node: string | undefined, scope: 'node' | 'cluster') =>
  scope === 'cluster' ? `${cluster ?? ''}` : `${cluster ?? ''}/${node ?? ''}`;

type Resource = 'cpuCost' | 'ramCost' | 'gpuCost';
const RESOURCES: readonly Resource[] = ['cpuCost', 'ramCost', 'gpuCost'];

/**
 * Each allocation's share of idle, per resource (OpenCost's weighted idle sharing): within one
 * scope (node or cluster), idleShare_r(a) = idle_r × cost_r(a) / Σ cost_r(allocations in scope).
 * Weights use every allocation, before filters, so a filtered view shows the same numbers.
 * `residual` is idle that no allocation could take (a scope with no cost of that resource).
 */
export function idleShares(allocations: readonly Allocation[], idle: readonly IdleCost[], scope: 'node' | 'cluster') {
  const totals = new Map<string, Record<Resource, number>>();
  for (const a of allocations) {
    const key = scopeKey(a.properties.cluster, a.properties.node, scope);
    const t = totals.get(key) ?? { cpuCost: 0, ramCost: 0, gpuCost: 0 };
    for (const r of RESOURCES) t[r] += a[r];
    totals.set(key, t);
  }
  const idleByScope = new Map<string, Record<Resource, number>>();
  for (const i of idle) {
    const key = scopeKey(i.cluster, i.node, scope);
    const t = idleByScope.get(key) ?? { cpuCost: 0, ramCost: 0, gpuCost: 0 };
    for (const r of RESOURCES) t[r] += i[r];
    idleByScope.set(key, t);
  }
  const residual: Record<Resource, number> = { cpuCost: 0, ramCost: 0, gpuCost: 0 };
  for (const [key, idleCost] of idleByScope) {
    for (const r of RESOURCES) if (!((totals.get(key)?.[r] ?? 0) > 0)) residual[r] += idleCost[r];
  }
  const shareOf = (a: Allocation): Record<Resource, number> => {
    const key = scopeKey(a.properties.cluster, a.properties.node, scope);
    const t = totals.get(key);
    const i = idleByScope.get(key);
    const share = { cpuCost: 0, ramCost: 0, gpuCost: 0 };
    if (t && i) for (const r of RESOURCES) if (t[r] > 0) share[r] = (i[r] * a[r]) / t[r];
    return share;
  };
  return { shareOf, residual };
}

/**
 * Aggregates allocations as OpenCost's AllocationSet.AggregateBy, in this order:
 * 1. idle shares per allocation (`idleShares`), by the unfiltered weights;
 * 2. filter; with idle `share`, each allocation's cpu/ram/gpu cost grows by its idle share;
 *    with `separate`, one `__idle__` line (all idle, or the filtered allocations' shares);
 * 3. shared allocations leave their groups; their total cost plus `sharedOverheadUsd` is
 *    spread over the remaining groups (not idle): `even` = equal parts, `weighted` = in
 *    proportion to each group's total cost, into `sharedCost`;
 * 4. groups named by their property values joined with `/`.
 * Nothing is lost: Σ totalCost of the result = Σ allocations + idle (+ overhead) reported.
 */
export function aggregate(allocations: readonly Allocation[], idle: readonly IdleCost[], options: AggregateOptions): Allocation[] {
  const { shareOf, residual } = options.precomputedIdle ?? idleShares(allocations, idle, options.idleScope ?? 'node');
  const kept = options.filter ? allocations.filter(options.filter) : allocations;
  const withIdle = options.idle === 'share' ? kept.map((a) => addIdle(a, shareOf(a))) : kept;

  const sharedParts = options.shared ? withIdle.filter(options.shared) : [];
  const own = options.shared ? withIdle.filter((a) => !options.shared!(a)) : withIdle;
  const groups = new Map<string, Allocation[]>();
  for (const a of own) {
    const name = options.by.map((key) => propertyValue(a.properties, key)).join('/');
    const list = groups.get(name);
    if (list) list.push(a);
    else groups.set(name, [a]);
  }
  const result = [...groups].map(([name, parts]) => withGroupProperties(sumAllocations(name, parts), options.by));

  const toShare = sharedParts.reduce((sum, a) => sum + totalCost(a), 0) + (options.sharedOverheadUsd ?? 0);
  if (toShare !== 0) spreadShared(result, toShare, options.shareSplit ?? 'weighted', sharedParts.concat(own));

  const idleLine = idleLineFor(options, kept, idle, shareOf, residual);
  if (idleLine) result.push(idleLine);
  return result;
}

function addIdle(a: Allocation, share: Record<Resource, number>): Allocation {
  return {
    ...a,
    cpuCost: a.cpuCost + share.cpuCost, ramCost: a.ramCost + share.ramCost, gpuCost: a.gpuCost + share.gpuCost,
    cpuCostIdle: a.cpuCostIdle + share.cpuCost, ramCostIdle: a.ramCostIdle + share.ramCost, gpuCostIdle: a.gpuCostIdle + share.gpuCost,
  };
}

function withGroupProperties(a: Allocation, by: readonly string[]): Allocation {
  const properties: AllocationProperties = { ...a.properties };
  for (const key of by) if (!key.startsWith('label:') && key !== 'controller') delete (properties as Record<string, unknown>)[key];
  for (const key of by) {
    const value = propertyValue(a.properties, key);
    if (key.startsWith('label:')) properties.labels = { ...properties.labels, [key.slice(6)]: value };
    else if (key !== 'controller') (properties as Record<string, string>)[key] = value;
  }
  return { ...a, properties };
}

/** Adds `amount` to the groups' sharedCost: equal parts, or weighted by each group's total cost. */
function spreadShared(groups: Allocation[], amount: number, split: ShareSplit, windowParts: readonly Allocation[]): void {
  const weights = groups.map((g) => (split === 'even' ? 1 : totalCost(g)));
  const sum = weights.reduce((a, b) => a + b, 0);
  if (groups.length === 0 || !(sum > 0)) {
    const startMs = Math.min(...windowParts.map((p) => p.startMs));
    const endMs = Math.max(...windowParts.map((p) => p.endMs));
    const line = sumAllocations(SHARED, []);
    groups.push({ ...line, startMs: Number.isFinite(startMs) ? startMs : 0, endMs: Number.isFinite(endMs) ? endMs : 0, sharedCost: amount });
    return;
  }
  groups.forEach((g, i) => (g.sharedCost += (amount * weights[i]!) / sum));
}

function idleLineFor(
  options: AggregateOptions,
  kept: readonly Allocation[],
  idle: readonly IdleCost[],
  shareOf: (a: Allocation) => Record<Resource, number>,
  residual: Record<Resource, number>,
): Allocation | null {
  if (options.idle === 'none' || idle.length === 0) return null;
  const line = sumAllocations(IDLE, []);
  line.startMs = Math.min(...idle.map((i) => i.startMs));
  line.endMs = Math.max(...idle.map((i) => i.endMs));
  if (options.idle === 'separate' && !options.filter) {
    for (const i of idle) for (const r of RESOURCES) line[r] += i[r];
  } else {
    // Filtered: the kept allocations' shares (separate), plus what no allocation could take (unfiltered share).
    if (options.idle === 'separate') for (const a of kept) for (const [r, v] of Object.entries(shareOf(a))) line[r as Resource] += v;
    if (!options.filter) for (const r of RESOURCES) line[r] += residual[r];
  }
  return RESOURCES.some((r) => line[r] !== 0) ? line : null;
}
