import { pruneRawSamples } from '../lib/ingest/prune';
import type { JobDefinition } from '../lib/scheduler/types';

/** Deletes raw samples older than the retention (hourly rollups are kept). */
export function pruneJob(schedule: string, retentionDays: number): JobDefinition {
  return {
    name: 'prune',
    schedule,
    perCluster: false,
    run: ({ db, now }) => pruneRawSamples(db, new Date(now().getTime() - retentionDays * 86_400_000)),
  };
}
