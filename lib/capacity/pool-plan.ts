/**
 * A plan for one node pool: its workload pods bin-packed (first-fit decreasing, bin-pack.ts)
 * onto candidate instance types at a profile's target utilisation. The single-type plan is the
 * cheapest type that holds every pod; the mixed plan starts from it (or, when no one type holds
 * every pod, from the type holding the most), packs the pods it cannot hold onto their cheapest
 * type, then gives each node the cheapest type that holds what was packed on it (Karpenter's
 * replace). Types are simulated in order of a lower bound on their cost, stopping once the bound
 * reaches the best plan found, so 300 candidates cost a handful of simulations.
 */
import { HOURS_PER_MONTH } from '../cost/rates';
import { antiAffinityTable, groupFits, nodeRoom, packOntoType, type NodeOverhead, type NodeType, type PackGroup, type PackedNode, type PackOptions } from './bin-pack';

export type ProfileName = 'development' | 'production' | 'ha';

export interface Profile {
  label: string;
  /** Fraction of allocatable CPU and memory a planned node may fill. */
  targetUtilization: number;
  minNodes: number;
}

export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  development: { label: 'Development', targetUtilization: 0.8, minNodes: 1 },
  production: { label: 'Production', targetUtilization: 0.65, minNodes: 2 },
  ha: { label: 'High availability', targetUtilization: 0.5, minNodes: 3 },
};

export interface PlanLine {
  instanceType: string;
  count: number;
  monthlyCostUsd: number;
}

export interface Packing {
  kind: 'single-type' | 'mixed';
  nodes: PackedNode[];
  /** Pods that fit no candidate (group index → count). */
  unplaced: Map<number, number>;
  monthlyCostUsd: number;
}

/** Most simulations per pool (the lower bound usually stops far sooner). */
const MAX_SIMULATIONS = 24;

const costOf = (nodes: readonly PackedNode[]) => nodes.reduce((s, n) => s + n.type.usdPerHour, 0) * HOURS_PER_MONTH;

/**
 * Nodes of `type` the groups need at least: max over CPU, memory, GPU and pods of
 * ⌈Σ demand ÷ room at the target⌉, the profile's minimum, and the largest self-anti-affine group.
 */
export function lowerBoundNodes(groups: readonly PackGroup[], indices: readonly number[], type: NodeType, options: PackOptions, minNodes: number, selfAnti: readonly number[]): number {
  const { target } = nodeRoom(type, options);
  let cpu = 0, memory = 0, gpus = 0, pods = 0;
  for (const i of indices) {
    const g = groups[i]!;
    cpu += g.cpuMillicores * g.count;
    memory += g.memoryBytes * g.count;
    gpus += g.gpus * g.count;
    pods += g.count;
  }
  const need = (demand: number, room: number) => (demand <= 0 ? 0 : room > 0 ? Math.ceil(demand / room) : Infinity);
  return Math.max(minNodes, need(cpu, target.cpu), need(memory, target.memory), need(gpus, target.gpus), need(pods, target.pods), ...selfAnti);
}

/** Adds empty nodes of the cheapest type used until the plan has `minNodes`. */
function withMinimum(nodes: PackedNode[], minNodes: number, fallback: NodeType): PackedNode[] {
  const type = nodes.reduce<NodeType>((best, n) => (n.type.usdPerHour < best.usdPerHour ? n.type : best), nodes[0]?.type ?? fallback);
  const out = [...nodes];
  while (out.length < minNodes) out.push({ type, groups: new Map(), cpuMillicores: 0, memoryBytes: 0, gpus: 0, pods: 0 });
  return out;
}

export interface PoolPlanInput {
  groups: readonly PackGroup[];
  /** Sorted cheapest first (candidates.ts). */
  candidates: readonly NodeType[];
  overhead: NodeOverhead;
  profile: Profile;
}

export interface PoolPacking {
  single: Packing | null;
  mixed: Packing;
  /** Per group: how many candidates it can run on (selectors, taints, size). */
  feasibleTypes: number[];
}

/** The single-type and mixed packings of one pool (see the module comment). */
export function packPool({ groups, candidates, overhead, profile }: PoolPlanInput): PoolPacking {
  const options: PackOptions = { targetUtilization: profile.targetUtilization, overhead };
  const table = antiAffinityTable(groups);
  const all = groups.map((_, i) => i);
  const selfAnti = all.filter((i) => table.anti[i] && table.conflict(i, i)).map((i) => groups[i]!.count);
  // A type whose room at the target cannot hold a pod is no candidate for it (every such pod
  // would take a node of its own), unless no type can: then any type it fits at all.
  const fitsAtAll = candidates.map((t) => groups.map((g) => groupFits(g, t, options)));
  const atTarget = candidates.map((t, k) => {
    const { target } = nodeRoom(t, options);
    return groups.map((g, i) => fitsAtAll[k]![i]! && g.cpuMillicores <= target.cpu && g.memoryBytes <= target.memory);
  });
  const fits = candidates.map((_, k) => groups.map((_g, i) => atTarget[k]![i]! || (!atTarget.some((row) => row[i]) && fitsAtAll[k]![i]!)));
  const feasibleTypes = all.map((i) => fits.filter((f) => f[i]).length);
  const bounds = candidates.map((t, k) => ({ t, k, fitsAll: fits[k]!.every(Boolean), cost: lowerBoundNodes(groups, all, t, options, profile.minNodes, selfAnti) * t.usdPerHour }));

  let single: Packing | null = null;
  let simulations = 0;
  for (const b of bounds.filter((x) => x.fitsAll).sort((x, y) => x.cost - y.cost)) {
    if ((single && b.cost >= single.monthlyCostUsd / HOURS_PER_MONTH) || simulations++ >= MAX_SIMULATIONS) break;
    const packed = packOntoType(groups, b.t, options, table);
    const nodes = withMinimum(packed.nodes, profile.minNodes, b.t);
    const cost = costOf(nodes);
    if (!single || cost < single.monthlyCostUsd) single = { kind: 'single-type', nodes, unplaced: packed.unplaced, monthlyCostUsd: cost };
  }

  // Mixed: the primary type takes what it can hold; the rest go onto their own cheapest type.
  const volume = (k: number) => all.reduce((s, i) => s + (fits[k]![i] ? groups[i]!.count : 0), 0);
  const primaryIndex = single ? candidates.indexOf(single.nodes[0]!.type) : bounds.reduce((best, b) => (volume(b.k) > volume(best.k) || (volume(b.k) === volume(best.k) && b.cost < best.cost) ? b : best), bounds[0]!).k;
  const nodes: PackedNode[] = [];
  const unplaced = new Map<number, number>();
  let rest = all;
  if (primaryIndex >= 0 && candidates[primaryIndex]) {
    const onPrimary = all.filter((i) => fits[primaryIndex]![i]);
    nodes.push(...packOntoType(groups, candidates[primaryIndex]!, options, table, onPrimary).nodes);
    rest = all.filter((i) => !fits[primaryIndex]![i]);
  }
  const byType = new Map<number, number[]>();
  for (const i of rest) {
    let best = -1, bestCost = Infinity;
    candidates.forEach((t, k) => {
      if (!fits[k]![i]) return;
      const cost = lowerBoundNodes(groups, [i], t, options, 0, []) * t.usdPerHour;
      if (cost < bestCost) [best, bestCost] = [k, cost];
    });
    if (best < 0) unplaced.set(i, groups[i]!.count);
    else byType.set(best, [...(byType.get(best) ?? []), i]);
  }
  for (const [k, indices] of byType) nodes.push(...packOntoType(groups, candidates[k]!, options, table, indices).nodes);
  const replaced = nodes.map((n) => ({ ...n, type: cheapestHolding(n, candidates, fits, options) ?? n.type }));
  const mixedNodes = candidates[0] ? withMinimum(replaced, profile.minNodes, candidates[0]) : replaced;
  const mixed: Packing = { kind: 'mixed', nodes: mixedNodes, unplaced, monthlyCostUsd: costOf(mixedNodes) };
  return { single, mixed, feasibleTypes };
}

/** The cheapest candidate whose room at the target holds what `node` holds, and that every group on it may run on. */
function cheapestHolding(node: PackedNode, candidates: readonly NodeType[], fits: readonly boolean[][], options: PackOptions): NodeType | null {
  for (let k = 0; k < candidates.length; k++) {
    const t = candidates[k]!;
    if (t.usdPerHour >= node.type.usdPerHour) return null;
    const { target, full } = nodeRoom(t, options);
    const room = node.pods === 1 ? full : target;
    if (node.cpuMillicores > room.cpu || node.memoryBytes > room.memory || node.gpus > room.gpus || node.pods > room.pods) continue;
    if ([...node.groups.keys()].every((g) => fits[k]![g])) return t;
  }
  return null;
}

/** Instance type × count and monthly cost of a packing, largest spend first. */
export function planLines(nodes: readonly PackedNode[]): PlanLine[] {
  const lines = new Map<string, PlanLine>();
  for (const n of nodes) {
    const line = lines.get(n.type.instanceType) ?? { instanceType: n.type.instanceType, count: 0, monthlyCostUsd: 0 };
    line.count++;
    line.monthlyCostUsd += n.type.usdPerHour * HOURS_PER_MONTH;
    lines.set(n.type.instanceType, line);
  }
  return [...lines.values()].sort((a, b) => b.monthlyCostUsd - a.monthlyCostUsd || a.instanceType.localeCompare(b.instanceType));
}
