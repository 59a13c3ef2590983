/**
 * Node-pool right-sizing for a cluster: per pool today's summary and a plan, and the cluster's
 * headline counted once: today's node cost − the plans' cost, never shown as a saving when the
 * plan costs more (saving 0 and the reason), split per team by each team's share of the freed
 * requests (or, when no request is freed, of the requests packed).
 */
import { splitNodePrice } from '../cost/node-price';
import type { PackGroup } from './bin-pack';
import { poolCandidates, sharedTaints, type PriceType } from './candidates';
import type { InstanceShape } from './instance-shapes';
import { poolBlockers, type Blocker } from './pool-blockers';
import { packPool, planLines, type PlanLine, type Profile } from './pool-plan';
import { requestsWith, summarizePool, type InventoryNode, type InventoryPod, type PoolSummary } from './pool-summary';
import type { RequestOverride } from './pool-utilization';

const GIB = 1024 ** 3;

export interface PlanSummary {
  kind: 'single-type' | 'mixed';
  nodes: PlanLine[];
  monthlyCostUsd: number;
  cpuUtilization: number;
  memoryUtilization: number;
  blockers: Blocker[];
}

export interface PoolRightSizing extends PoolSummary {
  plan: PlanSummary;
  /** max(0, today − plan). */
  monthlySavingUsd: number;
  /** Why the saving is 0 when the plan costs more than today; else null. */
  savingNote: string | null;
}

export interface NodePoolPlanInput {
  nodes: readonly InventoryNode[];
  pods: readonly InventoryPod[];
  shapes: readonly InstanceShape[];
  price: PriceType;
  profile: Profile;
  /** requests=recommended: container overrides by overrideKey; null = current requests. */
  overrides: ReadonlyMap<string, RequestOverride> | null;
}

export interface ClusterPlan {
  nodes: PlanLine[];
  todayMonthlyCostUsd: number;
  monthlyCostUsd: number;
  monthlySavingUsd: number;
  savingNote: string | null;
  blockers: Blocker[];
  teams: Array<{ team: string; share: number; monthlySavingUsd: number }>;
  splitBasis: 'freed-requests' | 'requests';
}

const saving = (today: number, plan: number) =>
  plan > today ? { monthlySavingUsd: 0, savingNote: `the plan costs more than today (${plan.toFixed(2)} vs ${today.toFixed(2)} USD/month)` } : { monthlySavingUsd: today - plan, savingNote: null };

/** Plans every pool of `nodes` (pools keyed by cluster and pool name) and the cluster. */
export function planNodePools(input: NodePoolPlanInput): { pools: PoolRightSizing[]; cluster: ClusterPlan } {
  const current = requestsWith(null);
  const planned = requestsWith(input.overrides);
  const podsByNode = new Map<string, InventoryPod[]>();
  for (const p of input.pods) podsByNode.set(`${p.cluster}/${p.nodeName}`, [...(podsByNode.get(`${p.cluster}/${p.nodeName}`) ?? []), p]);
  const pools = new Map<string, InventoryNode[]>();
  for (const n of input.nodes) pools.set(`${n.cluster}/${n.pool}`, [...(pools.get(`${n.cluster}/${n.pool}`) ?? []), n]);
  const results: PoolRightSizing[] = [];
  const teamValue = new Map<string, { freed: number; requested: number }>();
  for (const nodes of pools.values()) {
    const byName = new Map(nodes.map((n) => [n.name, podsByNode.get(`${n.cluster}/${n.name}`) ?? []]));
    const summary = summarizePool(nodes, byName, planned);
    const workload = nodes.flatMap((n) => byName.get(n.name)!).filter((p) => !p.isDaemonSet && !p.isMirror);
    const { groups, names } = groupPods(workload, planned);
    const candidates = poolCandidates(nodes, input.shapes, input.price);
    const overhead = summary.daemonSetOverhead;
    const packing = packPool({ groups, candidates, overhead, profile: input.profile });
    const best = packing.single && packing.single.monthlyCostUsd <= packing.mixed.monthlyCostUsd ? packing.single : packing.mixed;
    let cpu = 0, memory = 0, cpuRoom = 0, memoryRoom = 0;
    for (const n of best.nodes) {
      cpu += n.cpuMillicores;
      memory += n.memoryBytes;
      cpuRoom += n.type.cpuAllocatableMillicores - overhead.cpuMillicores;
      memoryRoom += n.type.memoryAllocatableBytes - overhead.memoryBytes;
    }
    const blockers = poolBlockers({ groups, names, candidates, overhead, profile: input.profile, taints: sharedTaints(nodes), plan: best, feasibleTypes: packing.feasibleTypes });
    const plan: PlanSummary = { kind: best.kind, nodes: planLines(best.nodes), monthlyCostUsd: best.monthlyCostUsd, cpuUtilization: cpuRoom > 0 ? cpu / cpuRoom : 0, memoryUtilization: memoryRoom > 0 ? memory / memoryRoom : 0, blockers };
    results.push({ ...summary, plan, ...saving(summary.monthlyCostUsd, plan.monthlyCostUsd) });
    // Team shares: requests freed (current − planned) valued at the pool's mean per-resource prices.
    const hourly = nodes.reduce((s, n) => s + n.usdPerHour, 0);
    const prices = splitNodePrice(hourly, nodes.reduce((s, n) => s + n.cpuAllocatableMillicores, 0) / 1000, nodes.reduce((s, n) => s + n.memoryAllocatableBytes, 0) / GIB, nodes.reduce((s, n) => s + n.gpuAllocatable, 0));
    for (const p of workload) {
      const before = current(p), after = planned(p);
      const value = (cpuMillicores: number, memoryBytes: number) => (cpuMillicores / 1000) * prices.usdPerCoreHour + (memoryBytes / GIB) * prices.usdPerGiBHour;
      const t = teamValue.get(p.team) ?? { freed: 0, requested: 0 };
      t.freed += value(before.cpuMillicores - after.cpuMillicores, before.memoryBytes - after.memoryBytes);
      t.requested += value(after.cpuMillicores, after.memoryBytes);
      teamValue.set(p.team, t);
    }
  }
  results.sort((a, b) => b.monthlyCostUsd - a.monthlyCostUsd || a.cluster.localeCompare(b.cluster) || a.pool.localeCompare(b.pool));
  return { pools: results, cluster: clusterPlan(results, teamValue) };
}

function clusterPlan(pools: readonly PoolRightSizing[], teamValue: ReadonlyMap<string, { freed: number; requested: number }>): ClusterPlan {
  const lines = new Map<string, PlanLine>();
  for (const line of pools.flatMap((p) => p.plan.nodes)) {
    const l = lines.get(line.instanceType) ?? { instanceType: line.instanceType, count: 0, monthlyCostUsd: 0 };
    l.count += line.count;
    l.monthlyCostUsd += line.monthlyCostUsd;
    lines.set(line.instanceType, l);
  }
  const today = pools.reduce((s, p) => s + p.monthlyCostUsd, 0);
  const plan = pools.reduce((s, p) => s + p.plan.monthlyCostUsd, 0);
  const headline = saving(today, plan);
  const freedTotal = [...teamValue.values()].reduce((s, t) => s + Math.max(0, t.freed), 0);
  const splitBasis = freedTotal > 0 ? 'freed-requests' : 'requests';
  const weight = (t: { freed: number; requested: number }) => (splitBasis === 'freed-requests' ? Math.max(0, t.freed) : Math.max(0, t.requested));
  const total = [...teamValue.values()].reduce((s, t) => s + weight(t), 0);
  const teams = [...teamValue]
    .map(([team, t]) => ({ team, share: total > 0 ? weight(t) / total : 0, monthlySavingUsd: total > 0 ? (headline.monthlySavingUsd * weight(t)) / total : 0 }))
    .sort((a, b) => b.monthlySavingUsd - a.monthlySavingUsd || a.team.localeCompare(b.team));
  return {
    nodes: [...lines.values()].sort((a, b) => b.monthlyCostUsd - a.monthlyCostUsd || a.instanceType.localeCompare(b.instanceType)),
    todayMonthlyCostUsd: today, monthlyCostUsd: plan, ...headline,
    blockers: pools.flatMap((p) => p.plan.blockers.map((b) => ({ ...b, message: `${p.pool}: ${b.message}` }))),
    teams, splitBasis,
  };
}

/** Pods as groups of identical replicas: same workload, requests, constraints and labels. */
export function groupPods(pods: readonly InventoryPod[], requestsOf: ReturnType<typeof requestsWith>): { groups: PackGroup[]; names: string[] } {
  const byKey = new Map<string, number>();
  const groups: PackGroup[] = [];
  const names: string[] = [];
  for (const p of pods) {
    const r = requestsOf(p);
    const key = `${p.namespace}|${p.controllerKind}|${p.controllerName}|${r.cpuMillicores}|${r.memoryBytes}|${r.gpus}|${p.constraints ? JSON.stringify(p.constraints) : ''}|${p.constraints?.hostAntiAffinity ? JSON.stringify(p.labels) : ''}`;
    const at = byKey.get(key);
    if (at !== undefined) {
      groups[at]!.count++;
      continue;
    }
    byKey.set(key, groups.length);
    groups.push({ cpuMillicores: r.cpuMillicores, memoryBytes: r.memoryBytes, gpus: r.gpus, count: 1, namespace: p.namespace, labels: p.labels, constraints: p.constraints });
    names.push(`${p.namespace}/${p.controllerKind}/${p.controllerName}`);
  }
  return { groups, names };
}
