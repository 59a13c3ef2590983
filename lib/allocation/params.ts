import { z } from 'zod';
import { AppError } from '../util/errors';
import type { AllocationRequest, Invoice } from './compute';
import { FilterError, parseFilter } from './filter';
import { parseWindow, windowSteps, WindowError } from './window';

const HOUR_MS = 3_600_000;
/** More steps than this would answer with tens of megabytes: refuse and say so. */
export const MAX_STEPS = 2_400;
const AGGREGATE_KEYS = ['cluster', 'node', 'namespace', 'controllerKind', 'controller', 'pod', 'container', 'team'];
const LABEL_KEY = /^label:[A-Za-z0-9._/-]{1,316}$/;

/** What the configuration contributes to every request (tally.yaml: shared costs, invoices). */
export interface AllocationDefaults {
  shareNamespaces: readonly string[];
  shareLabels: readonly { key: string; value: string }[];
  shareSplit: 'weighted' | 'even';
  overheadUsdPerMonth: number;
  invoices: readonly Invoice[];
  /** Closed months (hours before this) are shared as stored with their hours, unless a request names its own sharing. */
  storedSharingBeforeMs?: number;
}

const bool = () =>
  z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }).optional().transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'));
const list = (text: string | undefined) => (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);

const Params = z.object({
  window: z.string({ error: 'is required (e.g. 7d, month, 2026-11-01T00:00:00Z,2026-11-08T00:00:00Z)' }).min(1, 'is required'),
  aggregate: z.string().max(2000).optional().transform(list).pipe(
    z.array(z.string().refine((k) => AGGREGATE_KEYS.includes(k) || LABEL_KEY.test(k), { error: (i) => `unknown property "${String(i.input)}": use ${AGGREGATE_KEYS.join(', ')} or label:<key>` })),
  ),
  step: z.string().regex(/^\d{1,4}[hd]$/, 'must be a number of hours or days, e.g. 1h or 1d').optional(),
  accumulate: bool(),
  includeIdle: bool(),
  shareIdle: bool(),
  idleByNode: bool(),
  reconcile: bool(),
  shareNamespaces: z.string().max(4000).optional(),
  shareLabels: z.string().max(4000).optional().transform(list).pipe(
    z.array(z.string().regex(/^[A-Za-z0-9._/-]+:.+$/, 'entries must be key:value')),
  ),
  shareSplit: z.enum(['weighted', 'even'], { error: 'must be weighted or even' }).optional(),
  filter: z.string().optional(),
  format: z.enum(['json', 'csv'], { error: 'must be json or csv' }).optional(),
});

export type AllocationParams = AllocationRequest & { format: 'json' | 'csv' };

/**
 * Validates the query of `GET /api/v1/allocation` (OpenCost's parameters) into a request.
 * Every failure is an AppError INVALID whose message starts with the parameter's name.
 * Defaults as OpenCost: no idle line unless includeIdle; shareIdle spreads it (per node, or
 * per cluster with idleByNode=false); shared namespaces and overhead come from tally.yaml
 * unless shareNamespaces is given (closed months: as stored with their hours, see
 * AllocationDefaults.storedSharingBeforeMs, unless shareNamespaces or shareLabels is given);
 * invoices reconcile unless reconcile=false.
 */
export function parseAllocationParams(search: URLSearchParams, nowMs: number, defaults: AllocationDefaults): AllocationParams {
  const raw = Object.fromEntries([...Params.keyof().options].flatMap((k) => (search.has(k) ? [[k, search.get(k)!]] : [])));
  const parsed = Params.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'query');
    throw new AppError('INVALID', `${name}: ${issue.message}`);
  }
  const p = parsed.data;
  const window = invalidAs('window', () => parseWindow(p.window, nowMs));
  const filter = invalidAs('filter', () => parseFilter(p.filter ?? ''));
  const stepMs = p.step && !p.accumulate ? Number(p.step.slice(0, -1)) * (p.step.endsWith('d') ? 24 : 1) * HOUR_MS : undefined;
  if (stepMs === 0) throw new AppError('INVALID', 'step: must be at least 1h');
  if (windowSteps(window, stepMs).length > MAX_STEPS) throw new AppError('INVALID', `step: more than ${MAX_STEPS} steps in this window; use a longer step`);
  const shareLabels = p.shareLabels.length
    ? p.shareLabels.map((l) => ({ key: l.slice(0, l.indexOf(':')), value: l.slice(l.indexOf(':') + 1) }))
    : defaults.shareLabels;
  return {
    window, stepMs, filter,
    aggregate: p.aggregate,
    idle: p.shareIdle ? 'share' : p.includeIdle ? 'separate' : 'none',
    idleScope: p.idleByNode === false ? 'cluster' : 'node',
    shareNamespaces: p.shareNamespaces !== undefined ? list(p.shareNamespaces) : defaults.shareNamespaces,
    shareLabels,
    shareSplit: p.shareSplit ?? defaults.shareSplit,
    storedSharingBeforeMs: p.shareNamespaces === undefined && p.shareLabels.length === 0 ? defaults.storedSharingBeforeMs : undefined,
    overheadUsdPerMonth: defaults.overheadUsdPerMonth,
    invoices: p.reconcile === false ? [] : defaults.invoices,
    format: p.format ?? 'json',
  };
}

function invalidAs<T>(name: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof WindowError || error instanceof FilterError) throw new AppError('INVALID', `${name}: ${error.message}`);
    throw error;
  }
}
