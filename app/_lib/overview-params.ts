import { z } from 'zod';

const DAY_MS = 86_400_000;
/** Longest window the overview accepts (13 months of hourly rows are kept). */
const MAX_DAYS = 400;

// A real calendar day: "2026-02-31" would otherwise parse as March 3. Years stay where
// every layer (JS ISO strings, Postgres, the chart) reads them plainly.
const isoDay = z
  .string()
  .regex(/^(19[7-9]\d|2\d{3})-\d{2}-\d{2}$/)
  .refine((s) => {
    const ms = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === s;
  });
const clusterName = z.string().min(1).max(253);

export interface OverviewParams {
  cluster?: string;
  /** Month to date by default: [first of this month, tomorrow), UTC. */
  from: Date;
  to: Date;
  /** The daily chart: the last 30 days up to `to` (or the whole window when longer). */
  chartFrom: Date;
  /** The window is the default one: this month up to today. */
  monthToDate: boolean;
  /** Idle as its own line (default) or shared over the teams (`idle=shared`). */
  idle: 'separate' | 'share';
  notice: string | null;
}

type Search = Record<string, string | string[] | undefined>;

/**
 * Validates the URL's filters (`cluster`, `from`, `to` as YYYY-MM-DD, `to` inclusive). A bad
 * value falls back to its default with a visible notice, never a crash; a range longer than
 * 400 days is shortened to its last 400 days.
 */
export function parseOverviewParams(search: Search, now: Date): OverviewParams {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const notices: string[] = [];
  const pick = (key: string) => {
    const value = search[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const day = (key: string, fallback: number) => {
    const raw = pick(key);
    if (raw === undefined || raw === '') return fallback;
    const parsed = isoDay.safeParse(raw);
    if (parsed.success) return Date.parse(`${parsed.data}T00:00:00Z`);
    notices.push(`ignored ${key}=${JSON.stringify(raw.slice(0, 40))} (expected a date as YYYY-MM-DD)`);
    return fallback;
  };
  let from = day('from', monthStart);
  // `to` names the last day shown, so the window ends the day after it.
  let to = day('to', today) + DAY_MS;
  if (to <= from) {
    notices.push('the range ends before it starts: showing this month to date');
    from = monthStart;
    to = today + DAY_MS;
  }
  if (to - from > MAX_DAYS * DAY_MS) {
    notices.push(`the range is longer than ${MAX_DAYS} days: showing its last ${MAX_DAYS}`);
    from = to - MAX_DAYS * DAY_MS;
  }
  const rawCluster = pick('cluster');
  const cluster = clusterName.safeParse(rawCluster);
  if (rawCluster && !cluster.success) notices.push('ignored the cluster name (too long): showing all clusters');
  return {
    cluster: cluster.success ? cluster.data : undefined,
    from: new Date(from),
    to: new Date(to),
    chartFrom: new Date(Math.min(from, to - 30 * DAY_MS)),
    monthToDate: from === monthStart && to === today + DAY_MS,
    idle: pick('idle') === 'shared' ? 'share' : 'separate',
    notice: notices.length ? notices.join('; ') : null,
  };
}

/** The given filters of the URL as a query string (first value of each), for links that keep them. */
export function queryString(search: Search, keys: readonly string[]): string {
  const params = new URLSearchParams();
  for (const key of keys) {
    const value = search[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (first) params.set(key, first);
  }
  return params.toString();
}

/** The window's first and last UTC day (YYYY-MM-DD; `to` is exclusive) and how a page names it. */
export function periodLabels(p: Pick<OverviewParams, 'from' | 'to' | 'monthToDate'>): { firstDay: string; lastDay: string; period: string } {
  const firstDay = p.from.toISOString().slice(0, 10);
  const lastDay = new Date(p.to.getTime() - 86_400_000).toISOString().slice(0, 10);
  return { firstDay, lastDay, period: p.monthToDate ? 'month to date' : `${firstDay} to ${lastDay}` };
}
