import { pruneRawSamples, reclaimSpace } from '../lib/ingest/prune';
import type { JobDefinition } from '../lib/scheduler/types';

/** Deletes raw samples older than the retention (hourly rollups are kept), then reclaims their space. */
export function pruneJob(schedule: string, retentionDays: number): JobDefinition {
  return {
    name: 'prune',
    schedule,
    perCluster: false,
    run: async ({ db, now }) => {
      const rows = await pruneRawSamples(db, new Date(now().getTime() - retentionDays * 86_400_000));
      await reclaimSpace(db, { reindexSamples: true });
      return rows;
    },
  };
}
