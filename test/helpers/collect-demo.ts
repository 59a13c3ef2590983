import type { Database } from '../../lib/db/client';
import { fixedClock, startDemoCluster, type DemoCluster } from '../../lib/demo/server';
import { backfill } from '../../lib/ingest/backfill';
import { loadKubeConfig } from '../../lib/k8s/kubeconfig';

/**
 * Collects the demo cluster (seed `seed`) over [from, to] through the real collector at
 * 10-minute steps (one scrape past `to` bounds its last hour), rolling nothing up: tests roll
 * up themselves, with a fixed `now`. Close the returned cluster when done.
 */
export async function collectDemo(db: Database, from: Date, to: Date, seed = 3, clusterName = 'replay'): Promise<DemoCluster> {
  const clock = fixedClock(from);
  const cluster = await startDemoCluster({ seed, clock, clusterName });
  await backfill(db, {
    cluster: clusterName, connection: loadKubeConfig({ kubeconfig: cluster.kubeconfigPath }), clock, from,
    to: new Date(to.getTime() + 600_000),
  });
  return cluster;
}
