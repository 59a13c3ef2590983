import type { ContainerUsageHistory } from './types';

/** Ordered risk levels of a container as it runs today (none < low < medium < high). */
export const RISK_LEVELS = ['none', 'low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export interface Risk {
  level: RiskLevel;
  reasons: string[];
}

/** What the risk reads of a container's usage (millicores, bytes). */
export interface RiskUsage {
  cpuP95Millicores: number | null;
  cpuMaxMillicores: number | null;
  memoryPeakBytes: number | null;
}

/**
 * Risk of the current requests and limits against usage:
 * - high: OOM kills seen; memory peak ≥ 90% of the memory limit (OOM risk);
 * - medium: CPU p95 above the CPU request or CPU max ≥ 90% of the CPU limit (throttling);
 *   memory peak above the memory request (eviction under node memory pressure); ≥ 5 restarts;
 * - low: CPU max above the request; 1–4 restarts; a request unset (BestEffort / Burstable).
 * The level is the highest reason's; no reason → none.
 */
export function assessRisk(history: ContainerUsageHistory, usage: RiskUsage): Risk {
  const found: Array<[RiskLevel, string]> = [];
  const c = history.current;
  const { cpuP95Millicores: p95, cpuMaxMillicores: max, memoryPeakBytes: peak } = usage;
  if (history.oomKills.length > 0) found.push(['high', `${history.oomKills.length} OOM kill(s) in the lookback`]);
  if (peak !== null && c.memoryLimitBytes !== null && peak >= 0.9 * c.memoryLimitBytes) {
    found.push(['high', 'memory peak at ≥ 90% of the limit (OOM risk)']);
  }
  if (c.cpuRequestMillicores !== null && p95 !== null && p95 > c.cpuRequestMillicores) {
    found.push(['medium', 'CPU p95 above the request (throttling risk under contention)']);
  } else if (c.cpuRequestMillicores !== null && max !== null && max > c.cpuRequestMillicores) {
    found.push(['low', 'CPU peak above the request']);
  }
  if (c.cpuLimitMillicores !== null && max !== null && max >= 0.9 * c.cpuLimitMillicores) {
    found.push(['medium', 'CPU peak at ≥ 90% of the limit (throttled)']);
  }
  if (c.memoryRequestBytes !== null && peak !== null && peak > c.memoryRequestBytes) {
    found.push(['medium', 'memory peak above the request (eviction risk under memory pressure)']);
  }
  if (history.restarts >= 5) found.push(['medium', `${history.restarts} restarts`]);
  else if (history.restarts > 0) found.push(['low', `${history.restarts} restart(s)`]);
  if (c.cpuRequestMillicores === null) found.push(['low', 'no CPU request']);
  if (c.memoryRequestBytes === null) found.push(['low', 'no memory request']);
  const level = found.reduce<RiskLevel>((top, [l]) => (RISK_LEVELS.indexOf(l) > RISK_LEVELS.indexOf(top) ? l : top), 'none');
  return { level, reasons: found.map(([, reason]) => reason) };
}
