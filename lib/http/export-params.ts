import { z } from 'zod';
import { AppError } from '../util/errors';
import { parseReportParams, type ReportParams } from './report-params';

const ExportParams = z.object({
  format: z.enum(['csv', 'focus'], { error: 'must be csv or focus' }).optional(),
  granularity: z.enum(['daily', 'hourly'], { error: 'must be daily or hourly' }).optional(),
});

export interface ExportParams extends Omit<ReportParams, 'format'> {
  format: 'csv' | 'focus';
  granularity: 'daily' | 'hourly';
}

/** `GET /api/v1/export` and `tally export`: the report's month, cluster and idle, then format (focus) and granularity (daily). */
export function parseExportParams(search: URLSearchParams, nowMs: number): ExportParams {
  const own = new URLSearchParams();
  const rest = new URLSearchParams();
  for (const [k, v] of search) (k === 'format' || k === 'granularity' ? own : rest).set(k, v);
  const parsed = ExportParams.safeParse(Object.fromEntries(own));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('INVALID', `${String(issue.path[0] ?? 'query')}: ${issue.message}`);
  }
  const { format: _json, ...report } = parseReportParams(rest, nowMs);
  return { ...report, format: parsed.data.format ?? 'focus', granularity: parsed.data.granularity ?? 'daily' };
}
