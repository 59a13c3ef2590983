/**
 * Allocations as OpenCost's API reports them: what one container, or a group of them, held
 * and cost over a window. Plain numbers, USD, unrounded; `roundUsd` is applied at the edge.
 */

/** Name of the idle line (capacity paid for but not allocated). */
export const IDLE = '__idle__';
/** Name for a group whose aggregation property is missing (e.g. no team, no such label). */
export const UNALLOCATED = '__unallocated__';
/** Name of a PVC's time with no pod mounting it. */
export const UNMOUNTED = '__unmounted__';
/** Name of the line holding shared costs that no group could take. */
export const SHARED = '__shared__';

export interface AllocationProperties {
  cluster?: string;
  node?: string;
  namespace?: string;
  controllerKind?: string;
  controller?: string;
  pod?: string;
  container?: string;
  team?: string;
  labels?: Record<string, string>;
}

export interface Allocation {
  name: string;
  properties: AllocationProperties;
  /** Window actually covered, epoch ms, half-open [startMs, endMs). */
  startMs: number;
  endMs: number;
  cpuCoreHours: number;
  cpuCoreRequestAverage: number;
  cpuCoreUsageAverage: number;
  cpuCost: number;
  ramByteHours: number;
  ramByteRequestAverage: number;
  ramByteUsageAverage: number;
  ramCost: number;
  gpuHours: number;
  gpuCost: number;
  pvByteHours: number;
  pvCost: number;
  /** The part of cpuCost / ramCost / gpuCost that is shared idle (shareIdle), already included in them. */
  cpuCostIdle: number;
  ramCostIdle: number;
  gpuCostIdle: number;
  /** Shared namespaces, labels and overhead spread onto this allocation. */
  sharedCost: number;
  /** Invoice reconciliation: invoice-scaled cost − modelled cost, per resource. */
  cpuCostAdjustment: number;
  ramCostAdjustment: number;
  gpuCostAdjustment: number;
  pvCostAdjustment: number;
}

/** An allocation of nothing, for the window [startMs, endMs). */
export function emptyAllocation(name: string, properties: AllocationProperties, startMs: number, endMs: number): Allocation {
  return {
    name, properties, startMs, endMs,
    cpuCoreHours: 0, cpuCoreRequestAverage: 0, cpuCoreUsageAverage: 0, cpuCost: 0,
    ramByteHours: 0, ramByteRequestAverage: 0, ramByteUsageAverage: 0, ramCost: 0,
    gpuHours: 0, gpuCost: 0, pvByteHours: 0, pvCost: 0, sharedCost: 0, cpuCostIdle: 0, ramCostIdle: 0, gpuCostIdle: 0,
    cpuCostAdjustment: 0, ramCostAdjustment: 0, gpuCostAdjustment: 0, pvCostAdjustment: 0,
  };
}

/** Minutes covered: (endMs − startMs) / 60 000. */
export function minutesOf(a: Pick<Allocation, 'startMs' | 'endMs'>): number {
  return Math.max(0, a.endMs - a.startMs) / 60_000;
}

/** CPU cost including its reconciliation adjustment, USD. */
export const cpuTotalCost = (a: Allocation) => a.cpuCost + a.cpuCostAdjustment;
/** RAM cost including its reconciliation adjustment, USD. */
export const ramTotalCost = (a: Allocation) => a.ramCost + a.ramCostAdjustment;

/** totalCost = cpu + ram + gpu + pv costs + their adjustments + shared cost, USD. */
export function totalCost(a: Allocation): number {
  return (
    a.cpuCost + a.ramCost + a.gpuCost + a.pvCost + a.sharedCost +
    a.cpuCostAdjustment + a.ramCostAdjustment + a.gpuCostAdjustment + a.pvCostAdjustment
  );
}

/** Usage ÷ request (OpenCost's rule): no request → 1 if there is usage and cost, else 0. */
function efficiency(usage: number, request: number, cost: number): number {
  if (request > 0) return usage / request;
  return usage > 0 && cost > 0 ? 1 : 0;
}

/** cpuEfficiency = cpuCoreUsageAverage / cpuCoreRequestAverage (see `efficiency`). */
export const cpuEfficiency = (a: Allocation) => efficiency(a.cpuCoreUsageAverage, a.cpuCoreRequestAverage, a.cpuCost);
/** ramEfficiency = ramByteUsageAverage / ramByteRequestAverage (see `efficiency`). */
export const ramEfficiency = (a: Allocation) => efficiency(a.ramByteUsageAverage, a.ramByteRequestAverage, a.ramCost);

/**
 * Efficiency weighted by cost: (cpuTotal·cpuEff + ramTotal·ramEff) / (cpuTotal + ramTotal),
 * 0 when neither resource cost anything.
 */
export function totalEfficiency(a: Allocation): number {
  const cpu = cpuTotalCost(a);
  const ram = ramTotalCost(a);
  return cpu + ram > 0 ? (cpu * cpuEfficiency(a) + ram * ramEfficiency(a)) / (cpu + ram) : 0;
}

const SUMMED = [
  'cpuCoreHours', 'cpuCost', 'ramByteHours', 'ramCost', 'gpuHours', 'gpuCost', 'pvByteHours', 'pvCost', 'sharedCost', 'cpuCostIdle', 'ramCostIdle', 'gpuCostIdle',
  'cpuCostAdjustment', 'ramCostAdjustment', 'gpuCostAdjustment', 'pvCostAdjustment',
] as const;
const AVERAGED = ['cpuCoreRequestAverage', 'cpuCoreUsageAverage', 'ramByteRequestAverage', 'ramByteUsageAverage'] as const;

/**
 * Sums allocations into one named `name` (OpenCost's Allocation.Add): costs, hours and
 * adjustments add; the window is [min start, max end); each average becomes
 * Σ(averageᵢ × minutesᵢ) / minutes(window), so concurrent containers' requests add up and
 * consecutive ones are time-weighted ((2 cores × 12 h + 1 core × 18 h) / 24 h = 1.75 cores).
 * Properties: those every part agrees on (labels too).
 */
export function sumAllocations(name: string, parts: readonly Allocation[]): Allocation {
  if (parts.length === 0) return emptyAllocation(name, {}, 0, 0);
  const startMs = Math.min(...parts.map((p) => p.startMs));
  const endMs = Math.max(...parts.map((p) => p.endMs));
  const sum = emptyAllocation(name, commonProperties(parts), startMs, endMs);
  const windowMinutes = minutesOf(sum);
  for (const p of parts) {
    for (const key of SUMMED) sum[key] += p[key];
    const minutes = minutesOf(p);
    for (const key of AVERAGED) sum[key] += windowMinutes > 0 ? (p[key] * minutes) / windowMinutes : 0;
  }
  return sum;
}

function commonProperties(parts: readonly Allocation[]): AllocationProperties {
  const [first, ...rest] = parts;
  const common: AllocationProperties = {};
  for (const [key, value] of Object.entries(first!.properties) as [keyof AllocationProperties, unknown][]) {
    if (key === 'labels' || value === undefined) continue;
    if (rest.every((p) => p.properties[key] === value)) (common as Record<string, unknown>)[key] = value;
  }
  const labels = first!.properties.labels;
  if (labels) {
    const shared = Object.entries(labels).filter(([k, v]) => rest.every((p) => p.properties.labels?.[k] === v));
    if (shared.length) common.labels = Object.fromEntries(shared);
  }
  return common;
}
