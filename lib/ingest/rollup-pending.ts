import type { Database } from '../db/client';

const HOUR_MS = 3_600_000;

export interface PendingRollup {
  cluster: string;
  from: Date;
  to: Date;
}

const hourOf = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;

/**
 * What the scheduled rollup must (re)compute at `now`, per cluster with raw samples: every hour
 * from its newest rolled-up hour (newest node_hour; the previous hour at the latest, which the
 * current hour's first scrape completes) through the current hour, so hours missed while the
 * scheduler or the database was down are caught up. Never before the oldest raw scrape kept
 * nor before `now − rawRetentionMs` (older hours have nothing left to roll up from), nor past
 * the hour of the newest scrape.
 */
export async function pendingRollups(db: Database, now: Date, rawRetentionMs: number): Promise<PendingRollup[]> {
  const rows = await db.session((s) =>
    s.query<{ name: string; newest: Date | null; oldest: Date | null; latest: Date | null }>(
      `SELECT c.name, (SELECT max(hour_start) FROM "node_hour" h WHERE h.cluster_id = c.id) AS newest,
              (SELECT min(sampled_at) FROM "scrape" s WHERE s.cluster_id = c.id) AS oldest,
              (SELECT max(sampled_at) FROM "scrape" s WHERE s.cluster_id = c.id) AS latest
         FROM "cluster" c ORDER BY c.name`,
    ),
  );
  const current = hourOf(now.getTime());
  const floor = hourOf(now.getTime() - rawRetentionMs);
  const pending: PendingRollup[] = [];
  for (const row of rows) {
    if (row.oldest === null || row.latest === null) continue;
    const oldest = hourOf(new Date(row.oldest).getTime());
    const newest = row.newest === null ? oldest : new Date(row.newest).getTime();
    const from = Math.max(Math.min(newest, current - HOUR_MS), oldest, floor);
    // Hours after the newest scrape have nothing to roll up yet.
    const last = Math.min(current, hourOf(new Date(row.latest).getTime()));
    if (from <= last) pending.push({ cluster: row.name, from: new Date(from), to: new Date(last + HOUR_MS) });
  }
  return pending;
}
