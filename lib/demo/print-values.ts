/** Reading fields of an object for printing, and apimachinery's human durations. */
import type { JsonValue } from './store';

/** The value at a dotted path, or undefined. */
export function at(object: JsonValue | undefined, path: string): JsonValue | undefined {
  let value: JsonValue | undefined = object;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = value[key];
  }
  return value;
}

export const text = (o: JsonValue | undefined, path: string, fallback = ''): string => {
  const v = at(o, path);
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : fallback;
};
export const int = (o: JsonValue | undefined, path: string): number => {
  const v = at(o, path);
  return typeof v === 'number' ? v : 0;
};
export const list = (o: JsonValue | undefined, path: string): JsonValue[] => {
  const v = at(o, path);
  return Array.isArray(v) ? v : [];
};
export const record = (o: JsonValue | undefined, path: string): Record<string, string> => {
  const v = at(o, path);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
};

/**
 * apimachinery's duration.HumanDuration: `45s`, `3m20s`, `2h10m`, `3d4h`, `120d`, `2y30d`;
 * `<invalid>` for more than a second in the future, `0s` within it.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${Math.trunc(days / 365)}y` : `${Math.trunc(days / 365)}y${days % 365}d`;
  return `${Math.trunc(days / 365)}y`;
}

/** The age of a timestamp field as kubectl prints it, `<unknown>` when absent. */
export function since(o: JsonValue | undefined, path: string, nowMs: number, missing = '<unknown>'): string {
  const value = text(o, path);
  const ms = Date.parse(value);
  return value === '' || Number.isNaN(ms) ? missing : humanDuration(nowMs - ms);
}

