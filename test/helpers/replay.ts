import type { Database } from '../../lib/db/client';
import { fixedClock, startDemoCluster, type DemoCluster } from '../../lib/demo/server';
import { backfill } from '../../lib/ingest/backfill';
import { rollupRange } from '../../lib/ingest/rollup';
import { loadKubeConfig } from '../../lib/k8s/kubeconfig';

/**
 * Replays the demo cluster (seed `seed`) over [from, to) into `db` through the real collector,
 * rolling up each hour as it completes: three hours take a few seconds. The rollups' present is
 * `to` (never the wall clock), so the replayed month is the open one on any date. Close the
 * returned cluster when done.
 */
export async function replayDemo(db: Database, from: Date, to: Date, seed = 3, clusterName = 'replay'): Promise<DemoCluster> {
  const clock = fixedClock(from);
  const cluster = await startDemoCluster({ seed, clock, clusterName });
  await backfill(db, {
    cluster: clusterName, connection: loadKubeConfig({ kubeconfig: cluster.kubeconfigPath }), clock, from,
    to: new Date(to.getTime() + 600_000), // one scrape past the window bounds its last hour
    onHourComplete: (hour) => rollupRange(db, { from: hour, to: new Date(hour.getTime() + 3_600_000), cluster: clusterName, now: to }).then(() => {}),
  });
  return cluster;
}
