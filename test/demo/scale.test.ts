import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DemoCluster, fixedClock, startDemoCluster } from '../../lib/demo/server';
import { WEDNESDAY_NOON, list } from './helpers';

let cluster: DemoCluster;

beforeAll(async () => {
  cluster = await startDemoCluster({ nodes: 1000, pods: 30_000, clock: fixedClock(WEDNESDAY_NOON) });
}, 60_000);
afterAll(() => cluster.close());

describe('benchmark scale: 1,000 nodes, 30,000 pods', () => {
  test('builds and serves pages of 500', async () => {
    const firstNodes = await list(cluster, '/api/v1/nodes?limit=500');
    expect(firstNodes.items).toHaveLength(500);
    // 1,000 planned nodes and the 11 the cluster autoscaler added for cart-service by Wednesday noon (late in the month).
    expect(firstNodes.metadata.remainingItemCount).toBe(511);
    const firstPods = await list(cluster, '/api/v1/pods?limit=500');
    expect(firstPods.items).toHaveLength(500);
    const total = 500 + (firstPods.metadata.remainingItemCount ?? 0);
    expect(total).toBeGreaterThan(29_000);
    expect(total).toBeLessThan(31_000);
    const next = await list(cluster, `/api/v1/pods?limit=500&continue=${firstPods.metadata.continue}`);
    expect(next.items).toHaveLength(500);
    expect(next.metadata.remainingItemCount).toBe(total - 1000);
    const pending = await list(cluster, '/api/v1/pods?fieldSelector=status.phase%3DPending');
    expect(pending.items).toHaveLength(0);
    const metrics = await list(cluster, '/apis/metrics.k8s.io/v1beta1/pods?limit=500');
    expect(metrics.items).toHaveLength(500);
  });
});
