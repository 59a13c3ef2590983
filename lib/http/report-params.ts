import { z } from 'zod';
import { AppError } from '../util/errors';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const ReportParams = z.object({
  month: z.string().regex(MONTH, 'must be YYYY-MM (e.g. 2026-11)').optional(),
  cluster: z.string().min(1, 'must name a cluster').optional(),
  idle: z.enum(['separate', 'shared'], { error: 'must be separate or shared' }).optional(),
  format: z.enum(['json', 'csv'], { error: 'must be json or csv' }).optional(),
});

export interface ReportParams {
  month: string;
  cluster: string | undefined;
  idle: 'separate' | 'share';
  format: 'json' | 'csv';
}

/**
 * `GET /api/v1/reports/monthly` query: month (`YYYY-MM`, default the current UTC month; a month
 * that has not begun is refused), cluster (all), idle (`separate`: its own line; `shared` over
 * the teams), format (json).
 */
export function parseReportParams(search: URLSearchParams, nowMs: number): ReportParams {
  const raw = Object.fromEntries(Object.keys(ReportParams.shape).flatMap((k) => (search.has(k) ? [[k, search.get(k)!]] : [])));
  const parsed = ReportParams.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('INVALID', `${String(issue.path[0] ?? 'query')}: ${issue.message}`);
  }
  const p = parsed.data;
  const current = new Date(nowMs).toISOString().slice(0, 7);
  const month = p.month ?? current;
  if (month > current) throw new AppError('INVALID', `month: ${month} has not begun (the current month is ${current})`);
  return { month, cluster: p.cluster, idle: p.idle === 'shared' ? 'share' : 'separate', format: p.format ?? 'json' };
}
