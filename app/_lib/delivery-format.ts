import { formatPercent } from '@/lib/format';
import type { Tier } from '@/lib/delivery/types';

/** What the dashboard shows for a value with nothing to measure: never 0. */
export const ABSENT = '—';

/** A duration for people: "45 s", "12 min", "3.4 h", "2.1 d"; null → "—"; negative (clock skew) with a minus. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return ABSENT;
  const sign = seconds < 0 ? '−' : '';
  const s = Math.abs(seconds);
  if (s < 59.5) return `${sign}${Math.round(s)} s`;
  if (s < 3570) return `${sign}${Math.round(s / 60)} min`; // 59.5 min and over read as 1.0 h, not "60 min" (23.95 h: 1.0 d)
  if (s < 86_220) return `${sign}${(s / 3600).toFixed(1)} h`;
  return `${sign}${(s / 86_400).toFixed(1)} d`;
}

/** Deployments per day as the nearest natural rate: "3.2/day", "2.0/week", "0.5/month". */
export function formatFrequency(perDay: number): string {
  if (perDay >= 1) return `${perDay.toFixed(1)}/day`;
  if (perDay * 7 >= 1) return `${(perDay * 7).toFixed(1)}/week`;
  return `${(perDay * 30).toFixed(1)}/month`;
}

/** A ratio (fraction 0–1) as a percentage; null → "—". */
export const formatRatio = (fraction: number | null): string => (fraction === null ? ABSENT : formatPercent(fraction));

/** A DORA tier as shown; null (nothing to rank) → "—". */
export const formatTier = (tier: Tier | null): string => tier ?? ABSENT;

/** A cost impact (after ÷ before − 1) as a signed percentage: "+30.0%", "−12.5%"; null → "—". */
export function formatImpact(fraction: number | null): string {
  if (fraction === null) return ABSENT;
  const text = formatPercent(Math.abs(fraction));
  if (text === formatPercent(0)) return text;
  return `${fraction > 0 ? '+' : '−'}${text}`;
}

const PER_HOUR = new Map<string, Intl.NumberFormat>();

/** An hourly cost with up to four decimals, for the small per-workload rates: "$0.0412/h", "$1.25/h"; not finite → "—". */
export function formatUsdPerHour(usd: number, currency = 'USD'): string {
  if (!Number.isFinite(usd)) return ABSENT;
  let format = PER_HOUR.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 4 });
    PER_HOUR.set(currency, format);
  }
  return `${format.format(Math.abs(usd) < 0.00005 ? 0 : usd)}/h`;
}
