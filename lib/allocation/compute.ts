import type { Database } from '../db/client';
import { aggregate, type IdleCost, type ResourceCosts, type ShareSplit } from '../cost/aggregate';
import { emptyAllocation, type Allocation } from '../cost/allocation-set';
import { isSharedCost, UNASSIGNED_TEAM } from '../cost/attribution';
import { HOURS_PER_MONTH } from '../cost/rates';
import { reconcileAllocation, reconcileIdle, reconciliationFactor } from '../cost/reconcile';
import { getAllocationRows, getIdleRows, type AllocationDimension, type AllocationRow } from '../queries/get-allocation-rows';
import { getModelledMonths } from '../queries/get-modelled-months';
import type { FilterClause } from './filter';
import { windowSteps, type TimeWindow } from './window';

const HOUR_MS = 3_600_000;
const NO_SHARE = { cpuCost: 0, ramCost: 0, gpuCost: 0 };

export interface Invoice {
  cluster: string;
  /** `YYYY-MM`. */
  month: string;
  totalUsd: number;
}

export interface AllocationRequest {
  window: TimeWindow;
  stepMs?: number;
  /** Aggregation keys (cluster, node, namespace, controllerKind, controller, pod, container, team, label:<key>). */
  aggregate: readonly string[];
  idle: 'separate' | 'share' | 'none';
  idleScope: 'node' | 'cluster';
  filter: readonly FilterClause[];
  shareNamespaces: readonly string[];
  shareLabels: readonly { key: string; value: string }[];
  shareSplit: ShareSplit;
  overheadUsdPerMonth: number;
  invoices: readonly Invoice[];
  /** Only this cluster, read as a whole (its idle too); all clusters when unset. */
  cluster?: string;
  /**
   * Hours before this instant (the closed months) are shared as stored with them when they were
   * rolled up; shareNamespaces/shareLabels apply to later hours and to hours rolled up before
   * sharing was stored. Unset: shareNamespaces/shareLabels apply to every hour.
   */
  storedSharingBeforeMs?: number;
}

export interface AllocationStep extends TimeWindow {
  allocations: Allocation[];
}

const KEY_DIMENSION: Record<string, AllocationDimension | null> = {
  cluster: null, node: 'node', namespace: 'namespace', controllerKind: 'controller', controller: 'controller',
  controllerName: 'controller', pod: 'pod', container: 'container', team: 'team',
};

const DEFAULT_AGGREGATE = ['cluster', 'node', 'namespace', 'pod', 'container'];
const labelKey = (key: string) => (key.startsWith('label:') ? key.slice(6) : null);

/** The columns a request needs: what it groups by, filters on and shares by. */
function needs(req: AllocationRequest) {
  // Per-node idle shares come precomputed with the rows (see computeAllocation): no node needed.
  const keys = [
    ...(req.aggregate.length ? req.aggregate : DEFAULT_AGGREGATE), ...req.filter.map((c) => c.field),
    ...(req.shareNamespaces.length ? ['namespace'] : []),
  ];
  const labelKeys = [...new Set([...keys.map(labelKey), ...req.shareLabels.map((l) => l.key)].filter((k): k is string => k !== null))];
  const dimensions = new Set(keys.map((k) => KEY_DIMENSION[k]).filter((d): d is AllocationDimension => d !== null && d !== undefined));
  return { dimensions, labelKeys };
}

function toAllocation(row: AllocationRow, labelKeys: readonly string[], step: TimeWindow): Allocation {
  const startMs = Math.max(step.startMs, row.firstHourMs);
  const endMs = Math.min(step.endMs, row.lastHourMs + HOUR_MS);
  const spanSeconds = Math.max(1, (endMs - startMs) / 1000);
  const labels: Record<string, string> = {};
  labelKeys.forEach((k, i) => row.labels[i] && (labels[k] = row.labels[i]!));
  const properties = {
    cluster: row.cluster, node: row.node ?? undefined, namespace: row.namespace ?? undefined,
    controllerKind: row.controllerKind ?? undefined, controller: row.controllerName ?? undefined,
    pod: row.pod ?? undefined, container: row.container ?? undefined,
    team: row.team && row.team !== UNASSIGNED_TEAM ? row.team : undefined, labels,
  };
  return {
    ...emptyAllocation('', properties, startMs, endMs),
    cpuCoreHours: row.cpuCoreHours, cpuCoreRequestAverage: row.cpuRequestCoreSeconds / spanSeconds,
    cpuCoreUsageAverage: row.cpuUsageCoreSeconds / spanSeconds, cpuCost: row.cpuCost,
    ramByteHours: row.ramByteHours, ramByteRequestAverage: row.ramRequestByteSeconds / spanSeconds,
    ramByteUsageAverage: row.ramUsageByteSeconds / spanSeconds, ramCost: row.ramCost,
    gpuHours: row.gpuHours, gpuCost: row.gpuCost, pvByteHours: row.pvByteHours, pvCost: row.pvCost,
  };
}

/** True when an allocation passes every filter clause (any value of a clause; `!:` none of them). */
function matches(a: Allocation, clauses: readonly FilterClause[]): boolean {
  return clauses.every((c) => {
    const label = labelKey(c.field);
    const p = a.properties;
    const value = label !== null ? p.labels?.[label] : c.field === 'controllerName' ? p.controller : p[c.field as 'cluster'];
    const hit = c.values.includes(value ?? '');
    return c.negated ? !hit : hit;
  });
}

/**
 * The allocation API's computation: reads the rows of the window (grouped only by what the
 * request needs), reconciles them with any invoice of their cluster and month, then
 * aggregates each step with the pure engine (lib/cost/aggregate).
 */
export async function computeAllocation(db: Database, req: AllocationRequest): Promise<AllocationStep[]> {
  const steps = windowSteps(req.window, req.stepMs);
  const { dimensions, labelKeys } = needs(req);
  const query = {
    startMs: steps[0]!.startMs, endMs: steps.at(-1)!.endMs, stepMs: req.stepMs, dimensions, labelKeys, byMonth: req.invoices.length > 0,
    cluster: req.cluster, storedSharingBeforeMs: req.storedSharingBeforeMs,
  };
  const [rows, idleRows] = await Promise.all([getAllocationRows(db, query), req.idle === 'none' ? [] : getIdleRows(db, query)]);
  const rowsByStep = groupBy(rows, (r) => r.step);
  const idleByStep = groupBy(idleRows, (r) => r.step);
  const factors = await invoiceFactors(db, req.invoices, rows.map((r) => r.monthStart).filter((m): m is Date => m !== null));
  const factorOf = (cluster: string, month: Date | null) => (month ? factors.get(`${cluster}|${month.toISOString()}`) : undefined);

  const by = req.aggregate.length ? req.aggregate : DEFAULT_AGGREGATE;
  const sharedLabels = req.shareLabels;
  const sharing = { namespaces: req.shareNamespaces, labels: sharedLabels };
  return steps.map((step, index) => {
    const shares = new Map<Allocation, ResourceCosts>();
    const storedShared = new Map<Allocation, boolean>();
    const allocations = (rowsByStep.get(index) ?? []).map((r) => {
      const factor = factorOf(r.cluster, r.monthStart) ?? 1;
      const a = factor === 1 ? toAllocation(r, labelKeys, step) : reconcileAllocation(toAllocation(r, labelKeys, step), factor);
      shares.set(a, { cpuCost: r.cpuIdleShare * factor, ramCost: r.ramIdleShare * factor, gpuCost: r.gpuIdleShare * factor });
      if (r.sharedStored !== null) storedShared.set(a, r.sharedStored);
      return a;
    });
    const stepIdle = idleByStep.get(index) ?? [];
    const residual = { cpuCost: 0, ramCost: 0, gpuCost: 0 };
    for (const r of stepIdle) {
      const factor = factorOf(r.cluster, r.monthStart) ?? 1;
      residual.cpuCost += r.cpuUnshared * factor;
      residual.ramCost += r.ramUnshared * factor;
      residual.gpuCost += r.gpuUnshared * factor;
    }
    const idle: IdleCost[] = stepIdle.map((r) => {
      const i = { cluster: r.cluster, node: r.node ?? undefined, startMs: Math.max(step.startMs, r.firstHourMs), endMs: Math.min(step.endMs, r.lastHourMs + HOUR_MS), cpuCost: r.cpuCost, ramCost: r.ramCost, gpuCost: r.gpuCost };
      const factor = factorOf(r.cluster, r.monthStart);
      return factor === undefined ? i : reconcileIdle(i, factor);
    });
    const shared = (a: Allocation) => storedShared.get(a) ?? isSharedCost(a.properties.namespace ?? '', a.properties.labels ?? {}, sharing);
    const result = aggregate(allocations, idle, {
      by, idle: req.idle, idleScope: req.idleScope, shareSplit: req.shareSplit,
      filter: req.filter.length ? (a) => matches(a, req.filter) : undefined,
      shared: req.shareNamespaces.length || sharedLabels.length || storedShared.size ? shared : undefined,
      sharedOverheadUsd: (req.overheadUsdPerMonth / HOURS_PER_MONTH) * ((step.endMs - step.startMs) / HOUR_MS),
      // Per node, idle was shared hour by hour in the rollup; per cluster, it is shared here over the window.
      precomputedIdle: req.idleScope === 'node' ? { shareOf: (a) => shares.get(a) ?? NO_SHARE, residual } : undefined,
    });
    return { ...step, allocations: result };
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

async function invoiceFactors(db: Database, invoices: readonly Invoice[], monthsSeen: Date[]): Promise<Map<string, number>> {
  const factors = new Map<string, number>();
  if (invoices.length === 0) return factors;
  const months = [...new Map(monthsSeen.map((m) => [m.getTime(), m])).values()];
  for (const m of await getModelledMonths(db, months)) {
    const month = m.monthStart.toISOString().slice(0, 7);
    const invoice = invoices.find((i) => i.cluster === m.cluster && i.month === month);
    if (invoice && m.modelledUsd > 0) factors.set(`${m.cluster}|${m.monthStart.toISOString()}`, reconciliationFactor(invoice.totalUsd, m.modelledUsd));
  }
  return factors;
}
