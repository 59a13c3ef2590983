import type { Database } from '../db/client';
import { pruneRawSamples } from './prune';

/**
 * After a backfill chunk [from, to) is rolled up: deletes its raw samples older than `cutoff`
 * (the raw retention), so the older days keep only their rollups. The chunk's first scrape
 * stays: it bounds the last hour of the chunk before it, replayed next; the next chunk's pruning
 * (or the final prune) removes it. The newer chunk's first scrape (at `to`) goes now.
 */
export async function pruneBackfilledChunk(db: Database, chunk: { from: Date; to: Date }, cutoff: Date): Promise<number> {
  if (chunk.from.getTime() >= cutoff.getTime()) return 0;
  const before = new Date(Math.min(chunk.to.getTime() + 1, cutoff.getTime()));
  return pruneRawSamples(db, before, { after: chunk.from });
}
