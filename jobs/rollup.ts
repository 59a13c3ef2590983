import { rollupRange } from '../lib/ingest/rollup';
import { pendingRollups } from '../lib/ingest/rollup-pending';
import { rollupSettings } from '../lib/settings/rollup';
import type { JobDefinition } from '../lib/scheduler/types';

const DAY_MS = 86_400_000;

/**
 * Rolls up, per cluster, every hour since its newest rolled-up one through the current partial
 * hour (for today's figures): hours missed while the scheduler was down are caught up, within
 * the raw retention.
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
      return rows;
    },
  };
}
