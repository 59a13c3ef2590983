import type { Database } from '../db/client';

const RAW_TABLES = ['container_sample', 'node_sample', 'claim_sample', 'scrape'] as const;

/**
 * Deletes raw container, node and claim samples (and their scrapes) taken before `before`,
 * and after `after` when given (a replayed chunk's samples, keeping its first scrape, which
 * bounds the hour before it); returns rows deleted.
 */
export async function pruneRawSamples(db: Database, before: Date, options: { after?: Date } = {}): Promise<number> {
  const { after } = options;
  return db.session(async (s) => {
    let rows = 0;
    for (const table of RAW_TABLES) {
      rows += after
        ? await s.run(`DELETE FROM "${table}" WHERE sampled_at < $1 AND sampled_at > $2`, [before, after])
        : await s.run(`DELETE FROM "${table}" WHERE sampled_at < $1`, [before]);
    }
    return rows;
  });
}

// Raw samples come and go; inventory rows are rewritten by every scrape; rollups replace their rows.
const CHURNED_TABLES = [...RAW_TABLES, 'namespace', 'node', 'pod', 'container', 'persistent_volume', 'persistent_volume_claim',
  'container_hour', 'workload_container_hour', 'node_hour', 'container_day', 'workload_container_day', 'workload_day', 'node_day', 'workload', 'workload_revision', 'rollout', 'workload_derivation', 'pod_startup_day'];

/**
 * Embedded PGlite has no autovacuum: dead rows (pruned samples, the old versions of every
 * inventory row a scrape refreshes, replaced rollup rows) would keep growing the files.
 * VACUUM makes their space reusable (and gives trailing empty pages back); a CHECKPOINT then
 * lets old WAL segments go. Postgres's own autovacuum does this there, so it is a no-op.
 * `reindexSamples` also rebuilds the raw-sample indexes, which deletes leave half empty
 * (46 → 25 MB for 8 days of the demo; about a second).
 */
export async function reclaimSpace(db: Database, options: { reindexSamples?: boolean } = {}): Promise<void> {
  if (db.kind !== 'pglite') return;
  await db.session(async (s) => {
    for (const table of CHURNED_TABLES) await s.exec(`VACUUM "${table}"`);
    if (options.reindexSamples) for (const table of RAW_TABLES) await s.exec(`REINDEX TABLE "${table}"`);
    await s.exec('CHECKPOINT');
  });
}
