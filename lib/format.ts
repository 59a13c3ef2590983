/** Display formatting, in one place: quantities and times for people, never for storage. */

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** 1536 → "1.5 KiB"; binary units, one decimal above bytes. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < BINARY_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${BINARY_UNITS[unit]}`;
}

/** 2500 → "2.5 cores"; 250 → "250m". */
export function formatMillicores(millicores: number): string {
  return millicores >= 1000 ? `${(millicores / 1000).toFixed(1)} cores` : `${millicores}m`;
}

/** Age of `iso` relative to `now`: "40 s ago", "3 min ago", "2 h ago", "5 d ago". */
export function formatAge(iso: string, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - new Date(iso).getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

const MONEY = new Map<string, Intl.NumberFormat>();

/**
 * An amount in `currency` (ISO 4217, USD by default) with exactly two decimals, rounded once
 * here and nowhere before: 0.1 + 0.2 → "$0.30", 1234567.891 → "$1,234,567.89". Anything
 * that rounds to zero, -0 included, shows as "$0.00" (never "-$0.00"); NaN and ±Infinity
 * show as "—" rather than a made-up figure.
 */
export function formatUsd(amount: number, currency = 'USD'): string {
  if (!Number.isFinite(amount)) return '—';
  let format = MONEY.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    MONEY.set(currency, format);
  }
  return format.format(Math.abs(amount) < 0.005 ? 0 : amount);
}

/** The former name of {@link formatUsd}. */
export const formatMoney = formatUsd;

/**
 * A fraction (0..1) as a percentage with `digits` decimals: 0.4567 → "45.7%". -0 and tiny
 * negatives show as "0.0%"; NaN and ±Infinity as "—".
 */
export function formatPercent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return '—';
  const text = (fraction * 100).toFixed(digits);
  return `${Number(text) === 0 ? (0).toFixed(digits) : text}%`;
}
