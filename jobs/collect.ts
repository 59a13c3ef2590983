import { collectOnce } from '../lib/ingest/collect-once';
import type { JobDefinition } from '../lib/scheduler/types';

/** Scrapes each cluster (default every minute); a hung API call fails after `timeoutMs`. */
export function collectJob(schedule: string, timeoutMs: number): JobDefinition {
  return {
    name: 'collect',
    schedule,
    perCluster: true,
    async run({ db, cluster }) {
      if (!cluster) throw new Error('collect needs a cluster');
      const result = await collectOnce(db, cluster.connection, { cluster: cluster.name, timeoutMs });
      return result.rowsWritten;
    },
  };
}
