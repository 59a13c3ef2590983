import type { Database } from '../db/client';
import { computeAllocation, type AllocationRequest } from '../allocation/compute';
import type { AllocationDefaults } from '../allocation/params';
import { IDLE, SHARED, UNALLOCATED, totalCost } from '../cost/allocation-set';
import type { CostFilters } from './filters';

export interface TeamAllocation {
  /** The team, or `__unallocated__` for cost that carries none. */
  team: string;
  /** The team's own cost, including its share of idle when idle is shared. */
  costUsd: number;
  /** Shared namespaces, labels and overhead spread onto the team. */
  sharedUsd: number;
  /** The part of costUsd that is shared idle (0 when idle is its own line). */
  idleShareUsd: number;
  totalUsd: number;
  /** totalUsd / everything in the window, 0..1. */
  share: number;
}

export interface TeamAllocations {
  /** Largest total first. */
  teams: TeamAllocation[];
  /** The idle line (0 when idle is shared over the teams, but for idle no team could take). */
  idleUsd: number;
  /**
   * The window's idle cost whatever the mode: the allocation API's `__idle__` with
   * includeIdle=true (Σ node idle, reconciled like every other figure).
   */
  windowIdleUsd: number;
  /** Shared cost no team could take (no team had any cost). */
  unsharedUsd: number;
  totalUsd: number;
  /** Invoice reconciliation: reconciled total − modelled total (0 without invoices for the window). */
  adjustmentUsd: number;
}

/**
 * The one definition of the dashboard's team figures (overview table, team page, unallocated
 * page): the allocation API's `aggregate=team` with the configured sharing, for the same window.
 * Per team: cost = totalCost − sharedCost (its containers, plus its idle share when idle is
 * shared), shared = sharedCost, idle share = cpu/ram/gpuCostIdle, total = totalCost.
 * Cost per team over [from, to) from the allocation engine: idle either its own line or
 * shared over the teams per node and resource, and shared namespaces/overhead (tally.yaml)
 * spread over the teams; teams + idle + unshared = everything in the window.
 */
export async function getTeamAllocation(
  db: Database,
  filters: CostFilters,
  options: TeamViewOptions,
): Promise<TeamAllocations> {
  const [step] = await computeAllocation(db, teamRequest(filters, options));
  const all = step?.allocations ?? [];
  const totalUsd = all.reduce((sum, a) => sum + totalCost(a), 0);
  const line = (name: string) => all.filter((a) => a.name === name).reduce((sum, a) => sum + totalCost(a), 0);
  const teams = all
    .filter((a) => a.name !== IDLE && a.name !== SHARED)
    .map((a) => {
      const total = totalCost(a);
      return {
        team: a.name,
        costUsd: total - a.sharedCost,
        sharedUsd: a.sharedCost,
        idleShareUsd: a.cpuCostIdle + a.ramCostIdle + a.gpuCostIdle,
        totalUsd: total,
        share: totalUsd > 0 ? total / totalUsd : 0,
      };
    })
    .sort((a, b) => b.totalUsd - a.totalUsd || a.team.localeCompare(b.team));
  // Idle is scaled in place by reconciliation, so the adjustment is measured against the model.
  let adjustmentUsd = 0;
  if (options.defaults.invoices.length > 0) {
    const [modelled] = await computeAllocation(db, teamRequest(filters, { ...options, defaults: { ...options.defaults, invoices: [] } }));
    adjustmentUsd = totalUsd - (modelled?.allocations ?? []).reduce((sum, a) => sum + totalCost(a), 0);
  }
  let windowIdleUsd = line(IDLE);
  if (options.idle === 'share') {
    const [separate] = await computeAllocation(db, teamRequest(filters, { ...options, idle: 'separate' }));
    windowIdleUsd = (separate?.allocations ?? []).filter((a) => a.name === IDLE).reduce((sum, a) => sum + totalCost(a), 0);
  }
  return { teams, idleUsd: line(IDLE), windowIdleUsd, unsharedUsd: line(SHARED), totalUsd, adjustmentUsd };
}

export interface TeamViewOptions {
  idle: 'separate' | 'share';
  defaults: AllocationDefaults;
}

/** The engine request behind the dashboard's team views: by team, the configured sharing, per-node idle. */
export function teamRequest(filters: CostFilters, options: TeamViewOptions, stepMs?: number): AllocationRequest {
  const { defaults } = options;
  return {
    window: { startMs: filters.from.getTime(), endMs: filters.to.getTime() }, stepMs,
    aggregate: ['team'], idle: options.idle, idleScope: 'node', filter: [], cluster: filters.cluster,
    shareNamespaces: defaults.shareNamespaces, shareLabels: defaults.shareLabels, shareSplit: defaults.shareSplit,
    overheadUsdPerMonth: defaults.overheadUsdPerMonth, invoices: defaults.invoices, storedSharingBeforeMs: defaults.storedSharingBeforeMs,
  };
}

export { UNALLOCATED };
