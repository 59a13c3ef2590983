import {
  cpuEfficiency, minutesOf, ramEfficiency, totalCost, totalEfficiency, type Allocation,
} from '../cost/allocation-set';
import { roundUsd } from '../cost/rates';
import type { AllocationStep } from './compute';

/** RFC 3339 without milliseconds, as OpenCost writes times. */
const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
/** Rounded once, here at the edge: 6 decimals (OpenCost's API rounds to 5). */
const r = (value: number) => roundUsd(value, 6);

/** Per-hour quantity over the allocation's minutes (e.g. cpuCores = cpuCoreHours / hours). */
const perHour = (value: number, a: Allocation) => (minutesOf(a) > 0 ? value / (minutesOf(a) / 60) : 0);

/** One allocation in OpenCost's JSON shape (AllocationJSON): its field names, Tally's numbers. */
export function toOpenCostJson(a: Allocation, step: AllocationStep) {
  const { labels, ...rest } = a.properties;
  const properties = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  return {
    name: a.name,
    properties: labels && Object.keys(labels).length ? { ...properties, labels } : properties,
    window: { start: rfc3339(step.startMs), end: rfc3339(step.endMs) },
    start: rfc3339(a.startMs),
    end: rfc3339(a.endMs),
    minutes: r(minutesOf(a)),
    cpuCores: r(perHour(a.cpuCoreHours, a)),
    cpuCoreRequestAverage: r(a.cpuCoreRequestAverage),
    cpuCoreLimitAverage: 0,
    cpuCoreUsageAverage: r(a.cpuCoreUsageAverage),
    cpuCoreHours: r(a.cpuCoreHours),
    cpuCost: r(a.cpuCost),
    cpuCostAdjustment: r(a.cpuCostAdjustment),
    cpuCostIdle: r(a.cpuCostIdle),
    cpuEfficiency: r(cpuEfficiency(a)),
    gpuCount: r(perHour(a.gpuHours, a)),
    gpuHours: r(a.gpuHours),
    gpuCost: r(a.gpuCost),
    gpuCostAdjustment: r(a.gpuCostAdjustment),
    gpuCostIdle: r(a.gpuCostIdle),
    gpuEfficiency: 0,
    networkTransferBytes: 0,
    networkReceiveBytes: 0,
    networkCost: 0,
    networkCrossZoneCost: 0,
    networkCrossRegionCost: 0,
    networkInternetCost: 0,
    networkCostAdjustment: 0,
    loadBalancerCost: 0,
    loadBalancerCostAdjustment: 0,
    pvBytes: r(perHour(a.pvByteHours, a)),
    pvByteHours: r(a.pvByteHours),
    pvCost: r(a.pvCost),
    pvs: {},
    pvCostAdjustment: r(a.pvCostAdjustment),
    ramBytes: r(perHour(a.ramByteHours, a)),
    ramByteRequestAverage: r(a.ramByteRequestAverage),
    ramByteLimitAverage: 0,
    ramByteUsageAverage: r(a.ramByteUsageAverage),
    ramByteHours: r(a.ramByteHours),
    ramCost: r(a.ramCost),
    ramCostAdjustment: r(a.ramCostAdjustment),
    ramCostIdle: r(a.ramCostIdle),
    ramEfficiency: r(ramEfficiency(a)),
    externalCost: 0,
    sharedCost: r(a.sharedCost),
    totalCost: r(totalCost(a)),
    totalEfficiency: r(totalEfficiency(a)),
    lbAllocations: {},
    gpuAllocation: null,
  };
}

/** OpenCost's response: `{code: 200, data: [ {name: allocation, …} per step ]}`. */
export function toOpenCostResponse(steps: readonly AllocationStep[]) {
  return {
    code: 200,
    data: steps.map((step) => Object.fromEntries(step.allocations.map((a) => [a.name, toOpenCostJson(a, step)]))),
  };
}

export const CSV_COLUMNS = [
  'name', 'windowStart', 'windowEnd', 'start', 'end', 'minutes', 'cpuCores', 'cpuCoreRequestAverage', 'cpuCoreUsageAverage',
  'cpuCoreHours', 'cpuCost', 'cpuCostAdjustment', 'cpuEfficiency', 'gpuCount', 'gpuHours', 'gpuCost', 'gpuCostAdjustment',
  'pvBytes', 'pvByteHours', 'pvCost', 'pvCostAdjustment', 'ramBytes', 'ramByteRequestAverage', 'ramByteUsageAverage',
  'ramByteHours', 'ramCost', 'ramCostAdjustment', 'ramEfficiency', 'sharedCost', 'externalCost', 'totalCost', 'totalEfficiency',
] as const;

/** A CSV cell: quoted when needed; text a spreadsheet would run as a formula is defused with a leading '. */
function cell(value: unknown): string {
  let text = String(value ?? '');
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The same numbers as CSV, one row per allocation per step. */
export function toOpenCostCsv(steps: readonly AllocationStep[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const step of steps) {
    for (const a of step.allocations) {
      const json: Record<string, unknown> = { ...toOpenCostJson(a, step), windowStart: rfc3339(step.startMs), windowEnd: rfc3339(step.endMs) };
      lines.push(CSV_COLUMNS.map((c) => cell(json[c])).join(','));
    }
  }
  return lines.join('\r\n') + '\r\n';
}
