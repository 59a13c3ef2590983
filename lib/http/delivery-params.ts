import { csvCell } from '../export/csv';
import { z } from 'zod';
import { FilterError, parseFilter, type FilterClause } from '../allocation/filter';
import { parseWindow, WindowError, type TimeWindow } from '../allocation/window';
import { assertDeliveryFilter } from '../queries/delivery-filter';
import { AppError } from '../util/errors';
import { DEFAULT_DORA_YEAR } from '../delivery/tiers';
import type { DoraYear } from '../delivery/types';

const AGGREGATES = ['team', 'namespace', 'controller', 'cluster'] as const;

const Common = {
  window: z.string({ error: 'is required (e.g. 7d, month, 2026-11-01T00:00:00Z,2026-11-08T00:00:00Z)' }).min(1, 'is required'),
  filter: z.string().optional(),
  format: z.enum(['json', 'csv'], { error: 'must be json or csv' }).optional(),
};
const DeliveryParams = z.object({
  ...Common,
  aggregate: z.enum(AGGREGATES, { error: `must be one of ${AGGREGATES.join(', ')}` }).optional(),
  doraYear: z.enum(['2023', '2024'], { error: 'must be 2023 or 2024' }).optional(),
});
const DeploymentsParams = z.object(Common);
const PLATFORM_AGGREGATES = ['team', 'namespace', 'cluster'] as const;
const PlatformParams = z.object({
  ...Common,
  aggregate: z.enum(PLATFORM_AGGREGATES, { error: `must be one of ${PLATFORM_AGGREGATES.join(', ')}` }).optional(),
});

export interface DeploymentsParams {
  window: TimeWindow;
  filter: FilterClause[];
  format: 'json' | 'csv';
}
export interface DeliveryParams extends DeploymentsParams {
  aggregate: (typeof AGGREGATES)[number];
  doraYear: DoraYear;
}

function parse<S extends z.ZodObject>(schema: S, search: URLSearchParams): z.infer<S> {
  const raw = Object.fromEntries(Object.keys(schema.shape).flatMap((k) => (search.has(k) ? [[k, search.get(k)!]] : [])));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('INVALID', `${String(issue.path[0] ?? 'query')}: ${issue.message}`);
  }
  return parsed.data;
}

function windowAndFilter(p: { window: string; filter?: string | undefined }, nowMs: number): { window: TimeWindow; filter: FilterClause[] } {
  try {
    const window = parseWindow(p.window, nowMs);
    try {
      const filter = parseFilter(p.filter ?? '');
      assertDeliveryFilter(filter);
      return { window, filter };
    } catch (error) {
      if (error instanceof FilterError) throw new AppError('INVALID', `filter: ${error.message}`);
      throw error;
    }
  } catch (error) {
    if (error instanceof WindowError) throw new AppError('INVALID', `window: ${error.message}`);
    throw error;
  }
}

/**
 * Validates `GET /api/v1/delivery`: window and filter as the allocation API (filter fields
 * cluster, namespace, controllerKind, controllerName, team), aggregate (default team), doraYear
 * (default `defaultDoraYear`), format. Failures are AppError INVALID naming the parameter.
 */
export function parseDeliveryParams(search: URLSearchParams, nowMs: number, defaultDoraYear: DoraYear = DEFAULT_DORA_YEAR): DeliveryParams {
  const p = parse(DeliveryParams, search);
  return {
    ...windowAndFilter(p, nowMs),
    aggregate: p.aggregate ?? 'team',
    doraYear: p.doraYear === undefined ? defaultDoraYear : (Number(p.doraYear) as DoraYear),
    format: p.format ?? 'json',
  };
}

/** Validates `GET /api/v1/deployments` (window, filter, format), as parseDeliveryParams. */
export function parseDeploymentsParams(search: URLSearchParams, nowMs: number): DeploymentsParams {
  const p = parse(DeploymentsParams, search);
  return { ...windowAndFilter(p, nowMs), format: p.format ?? 'json' };
}

export interface PlatformParams extends DeploymentsParams {
  aggregate: (typeof PLATFORM_AGGREGATES)[number];
}

/** Validates `GET /api/v1/platform` (window, filter, aggregate team|namespace|cluster default team, format), as parseDeliveryParams. */
export function parsePlatformParams(search: URLSearchParams, nowMs: number): PlatformParams {
  const p = parse(PlatformParams, search);
  return { ...windowAndFilter(p, nowMs), aggregate: p.aggregate ?? 'team', format: p.format ?? 'json' };
}

/** One CSV field: quoted when it holds a comma, quote or line break; null → empty. */
/** CSV of flat records: a header of `columns`, then one line per record (CRLF line ends), each cell RFC 4180 and spreadsheet-safe (csvCell). */
export function toCsv(columns: readonly string[], records: readonly Record<string, unknown>[]): string {
  return [columns.join(','), ...records.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\r\n') + '\r\n';
}
