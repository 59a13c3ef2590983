import { z } from 'zod';

const DAY_MS = 86_400_000;
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));

export interface OverviewParams {
  cluster?: string;
  /** Month to date by default: [first of this month, tomorrow). */
  from: Date;
  to: Date;
  /** The daily chart: the last 30 days up to `to`. */
  chartFrom: Date;
  notice: string | null;
}

/** Validates the URL's filters; a bad value is ignored with a visible notice, never a crash. */
export function parseOverviewParams(search: Record<string, string | string[] | undefined>, now: Date): OverviewParams {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const notices: string[] = [];
  const pick = (key: string) => {
    const value = search[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const day = (key: string, fallback: number) => {
    const raw = pick(key);
    if (raw === undefined || raw === '') return fallback;
    const parsed = isoDay.safeParse(raw);
    if (!parsed.success) {
      notices.push(`ignored ${key}=${JSON.stringify(raw.slice(0, 40))} (expected YYYY-MM-DD)`);
      return fallback;
    }
    return Date.parse(`${parsed.data}T00:00:00Z`);
  };
  const from = day('from', Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  // `to` names the last day shown, so the window ends the day after it.
  let to = day('to', today) + DAY_MS;
  if (to <= from) {
    notices.push('the range ends before it starts: showing the default range');
    to = today + DAY_MS;
  }
  const cluster = z.string().min(1).max(253).safeParse(pick('cluster'));
  return {
    cluster: cluster.success ? cluster.data : undefined,
    from: new Date(from),
    to: new Date(to),
    chartFrom: new Date(Math.min(from, to - 30 * DAY_MS)),
    notice: notices.length ? notices.join('; ') : null,
  };
}
