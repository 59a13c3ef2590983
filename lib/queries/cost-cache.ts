import type { Database } from '../db/client';
import { getCostDataVersion } from './get-cost-data-version';

const MAX_ENTRIES = 32;

interface Entry {
  version: string;
  value: Promise<unknown>;
}

// Per database (tests and the bench open several in one process), insertion-ordered for LRU.
const caches = new WeakMap<Database, Map<string, Entry>>();

/**
 * `compute()` memoised per database on `key` and the cost data version. The version is read
 * before computing, so a rollup committing meanwhile leaves an entry that is at worst newer than
 * its version says, never older: the next call sees the new version and recomputes. Concurrent
 * calls for one key share one computation; a failed one is not kept. Values must not be mutated.
 */
export async function cachedOnCostData<V>(db: Database, key: string, compute: () => Promise<V>): Promise<V> {
  const version = await getCostDataVersion(db);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && hit.version === version) {
    cache.delete(key); // most recently used last
    cache.set(key, hit);
    return hit.value as Promise<V>;
  }
  const value = compute();
  cache.set(key, { version, value });
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  value.catch(() => {
    if (cache.get(key)?.value === value) cache.delete(key);
  });
  return value;
}
