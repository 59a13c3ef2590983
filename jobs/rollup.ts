import { rollupRange } from '../lib/ingest/rollup';
import { rollupSettings } from '../lib/settings/rollup';
import type { JobDefinition } from '../lib/scheduler/types';

const HOUR_MS = 3_600_000;

/** Rolls up the hour that just ended and the current partial hour (for today's figures). */
export function rollupJob(schedule: string): JobDefinition {
  return {
    name: 'rollup',
    schedule,
    perCluster: false,
    run: ({ db, now }) => {
      const currentHour = Math.floor(now().getTime() / HOUR_MS) * HOUR_MS;
      return rollupRange(db, { ...rollupSettings(), from: new Date(currentHour - HOUR_MS), to: new Date(currentHour + HOUR_MS) });
    },
  };
}
