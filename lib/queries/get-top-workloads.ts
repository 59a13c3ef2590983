import type { Database } from '../db/client';
import { computeAllocation } from '../allocation/compute';
import { IDLE, SHARED, UNALLOCATED, minutesOf, totalCost, type Allocation } from '../cost/allocation-set';
import type { CostFilters } from './filters';
import { teamRequest, type TeamViewOptions } from './get-team-allocation';

export interface WorkloadCost {
  cluster: string;
  namespace: string;
  controllerKind: string;
  controllerName: string;
  /** The team (`__unallocated__` when none); across teams, the one that carries most of its cost. */
  team: string;
  /** Its containers' cost, plus its idle share when idle is shared: the team table's "Cost" for one workload. */
  costUsd: number;
  /** The part of costUsd that is shared idle. */
  idleShareUsd: number;
  /** Shared namespaces, labels and overhead spread onto it (weighted or even, as for the teams). */
  sharedUsd: number;
  totalUsd: number;
  /** Σ usage / Σ request over the window; null without requests. */
  cpuEfficiency: number | null;
  memoryEfficiency: number | null;
  /** CPU and memory efficiency weighted by their costs; null when neither is known. */
  totalEfficiency: number | null;
}

export interface TopWorkloadsOptions extends TeamViewOptions {
  /** Only this team's part of each workload (`__unallocated__` for cost without a team). */
  team?: string;
  limit?: number;
}

const NO_SHARING: TeamViewOptions = {
  idle: 'separate',
  defaults: { shareNamespaces: [], shareLabels: [], shareSplit: 'weighted', overheadUsdPerMonth: 0, invoices: [] },
};

/** What the engine groups workloads by; the API's `aggregate=cluster,namespace,controllerKind,controller,team`. */
export const WORKLOAD_AGGREGATE = ['cluster', 'namespace', 'controllerKind', 'controller', 'team'] as const;

interface Part {
  a: Allocation;
  cpuRequestMinutes: number;
  cpuUsageMinutes: number;
  ramRequestMinutes: number;
  ramUsageMinutes: number;
}

/**
 * The `limit` workloads (controllers) that cost most over [from, to), largest cost first (ties
 * by cluster, namespace, kind, name), from the allocation engine with the same request as the
 * team table: a workload's cost, idle share and shared part are the figures its team's row is
 * the sum of. Workloads in shared namespaces are not listed: their cost is the teams' Shared.
 * A workload whose pods carry several teams is listed once, under the team with most of its
 * cost, unless `team` asks for one team's part.
 */
export async function getTopWorkloads(db: Database, filters: CostFilters, options: TopWorkloadsOptions = NO_SHARING): Promise<WorkloadCost[]> {
  const [step] = await computeAllocation(db, { ...teamRequest(filters, options), aggregate: [...WORKLOAD_AGGREGATE] });
  const groups = new Map<string, Part[]>();
  for (const a of step?.allocations ?? []) {
    if (a.name === IDLE || a.name === SHARED) continue;
    const team = a.properties.team ?? UNALLOCATED;
    if (options.team !== undefined && team !== options.team) continue;
    const key = [a.properties.cluster, a.properties.namespace, a.properties.controllerKind, a.properties.controller].join('\u0000');
    const minutes = minutesOf(a);
    const part = {
      a, cpuRequestMinutes: a.cpuCoreRequestAverage * minutes, cpuUsageMinutes: a.cpuCoreUsageAverage * minutes,
      ramRequestMinutes: a.ramByteRequestAverage * minutes, ramUsageMinutes: a.ramByteUsageAverage * minutes,
    };
    const group = groups.get(key);
    if (group) group.push(part);
    else groups.set(key, [part]);
  }
  const workloads = [...groups.values()].map(toWorkload);
  workloads.sort((x, y) => y.costUsd - x.costUsd || x.cluster.localeCompare(y.cluster) || x.namespace.localeCompare(y.namespace)
    || x.controllerKind.localeCompare(y.controllerKind) || x.controllerName.localeCompare(y.controllerName));
  return workloads.slice(0, options.limit ?? 10);
}

function toWorkload(parts: Part[]): WorkloadCost {
  const sum = (f: (p: Part) => number) => parts.reduce((s, p) => s + f(p), 0);
  const own = (p: Part) => totalCost(p.a) - p.a.sharedCost;
  const main = [...parts].sort((x, y) => own(y) - own(x) || (x.a.properties.team ?? '').localeCompare(y.a.properties.team ?? ''))[0]!.a;
  const ratio = (usage: number, request: number) => (request > 0 ? usage / request : null);
  const cpuEfficiency = ratio(sum((p) => p.cpuUsageMinutes), sum((p) => p.cpuRequestMinutes));
  const memoryEfficiency = ratio(sum((p) => p.ramUsageMinutes), sum((p) => p.ramRequestMinutes));
  return {
    cluster: main.properties.cluster ?? '',
    namespace: main.properties.namespace ?? '',
    controllerKind: main.properties.controllerKind ?? '',
    controllerName: main.properties.controller ?? '',
    team: main.properties.team ?? UNALLOCATED,
    costUsd: sum(own),
    idleShareUsd: sum((p) => p.a.cpuCostIdle + p.a.ramCostIdle + p.a.gpuCostIdle),
    sharedUsd: sum((p) => p.a.sharedCost),
    totalUsd: sum((p) => totalCost(p.a)),
    cpuEfficiency,
    memoryEfficiency,
    totalEfficiency: costWeighted([
      [cpuEfficiency, sum((p) => p.a.cpuCost + p.a.cpuCostAdjustment)],
      [memoryEfficiency, sum((p) => p.a.ramCost + p.a.ramCostAdjustment)],
    ]),
  };
}

/** Σ efficiency × cost / Σ cost over the resources whose efficiency is known; null if none. */
function costWeighted(parts: [number | null, number][]): number | null {
  const known = parts.filter((p): p is [number, number] => p[0] !== null && p[1] > 0);
  const weight = known.reduce((sum, [, cost]) => sum + cost, 0);
  return weight > 0 ? known.reduce((sum, [eff, cost]) => sum + eff * cost, 0) / weight : null;
}
