/**
 * First-fit decreasing of pod groups onto nodes of one instance type, honouring every pod's
 * node selector / required node affinity (on the type's labels), its tolerations (of the
 * type's taints), GPU requests, max pods per node, the DaemonSet overhead on every node, and
 * required anti-affinity on hostname. Pods are packed as groups of identical replicas (same
 * requests, constraints and labels) so the work grows with groups × nodes, not pods × nodes.
 */
import { antiAffine, labelsAdmit, toleratesAll, type SchedulingConstraints, type Taint } from './scheduling';

/** Identical pods (replicas of one workload with the same requests): packed `count` at a time. */
export interface PackGroup {
  cpuMillicores: number;
  memoryBytes: number;
  gpus: number;
  count: number;
  namespace: string;
  labels: Readonly<Record<string, string>>;
  constraints: SchedulingConstraints | null;
}

/** A candidate node: an instance type as it would join the pool. */
export interface NodeType {
  instanceType: string;
  cpuAllocatableMillicores: number;
  memoryAllocatableBytes: number;
  gpuAllocatable: number;
  maxPods: number;
  usdPerHour: number;
  labels: Readonly<Record<string, string>>;
  taints: readonly Taint[];
}

/** What every node of the pool runs before any workload pod: its DaemonSet (and mirror) pods. */
export interface NodeOverhead {
  cpuMillicores: number;
  memoryBytes: number;
  pods: number;
}

export interface PackOptions {
  /** Fraction of allocatable CPU and memory the packing may fill (0.8, 0.65, 0.5), overhead included. */
  targetUtilization: number;
  overhead: NodeOverhead;
}

export interface PackedNode {
  type: NodeType;
  /** Group index → pods of it on this node. */
  groups: Map<number, number>;
  cpuMillicores: number;
  memoryBytes: number;
  gpus: number;
  pods: number;
}

export interface PackResult {
  nodes: PackedNode[];
  /** Pods of each group that fit no node of the type (group index → count). */
  unplaced: Map<number, number>;
}

/** The room a node of `type` offers workload pods: at the target, and at most (allocatable − overhead). */
export function nodeRoom(type: NodeType, options: PackOptions) {
  const o = options.overhead;
  const full = { cpu: type.cpuAllocatableMillicores - o.cpuMillicores, memory: type.memoryAllocatableBytes - o.memoryBytes, gpus: type.gpuAllocatable, pods: type.maxPods - o.pods };
  const target = {
    cpu: Math.floor(type.cpuAllocatableMillicores * options.targetUtilization) - o.cpuMillicores,
    memory: Math.floor(type.memoryAllocatableBytes * options.targetUtilization) - o.memoryBytes,
    gpus: full.gpus,
    pods: full.pods,
  };
  return { full, target };
}

/** Whether one pod of `group` can ever run on a node of `type` (labels, taints, resources). */
export function groupFits(group: PackGroup, type: NodeType, options: PackOptions): boolean {
  const { full } = nodeRoom(type, options);
  return (
    group.cpuMillicores <= full.cpu && group.memoryBytes <= full.memory && group.gpus <= full.gpus && full.pods >= 1 &&
    labelsAdmit(group.constraints, type.labels) && toleratesAll(group.constraints, type.taints)
  );
}

/** Memoised "may these two groups not share a node" (required hostname anti-affinity). */
export function antiAffinityTable(groups: readonly PackGroup[]) {
  const anti = groups.map((g) => (g.constraints?.hostAntiAffinity?.length ?? 0) > 0);
  const memo = new Map<number, boolean>();
  const conflict = (a: number, b: number): boolean => {
    if (!anti[a] && !anti[b]) return false;
    const key = a < b ? a * groups.length + b : b * groups.length + a;
    let hit = memo.get(key);
    if (hit === undefined) memo.set(key, (hit = antiAffine(groups[a]!, groups[b]!)));
    return hit;
  };
  return { anti, conflict };
}

interface Bin {
  node: PackedNode;
  freeCpu: number;
  freeMemory: number;
  freeGpus: number;
  freePods: number;
  /** Groups on it with anti-affinity (checked against every newcomer). */
  antiGroups: number[];
  /** An oversize pod alone on the node (beyond the target, within allocatable). */
  closed: boolean;
}

/** How many pods of group `g` fit `bin` now (resources, pods, anti-affinity), at most `want`. */
function room(bin: Bin, g: number, group: PackGroup, want: number, table: ReturnType<typeof antiAffinityTable>): number {
  if (bin.closed) return 0;
  let k = Math.min(want, bin.freePods);
  if (group.cpuMillicores > 0) k = Math.min(k, Math.floor(bin.freeCpu / group.cpuMillicores));
  if (group.memoryBytes > 0) k = Math.min(k, Math.floor(bin.freeMemory / group.memoryBytes));
  if (group.gpus > 0) k = Math.min(k, Math.floor(bin.freeGpus / group.gpus));
  if (k <= 0) return 0;
  if (table.anti[g]) {
    for (const h of bin.node.groups.keys()) if (table.conflict(g, h)) return 0;
    if (table.conflict(g, g)) k = 1;
  } else {
    for (const h of bin.antiGroups) if (table.conflict(h, g)) return 0;
  }
  return k;
}

function place(bin: Bin, g: number, group: PackGroup, k: number, anti: boolean): void {
  const n = bin.node;
  n.groups.set(g, (n.groups.get(g) ?? 0) + k);
  n.cpuMillicores += k * group.cpuMillicores;
  n.memoryBytes += k * group.memoryBytes;
  n.gpus += k * group.gpus;
  n.pods += k;
  bin.freeCpu -= k * group.cpuMillicores;
  bin.freeMemory -= k * group.memoryBytes;
  bin.freeGpus -= k * group.gpus;
  bin.freePods -= k;
  if (anti && !bin.antiGroups.includes(g)) bin.antiGroups.push(g);
}

/**
 * First-fit decreasing of `groups` (only those listed in `indices`, default all) onto nodes of
 * `type`: groups in decreasing order of their dominant share of the node's room at the target
 * (max of CPU, memory, GPU shares), each pod onto the first open node with room, a new node
 * when none has. Each node holds at most `targetUtilization` × allocatable (overhead included)
 * and (maxPods − overhead pods) pods; a pod larger than the target but within allocatable −
 * overhead gets a node of its own. Pods that cannot run on the type at all are `unplaced`.
 */
export function packOntoType(
  groups: readonly PackGroup[],
  type: NodeType,
  options: PackOptions,
  table = antiAffinityTable(groups),
  indices: readonly number[] = groups.map((_, i) => i),
): PackResult {
  const { full, target } = nodeRoom(type, options);
  const share = (g: PackGroup) =>
    Math.max(g.cpuMillicores / Math.max(1, target.cpu), g.memoryBytes / Math.max(1, target.memory), target.gpus > 0 ? g.gpus / target.gpus : 0);
  const order = [...indices].sort((a, b) => share(groups[b]!) - share(groups[a]!) || a - b);
  const bins: Bin[] = [];
  const unplaced = new Map<number, number>();
  const open = (oversize: boolean): Bin => {
    const r = oversize ? full : target;
    const bin: Bin = {
      node: { type, groups: new Map(), cpuMillicores: 0, memoryBytes: 0, gpus: 0, pods: 0 },
      freeCpu: r.cpu, freeMemory: r.memory, freeGpus: r.gpus, freePods: r.pods, antiGroups: [], closed: false,
    };
    bins.push(bin);
    return bin;
  };
  let firstOpen = 0;
  for (const g of order) {
    const group = groups[g]!;
    if (!groupFits(group, type, options)) {
      unplaced.set(g, group.count);
      continue;
    }
    const anti = table.anti[g]!;
    const oversize = group.cpuMillicores > target.cpu || group.memoryBytes > target.memory;
    let left = group.count;
    while (firstOpen < bins.length && (bins[firstOpen]!.closed || bins[firstOpen]!.freePods <= 0)) firstOpen++;
    for (let i = firstOpen; i < bins.length && left > 0 && !oversize; i++) {
      const k = room(bins[i]!, g, group, left, table);
      if (k > 0) {
        place(bins[i]!, g, group, k, anti);
        left -= k;
      }
    }
    while (left > 0) {
      const bin = open(oversize);
      const k = room(bin, g, group, oversize ? 1 : left, table);
      if (k <= 0) {
        bins.pop();
        unplaced.set(g, left);
        break;
      }
      place(bin, g, group, k, anti);
      left -= k;
      if (oversize) bin.closed = true;
    }
  }
  return { nodes: bins.map((b) => b.node), unplaced };
}
