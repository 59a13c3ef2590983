/**
 * The instance types a pool could run on: the types its nodes run today (their allocatable,
 * max pods and price as observed) and the catalog's types of the same provider (sizes from
 * INSTANCE_SHAPES or the caller's list, allocatable estimated, priced by the caller's price
 * function: the price sheet, rate card or catalog of lib/cost/pricing). Each candidate carries
 * the labels and taints every node of the pool shares, with its own instance-type labels, so
 * that pods' selectors and tolerations are checked as they would be on a new node of the pool.
 */
import type { NodeType } from './bin-pack';
import { estimateAllocatable, type InstanceShape } from './instance-shapes';
import { DEFAULT_MAX_PODS, type InventoryNode } from './pool-summary';
import type { Taint } from './scheduling';

/** Labels that name a node's instance type (set to the candidate's own). */
export const INSTANCE_TYPE_LABELS = ['node.kubernetes.io/instance-type', 'beta.kubernetes.io/instance-type'] as const;

/** Prices one node of a type in the pool's provider, region and capacity type, USD/hour; null = no price. */
export type PriceType = (query: { provider: string; instanceType: string; region: string | null; capacityType: 'on-demand' | 'spot'; cpuCores: number; memoryGiB: number; gpus: number }) => number | null;

/** The labels every node of the pool has with the same value. */
export function sharedLabels(nodes: readonly InventoryNode[]): Record<string, string> {
  const [first, ...rest] = nodes;
  if (!first) return {};
  const shared: Record<string, string> = {};
  for (const [key, value] of Object.entries(first.labels)) if (rest.every((n) => n.labels[key] === value)) shared[key] = value;
  return shared;
}

/** The taints every node of the pool has (same key, value and effect). */
export function sharedTaints(nodes: readonly InventoryNode[]): Taint[] {
  const same = (a: Taint, b: Taint) => a.key === b.key && (a.value ?? '') === (b.value ?? '') && a.effect === b.effect;
  const [first, ...rest] = nodes;
  return (first?.taints ?? []).filter((t) => rest.every((n) => n.taints.some((u) => same(t, u))));
}

const mostCommon = <T>(values: T[]): T | undefined => {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
};

/**
 * Candidates for `nodes` (one pool): every observed type (largest allocatable and max pods seen
 * among its nodes, mean observed price), then every shape of the pool's provider not observed,
 * when `price` prices it. Sorted by price, cheapest first. A spot pool is priced as spot.
 */
export function poolCandidates(nodes: readonly InventoryNode[], shapes: readonly InstanceShape[], price: PriceType): NodeType[] {
  const labels = sharedLabels(nodes);
  const taints = sharedTaints(nodes);
  const withType = (instanceType: string) => ({ ...labels, ...Object.fromEntries(INSTANCE_TYPE_LABELS.map((l) => [l, instanceType])) });
  const out = new Map<string, NodeType>();
  const observed = new Map<string, InventoryNode[]>();
  for (const n of nodes) if (n.instanceType) observed.set(n.instanceType, [...(observed.get(n.instanceType) ?? []), n]);
  for (const [instanceType, same] of observed) {
    out.set(instanceType.toLowerCase(), {
      instanceType,
      cpuAllocatableMillicores: Math.max(...same.map((n) => n.cpuAllocatableMillicores)),
      memoryAllocatableBytes: Math.max(...same.map((n) => n.memoryAllocatableBytes)),
      gpuAllocatable: Math.max(...same.map((n) => n.gpuAllocatable)),
      maxPods: Math.max(...same.map((n) => n.maxPods ?? DEFAULT_MAX_PODS)),
      usdPerHour: same.reduce((s, n) => s + n.usdPerHour, 0) / same.length,
      labels: withType(instanceType),
      taints,
    });
  }
  const provider = mostCommon(nodes.map((n) => n.provider).filter((p): p is string => p !== null));
  const region = mostCommon(nodes.map((n) => n.region)) ?? null;
  const capacityType = mostCommon(nodes.map((n) => n.capacityType)) === 'spot' ? 'spot' : 'on-demand';
  for (const s of shapes) {
    if (s.provider !== provider || out.has(s.instanceType.toLowerCase())) continue;
    const usdPerHour = price({ provider, instanceType: s.instanceType, region, capacityType, cpuCores: s.vcpus, memoryGiB: s.memoryGiB, gpus: s.gpus });
    if (usdPerHour === null) continue;
    const allocatable = estimateAllocatable(s);
    out.set(s.instanceType.toLowerCase(), {
      instanceType: s.instanceType, cpuAllocatableMillicores: allocatable.cpuMillicores, memoryAllocatableBytes: allocatable.memoryBytes,
      gpuAllocatable: s.gpus, maxPods: s.maxPods, usdPerHour, labels: withType(s.instanceType), taints,
    });
  }
  return [...out.values()].sort((a, b) => a.usdPerHour - b.usdPerHour || a.instanceType.localeCompare(b.instanceType));
}
