/**
 * List chunking as kube-apiserver does it: `limit` plus an opaque `continue` token that
 * encodes the list's resourceVersion and the key to resume after (base64url of
 * `{"v":"meta.k8s.io/v1","rv":N,"start":"ns/name\u0000"}`), and `remainingItemCount`.
 */
import { msOfResourceVersion, resourceVersionAt } from './calendar';
import { type Entry, compareKeys } from './store';

export interface ContinuePosition {
  /** Simulated instant of the list the token continues. */
  listMs: number;
  resourceVersion: string;
  /** Resume at the first key ≥ start. */
  start: string;
}

/** The token for continuing a list taken at `listMs` after the entry with key `lastKey`. */
export function encodeContinue(listMs: number, lastKey: string): string {
  const payload = JSON.stringify({ v: 'meta.k8s.io/v1', rv: Number(resourceVersionAt(listMs)), start: `${lastKey}\u0000` });
  return Buffer.from(payload, 'utf8').toString('base64url');
}

/** Decodes a continue token; a string is the reason it is not valid. */
export function decodeContinue(token: string): ContinuePosition | string {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(token)) return 'illegal base64 data';
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return 'invalid character in continue token';
  }
  if (typeof parsed !== 'object' || parsed === null) return 'invalid continue token';
  const { v, rv, start } = parsed as { v?: unknown; rv?: unknown; start?: unknown };
  if (v !== 'meta.k8s.io/v1') return 'server does not recognize this encoded key';
  if (typeof rv !== 'number' || !Number.isInteger(rv) || rv < 1 || typeof start !== 'string' || start === '') return 'invalid continue token';
  const listMs = msOfResourceVersion(String(rv));
  if (listMs === null) return 'invalid continue token';
  return { listMs, resourceVersion: String(rv), start };
}

/** Index of the first entry whose key is ≥ `start` (entries sorted by key). */
export function lowerBound(entries: readonly Entry[], start: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const entry = entries[mid];
    if (entry && compareKeys(entry.key, start) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface Page {
  items: readonly Entry[];
  continueToken: string | null;
  /** Items after this page; null when unknown (selectors) or when the list is complete. */
  remainingItemCount: number | null;
}

/**
 * One page of `entries` (already filtered) from `start`, at most `limit` items (0 = all).
 * With selectors the real server cannot count what remains, so `countRemaining` is false.
 */
export function paginate(entries: readonly Entry[], start: string | null, limit: number, listMs: number, countRemaining: boolean): Page {
  const from = start === null ? 0 : lowerBound(entries, start);
  const to = limit > 0 ? Math.min(entries.length, from + limit) : entries.length;
  const items = entries.slice(from, to);
  const last = items[items.length - 1];
  if (to >= entries.length || !last) return { items, continueToken: null, remainingItemCount: null };
  return { items, continueToken: encodeContinue(listMs, last.key), remainingItemCount: countRemaining ? entries.length - to : null };
}
