import type { Database } from '../db/client';

/** Deletes raw container, node and claim samples taken before `before`; returns rows deleted. */
export async function pruneRawSamples(db: Database, before: Date): Promise<number> {
  return db.session(async (s) => {
    const containers = await s.run('DELETE FROM "container_sample" WHERE sampled_at < $1', [before]);
    const nodes = await s.run('DELETE FROM "node_sample" WHERE sampled_at < $1', [before]);
    const claims = await s.run('DELETE FROM "claim_sample" WHERE sampled_at < $1', [before]);
    const scrapes = await s.run('DELETE FROM "scrape" WHERE sampled_at < $1', [before]);
    return containers + nodes + claims + scrapes;
  });
}
