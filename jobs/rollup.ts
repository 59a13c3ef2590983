import { refreshCloseRecomputes } from '../lib/close/month-close';
import { liveMonthlyReport } from '../lib/http/monthly-report';
import { getClusters } from '../lib/queries/get-clusters';
import { DEFAULT_ATTRIBUTION } from '../lib/cost/attribution';
import { deriveRollouts } from '../lib/ingest/derive-rollouts';
import { rollupRange } from '../lib/ingest/rollup';
import { pendingRollups } from '../lib/ingest/rollup-pending';
import { deliverySettings } from '../lib/settings/delivery';
import { rollupSettings } from '../lib/settings/rollup';
import type { JobDefinition } from '../lib/scheduler/types';

const DAY_MS = 86_400_000;
/** The clusters whose own monthly report is precomputed after a rollup (the report cache holds 32 entries). */
const PRECOMPUTED_CLUSTERS = 5;
const HOUR_MS = 3_600_000;

/**
 * Rolls up, per cluster, every hour since its newest rolled-up one through the current partial
 * hour (for today's figures): hours missed while the scheduler was down are caught up, within
 * the raw retention. Then derives the delivery metrics (rollouts, pod startup days) of
 * [now − failure window − 1 h, now): rollouts that may still change, and today's pods. Then
 * recomputes the closed months whose data or config changed since their last check.
 */
export function rollupJob(schedule: string, rawRetentionDays = 8): JobDefinition {
  return {
    name: 'rollup',
    schedule,
    perCluster: false,
    async run({ db, now }) {
      const at = now();
      const settings = rollupSettings();
      let rows = 0;
      for (const p of await pendingRollups(db, at, rawRetentionDays * DAY_MS)) {
        rows += await rollupRange(db, { ...settings, from: p.from, to: p.to, cluster: p.cluster, now: at });
      }
      const delivery = deliverySettings().settings;
      const derived = await deriveRollouts(db, {
        from: new Date(at.getTime() - delivery.failureWindowMs - HOUR_MS), to: at, now: at, settings: delivery, attribution: settings.attribution ?? DEFAULT_ATTRIBUTION,
      });
      // Closed months: what a recompute with today's data and config would give (shown, never applied).
      const recomputed = await refreshCloseRecomputes(db, at);
      // This month's reports for the new data (all clusters and each of the first few, idle separate
      // and shared), computed here rather than by their next reader: they are cached on the data version.
      if (rows > 0) {
        const month = at.toISOString().slice(0, 7);
        for (const cluster of [undefined, ...(await getClusters(db)).slice(0, PRECOMPUTED_CLUSTERS)]) {
          for (const idle of ['separate', 'share'] as const) await liveMonthlyReport({ month, cluster, idle }, at, db);
        }
      }
      return rows + derived.rollouts + derived.podStartupDays + recomputed;
    },
  };
}
