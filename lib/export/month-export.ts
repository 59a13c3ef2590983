import { computeAllocation } from '../allocation/compute';
import type { AllocationDefaults } from '../allocation/params';
import { IDLE, SHARED, UNALLOCATED, UNMOUNTED, totalCost, type Allocation } from '../cost/allocation-set';
import { FOCUS_COLUMNS, focusRow, type FocusInput } from '../cost/focus';
import type { Database } from '../db/client';
import { monthBounds } from '../queries/get-monthly-report';
import { teamRequest, type TeamViewOptions } from '../queries/get-team-allocation';
import { csvLine } from './csv';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface MonthExportQuery {
  month: string;
  cluster?: string;
  nowMs: number;
  idle: TeamViewOptions['idle'];
  defaults: AllocationDefaults;
  granularity: 'daily' | 'hourly';
  discountPercent: number;
  /** The billing currency and its rate for the month (FOCUS's billed, effective, list and contracted cost). */
  rate: { currency: string; rate: number };
}

/** The month's charge periods up to the data's end: UTC days (or hours), the last one cut at nowMs. */
function periods(q: MonthExportQuery): { startMs: number; endMs: number }[] {
  const { startMs, endMs } = monthBounds(q.month);
  const dataEndMs = Math.min(endMs, q.nowMs); // as the monthly report: its total is these rows' sum
  const step = q.granularity === 'hourly' ? HOUR_MS : DAY_MS;
  const out: { startMs: number; endMs: number }[] = [];
  for (let ms = startMs; ms < dataEndMs; ms += step) out.push({ startMs: ms, endMs: Math.min(ms + step, dataEndMs) });
  return out;
}

const LINES: Record<string, FocusInput['line']> = { [IDLE]: 'idle', [SHARED]: 'shared', [UNMOUNTED]: 'unmounted' };

function inputOf(a: Allocation, period: { startMs: number; endMs: number }, q: MonthExportQuery): FocusInput {
  const { startMs, endMs } = monthBounds(q.month);
  const line = LINES[a.name] ?? 'workload';
  const known = (v: string | undefined) => (v === undefined || v === UNALLOCATED ? null : v);
  const p = a.properties;
  return {
    cluster: p.cluster ?? 'unknown', team: line === 'workload' ? (p.team ?? UNALLOCATED) : a.name, line,
    namespace: line === 'workload' ? known(p.namespace) : null, controllerKind: line === 'workload' ? known(p.controllerKind) : null,
    controller: line === 'workload' ? known(p.controller) : null,
    chargeStartMs: period.startMs, chargeEndMs: period.endMs, billingStartMs: startMs, billingEndMs: endMs,
    hours: (period.endMs - period.startMs) / HOUR_MS,
    cpuCoreHours: a.cpuCoreHours, ramByteHours: a.ramByteHours, gpuHours: a.gpuHours, pvByteHours: a.pvByteHours,
    cpuCostUsd: a.cpuCost, ramCostUsd: a.ramCost, gpuCostUsd: a.gpuCost, pvCostUsd: a.pvCost, sharedCostUsd: a.sharedCost,
    idleCostUsd: line === 'idle' ? totalCost(a) : a.cpuCostIdle + a.ramCostIdle + a.gpuCostIdle,
    adjustmentUsd: a.cpuCostAdjustment + a.ramCostAdjustment + a.gpuCostAdjustment + a.pvCostAdjustment,
    totalCostUsd: totalCost(a), discountPercent: q.discountPercent, currency: q.rate.currency, usdExchangeRate: q.rate.rate, labels: {},
  };
}

/**
 * The month's allocations as rows, one charge period at a time (one engine read per day or
 * hour), so memory holds one period whatever the month's size: per cluster × team × namespace ×
 * workload, and the idle, shared and unmounted lines, with the configured sharing and invoice
 * reconciliation — the allocation API's figures, so Σ EffectiveCost = the monthly report's total.
 */
export async function* monthAllocations(db: Database, q: MonthExportQuery): AsyncGenerator<FocusInput> {
  const options: TeamViewOptions = { idle: q.idle, defaults: q.defaults };
  for (const period of periods(q)) {
    const request = { ...teamRequest({ cluster: q.cluster, from: new Date(period.startMs), to: new Date(period.endMs) }, options), aggregate: ['cluster', 'team', 'namespace', 'controllerKind', 'controller'] };
    const [step] = await computeAllocation(db, request);
    const rows = (step?.allocations ?? []).filter((a) => totalCost(a) !== 0 || a.cpuCoreHours > 0);
    rows.sort((x, y) => x.name.localeCompare(y.name));
    for (const a of rows) yield inputOf(a, period, q);
  }
}

const money = (v: number) => Math.round(v * 1e6) / 1e6;
const MONEY_COLUMNS = new Set(['BilledCost', 'ContractedCost', 'EffectiveCost', 'ListCost', 'x_CpuCostUsd', 'x_RamCostUsd', 'x_GpuCostUsd', 'x_PvCostUsd', 'x_SharedCostUsd', 'x_IdleCostUsd', 'x_AdjustmentUsd']);
const FOCUS_NAMES = FOCUS_COLUMNS.map((c) => c.name);

/** The FOCUS file: a header, then one line per row; money to the micro-dollar, as the allocation API. */
export async function* focusCsv(rows: AsyncIterable<FocusInput>): AsyncGenerator<string> {
  yield `${FOCUS_NAMES.join(',')}\r\n`;
  for await (const r of rows) {
    const record = focusRow(r);
    for (const name of MONEY_COLUMNS) if (typeof record[name] === 'number') record[name] = money(record[name] as number);
    yield csvLine(FOCUS_NAMES, record);
  }
}

export const ALLOCATION_CSV_COLUMNS = [
  'month', 'periodStart', 'periodEnd', 'cluster', 'team', 'namespace', 'controllerKind', 'controller', 'line', 'cpuCoreHours', 'ramByteHours', 'gpuHours',
  'pvByteHours', 'cpuCostUsd', 'ramCostUsd', 'gpuCostUsd', 'pvCostUsd', 'sharedCostUsd', 'idleCostUsd', 'adjustmentUsd', 'totalCostUsd',
] as const;

/** Tally's own CSV of the same rows: its names and units, spreadsheet-safe. */
export async function* allocationCsv(month: string, rows: AsyncIterable<FocusInput>): AsyncGenerator<string> {
  yield `${ALLOCATION_CSV_COLUMNS.join(',')}\r\n`;
  for await (const r of rows) {
    yield csvLine(ALLOCATION_CSV_COLUMNS, {
      ...r, month, periodStart: new Date(r.chargeStartMs).toISOString(), periodEnd: new Date(r.chargeEndMs).toISOString(),
      cpuCostUsd: money(r.cpuCostUsd), ramCostUsd: money(r.ramCostUsd), gpuCostUsd: money(r.gpuCostUsd), pvCostUsd: money(r.pvCostUsd),
      sharedCostUsd: money(r.sharedCostUsd), idleCostUsd: money(r.idleCostUsd), adjustmentUsd: money(r.adjustmentUsd), totalCostUsd: money(r.totalCostUsd),
    });
  }
}
