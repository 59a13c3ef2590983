import { parseReportParams, type ReportParams } from '@/lib/http/report-params';
import { AppError } from '@/lib/util/errors';

type Search = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The page's filters from the URL (month, cluster, idle), validated as the API; a bad value is dropped with a notice. */
export function parseMonthlyPageParams(search: Search, nowMs: number): ReportParams & { notices: string[] } {
  const notices: string[] = [];
  const kept = new URLSearchParams();
  for (const name of ['month', 'cluster', 'idle'] as const) {
    const value = first(search[name]);
    if (value === undefined || value === '') continue;
    try {
      parseReportParams(new URLSearchParams({ [name]: value }), nowMs);
      kept.set(name, value);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      notices.push(`ignored ${error.message}`);
    }
  }
  return { ...parseReportParams(kept, nowMs), notices };
}

/** The 12 months up to the current one, newest first, `YYYY-MM`. */
export function recentMonths(nowMs: number, count = 12): string[] {
  const now = new Date(nowMs);
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)).toISOString().slice(0, 7));
}
