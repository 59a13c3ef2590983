/**
 * Derives the delivery tables (issue 9) from the collected rollout history: `rollout` (one
 * classified row per workload revision, lib/delivery) and `pod_startup_day` (per UTC day,
 * namespace and team: pod startup and scheduling waits as log-bucket histograms).
 * Batched: a handful of queries whatever the number of workloads, multi-row upserts.
 * Reads: derive-inputs, derive-costs; writes: derive-write, pod-startup-days.
 */
import type { Database } from '../db/client';
import { deriveRolloutRows } from './derive-rollout-rows';
import type { DeriveRolloutsOptions, DeriveRolloutsResult } from './derive-options';
import { derivePodStartupDays } from './pod-startup-days';

export type { DeriveRolloutsOptions, DeriveRolloutsResult } from './derive-options';
export { COST_WINDOW_MS } from './derive-costs';
export { utcDaysOverlapping } from './pod-startup-days';

/**
 * Derives rollouts of every workload with a revision started, completed or seen since
 * `from − failureWindow` (all of such a workload's revisions, so kinds, rollbacks and recoveries
 * see the whole history) and rewrites pod_startup_day for the UTC days overlapping [from, to).
 * Only rows that may change are attributed, costed and upserted (see deriveRolloutRows), so a
 * rerun reads the history but writes little. Idempotent: a second run writes the same rows.
 * Returns the rows written (rollout rows that changed, pod_startup_day rows rewritten).
 */
export async function deriveRollouts(db: Database, options: DeriveRolloutsOptions): Promise<DeriveRolloutsResult> {
  // Independent tables: on Postgres the two run on their own connections at once.
  const [rollouts, podStartupDays] = await Promise.all([
    deriveRolloutRows(db, options),
    db.transaction((s) => derivePodStartupDays(s, options)),
  ]);
  return { rollouts, podStartupDays };
}
