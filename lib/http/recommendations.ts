import { z } from 'zod';
import { FilterError, parseFilter, type FilterClause } from '../allocation/filter';
import { parseWindow, WindowError, type TimeWindow } from '../allocation/window';
import type { RecommendationGroup, RecommendationGrouping } from '../capacity/aggregate-recommendations';
import type { LimitPolicy, RecommendationRow, Strategy } from '../capacity/recommend';
import type { ContainerResources, WorkloadContainer } from '../capacity/types';
import { roundUsd } from '../cost/rates';
import { AppError } from '../util/errors';
import { toCsv } from './delivery-params';

/** The longest lookback the usage rollups are meant for (issue 10: up to 90 days). */
export const MAX_LOOKBACK_DAYS = 90;
const DAY_MS = 86_400_000;
const STRATEGIES = ['simple', 'vpa'] as const;
const AGGREGATES = ['team', 'namespace', 'controller'] as const;
const FILTER_FIELDS = ['cluster', 'namespace', 'controllerKind', 'controllerName', 'container', 'team'];

const Params = z.strictObject({
  window: z.string().min(1, 'must not be empty (e.g. 14d)').optional(),
  strategy: z.enum(STRATEGIES, { error: `must be one of ${STRATEGIES.join(', ')}` }).optional(),
  filter: z.string().optional(),
  aggregate: z.enum(AGGREGATES, { error: `must be one of ${AGGREGATES.join(', ')}` }).optional(),
  format: z.enum(['json', 'csv'], { error: 'must be json or csv' }).optional(),
  cpuLimit: z.string().optional(),
  memoryLimit: z.string().optional(),
  includeHpa: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
});

const LIMIT_FORMS = 'unset, request, proportional or a usage percentile p50–p100 (e.g. p99)';

/**
 * A limit policy as written in a query or a flag: `unset`, `request` (limit = request),
 * `proportional` (keep today's limit/request ratio) or `pNN` (that percentile of usage, at least
 * the request; p50–p100, decimals allowed: p99.9). AppError INVALID naming `name` otherwise.
 */
export function parseLimitPolicy(name: string, text: string): LimitPolicy {
  if (text === 'unset' || text === 'request' || text === 'proportional') return { kind: text };
  const m = /^p(\d{2,3}(?:\.\d+)?)$/.exec(text);
  const percent = m ? Number(m[1]) : NaN;
  if (!(percent >= 50 && percent <= 100)) throw new AppError('INVALID', `${name}: must be ${LIMIT_FORMS}`);
  return { kind: 'percentile', percentile: percent / 100 };
}

export interface RecommendationParams {
  window: TimeWindow;
  strategy: Strategy;
  filter: FilterClause[];
  aggregate: RecommendationGrouping | undefined;
  format: 'json' | 'csv';
  /** Overrides of the strategy's default limits (simple: CPU unset, memory = request; vpa: proportional). */
  limitPolicy: { cpu?: LimitPolicy; memory?: LimitPolicy };
  /** Recommend requests an HPA scales on too (off by default, as KRR's allow_hpa). */
  includeHpaResources: boolean;
}

/**
 * Validates `GET /api/v1/recommendations/containers`: window as the allocation API (default the
 * last `lookbackDays` days, at most 90), strategy simple|vpa (default simple), filter on cluster,
 * namespace, controllerKind, controllerName, container, team, aggregate team|namespace|controller,
 * format json|csv, cpuLimit/memoryLimit (see parseLimitPolicy), includeHpa true|false. An unknown parameter, a repeated one or a bad value is AppError INVALID naming it.
 */
export function parseRecommendationParams(search: URLSearchParams, nowMs: number, lookbackDays: number): RecommendationParams {
  const raw: Record<string, string> = {};
  for (const [name, value] of search) {
    if (name in raw) throw new AppError('INVALID', `${name}: given more than once`);
    raw[name] = value;
  }
  const parsed = Params.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    if (issue.code === 'unrecognized_keys') {
      throw new AppError('INVALID', `${issue.keys[0]}: unknown parameter; use ${Object.keys(Params.shape).join(', ')}`);
    }
    throw new AppError('INVALID', `${String(issue.path[0] ?? 'query')}: ${issue.message}`);
  }
  const p = parsed.data;
  let window: TimeWindow;
  try {
    window = parseWindow(p.window ?? `${lookbackDays}d`, nowMs);
  } catch (error) {
    if (error instanceof WindowError) throw new AppError('INVALID', `window: ${error.message}`);
    throw error;
  }
  if (window.endMs - window.startMs > MAX_LOOKBACK_DAYS * DAY_MS) throw new AppError('INVALID', `window: longer than ${MAX_LOOKBACK_DAYS} days`);
  let filter: FilterClause[];
  try {
    filter = parseFilter(p.filter ?? '');
  } catch (error) {
    if (error instanceof FilterError) throw new AppError('INVALID', `filter: ${error.message}`);
    throw error;
  }
  const bad = filter.find((c) => !FILTER_FIELDS.includes(c.field));
  if (bad) throw new AppError('INVALID', `filter: recommendations cannot be filtered by ${bad.field}; use ${FILTER_FIELDS.join(', ')}`);
  const limitPolicy = {
    ...(p.cpuLimit !== undefined ? { cpu: parseLimitPolicy('cpuLimit', p.cpuLimit) } : {}),
    ...(p.memoryLimit !== undefined ? { memory: parseLimitPolicy('memoryLimit', p.memoryLimit) } : {}),
  };
  return {
    window, strategy: p.strategy ?? 'simple', filter, aggregate: p.aggregate, format: p.format ?? 'json',
    limitPolicy, includeHpaResources: p.includeHpa === 'true',
  };
}

/** A recommendation row as the API, the CLI and the page show it (issue 10 point 4), money to cents. */
export interface RecommendationOut extends WorkloadContainer {
  current: ContainerResources;
  recommended: ContainerResources;
  usage: RecommendationRow['usage'];
  hpa: RecommendationRow['hpa'];
  risk: RecommendationRow['risk'];
  reason: string | null;
  monthlySavingUsd: number;
}

export type RecommendationGroupOut = RecommendationGroup;

/** The rounded-once output row; hours to 0.01 h. */
export function recommendationOut(row: RecommendationRow): RecommendationOut {
  return {
    cluster: row.cluster, namespace: row.namespace, controllerKind: row.controllerKind, controllerName: row.controllerName,
    container: row.container, team: row.team, current: { ...row.current }, recommended: { ...row.recommended },
    usage: { ...row.usage, hours: Math.round(row.usage.hours * 100) / 100 }, hpa: { ...row.hpa },
    risk: { level: row.risk.level, reasons: [...row.risk.reasons] }, reason: row.reason,
    monthlySavingUsd: roundUsd(row.monthlySavingUsd, 2),
  };
}

/** The group row with its saving rounded to cents. */
export function recommendationGroupOut(group: RecommendationGroup): RecommendationGroupOut {
  return { ...group, monthlySavingUsd: roundUsd(group.monthlySavingUsd, 2) };
}

const RESOURCE_KEYS = ['cpuRequestMillicores', 'cpuLimitMillicores', 'memoryRequestBytes', 'memoryLimitBytes'] as const;
const USAGE_KEYS = ['cpuP95Millicores', 'cpuMaxMillicores', 'memoryPeakBytes', 'samples', 'hours'] as const;
export const RECOMMENDATION_CSV_COLUMNS = [
  'cluster', 'namespace', 'controllerKind', 'controllerName', 'container', 'team',
  ...RESOURCE_KEYS.map((k) => `current.${k}`), ...RESOURCE_KEYS.map((k) => `recommended.${k}`), ...USAGE_KEYS.map((k) => `usage.${k}`),
  'hpa.cpu', 'hpa.memory', 'risk', 'riskReasons', 'reason', 'monthlySavingUsd',
] as const;
export const GROUP_CSV_COLUMNS = ['key', 'team', 'cluster', 'namespace', 'controllerKind', 'controllerName', 'containers', 'monthlySavingUsd'] as const;

/** CSV of the output rows: nested fields as `current.cpuRequestMillicores` columns, risk reasons joined by "; ". */
export function recommendationsCsv(rows: readonly RecommendationOut[]): string {
  return toCsv(RECOMMENDATION_CSV_COLUMNS, rows.map((r) => ({
    ...r,
    ...Object.fromEntries(RESOURCE_KEYS.flatMap((k) => [[`current.${k}`, r.current[k]], [`recommended.${k}`, r.recommended[k]]])),
    ...Object.fromEntries(USAGE_KEYS.map((k) => [`usage.${k}`, r.usage[k]])),
    'hpa.cpu': r.hpa.cpu, 'hpa.memory': r.hpa.memory, risk: r.risk.level, riskReasons: r.risk.reasons.join('; '),
  })));
}

/** CSV of the group rows. */
export function recommendationGroupsCsv(groups: readonly RecommendationGroupOut[]): string {
  return toCsv(GROUP_CSV_COLUMNS, groups.map((g) => ({ ...g })));
}
