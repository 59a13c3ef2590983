/**
 * What keeps a pool's plan from being smaller: the largest pod (no cheaper type holds it), a
 * node selector or required affinity (pods that only some types satisfy), a taint (only pods
 * tolerating it may use the pool, so it is planned apart), required anti-affinity (one pod per
 * host), max pods per node, the profile's minimum node count, and pods that fit no type at all.
 */
import { groupFits, nodeRoom, type NodeOverhead, type NodeType, type PackGroup } from './bin-pack';
import { lowerBoundNodes, type Packing, type Profile } from './pool-plan';
import type { Taint } from './scheduling';

export type BlockerKind = 'largest-pod' | 'selector' | 'taint' | 'anti-affinity' | 'max-pods' | 'min-nodes' | 'unplaceable';

export interface Blocker {
  kind: BlockerKind;
  message: string;
  /** Pods it concerns (0 for pool-wide ones: taints, minimum). */
  pods: number;
}

export interface BlockerInput {
  groups: readonly PackGroup[];
  /** A name per group for messages, e.g. `shop/Deployment/api`. */
  names: readonly string[];
  candidates: readonly NodeType[];
  overhead: NodeOverhead;
  profile: Profile;
  taints: readonly Taint[];
  plan: Packing;
  feasibleTypes: readonly number[];
}

const MIB = 1024 ** 2;

/** The blockers of `plan`, in the order of BlockerKind. */
export function poolBlockers(input: BlockerInput): Blocker[] {
  const { groups, names, candidates, overhead, profile, taints, plan, feasibleTypes } = input;
  const options = { targetUtilization: profile.targetUtilization, overhead };
  const out: Blocker[] = [];
  const all = groups.map((_, i) => i);
  const largest = all.reduce<number | null>((best, i) => (best === null || dominant(groups[i]!) > dominant(groups[best]!) ? i : best), null);
  if (largest !== null && candidates.length > 0) {
    const g = groups[largest]!;
    const holder = candidates.find((t) => {
      const { target } = nodeRoom(t, options);
      return groupFits(g, t, options) && g.cpuMillicores <= target.cpu && g.memoryBytes <= target.memory;
    });
    const cheaper = holder ? candidates.filter((t) => t.usdPerHour < holder.usdPerHour).length : 0;
    if (holder && cheaper > 0) {
      out.push({ kind: 'largest-pod', pods: g.count, message: `${names[largest]} requests ${g.cpuMillicores} m / ${Math.round(g.memoryBytes / MIB)} MiB${g.gpus ? ` / ${g.gpus} GPU` : ''}: the smallest type that holds it at ${Math.round(profile.targetUtilization * 100)}% is ${holder.instanceType} (${cheaper} cheaper types cannot)` });
    }
  }
  const selective = all.filter((i) => feasibleTypes[i]! < candidates.length && (groups[i]!.constraints?.nodeSelector || groups[i]!.constraints?.nodeAffinity));
  if (selective.length > 0) {
    const pods = selective.reduce((s, i) => s + groups[i]!.count, 0);
    const keys = [...new Set(selective.flatMap((i) => [...Object.keys(groups[i]!.constraints?.nodeSelector ?? {}), ...(groups[i]!.constraints?.nodeAffinity ?? []).flat().map((r) => r.key)]))];
    out.push({ kind: 'selector', pods, message: `${pods} pods (${names[selective[0]!]}${selective.length > 1 ? ` and ${selective.length - 1} more` : ''}) select nodes by ${keys.join(', ')}: only some candidate types match` });
  }
  for (const t of taints.filter((x) => x.effect !== 'PreferNoSchedule')) {
    out.push({ kind: 'taint', pods: 0, message: `nodes are tainted ${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}: only pods that tolerate it run here, so the pool is planned on its own` });
  }
  const anti = all.filter((i) => (groups[i]!.constraints?.hostAntiAffinity?.length ?? 0) > 0 && groups[i]!.count >= Math.min(plan.nodes.length, 2));
  for (const i of anti) {
    if (groups[i]!.count >= plan.nodes.length) out.push({ kind: 'anti-affinity', pods: groups[i]!.count, message: `${names[i]} needs ${groups[i]!.count} nodes (required anti-affinity on kubernetes.io/hostname)` });
  }
  const type = plan.nodes[0]?.type;
  if (type) {
    const { target } = nodeRoom(type, options);
    const pods = all.reduce((s, i) => s + groups[i]!.count, 0);
    const withoutPods = lowerBoundNodes(groups, all, { ...type, maxPods: Number.MAX_SAFE_INTEGER }, options, 1, []);
    if (Math.ceil(pods / Math.max(1, target.pods)) > withoutPods) {
      out.push({ kind: 'max-pods', pods, message: `${pods} pods at ${target.pods} per ${type.instanceType} (max pods ${type.maxPods} less ${overhead.pods} DaemonSet pods) need more nodes than their requests do` });
    }
    const byResources = lowerBoundNodes(groups, all, type, options, 0, []);
    if (plan.nodes.length === profile.minNodes && byResources < profile.minNodes) {
      out.push({ kind: 'min-nodes', pods: 0, message: `the ${profile.label} profile keeps at least ${profile.minNodes} nodes; the requests alone need ${Math.max(1, byResources)}` });
    }
  }
  const unplaced = [...plan.unplaced.entries()];
  if (unplaced.length > 0) {
    const pods = unplaced.reduce((s, [, n]) => s + n, 0);
    out.push({ kind: 'unplaceable', pods, message: `${pods} pods (${names[unplaced[0]![0]]}${unplaced.length > 1 ? ` and ${unplaced.length - 1} more` : ''}) fit no candidate type (size, selector or taint): left out of the plan` });
  }
  return out;
}

/** A group's largest request relative to 1 core / 4 GiB / 1 GPU (an ordering only). */
const dominant = (g: PackGroup) => Math.max(g.cpuMillicores / 1000, g.memoryBytes / (4 * 1024 ** 3), g.gpus * 1000);
