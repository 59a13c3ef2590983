import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DemoCluster, type SimulatedClock, fixedClock, startDemoCluster } from '../../lib/demo/server';
import { list } from './helpers';

let cluster: DemoCluster;
let clock: SimulatedClock;

beforeAll(async () => {
  clock = fixedClock('2023-12-31T00:00:00Z');
  cluster = await startDemoCluster({ clock });
});
afterAll(() => cluster.close());

describe('the organisation has a beginning', () => {
  test('empty before 2024-01-01, then nodes, namespaces and workloads appear', async () => {
    expect((await list(cluster, '/api/v1/nodes')).items).toHaveLength(0);
    expect((await list(cluster, '/api/v1/pods')).items).toHaveLength(0);
    clock.set(new Date('2024-01-01T09:00:00Z'));
    expect((await list(cluster, '/api/v1/nodes')).items).toHaveLength(18);
    clock.set(new Date('2024-01-02T09:00:00Z'));
    const namespaces = await list(cluster, '/api/v1/namespaces');
    expect(namespaces.items.map((n) => n.metadata.name)).toContain('checkout');
    const pods = await list(cluster, '/api/v1/pods');
    expect(pods.items.length).toBeGreaterThan(150);
    for (const pod of pods.items) expect(Date.parse((pod.metadata as unknown as { creationTimestamp: string }).creationTimestamp)).toBeLessThanOrEqual(clock.now().getTime());
  });

  test('a replay a month long sees rollouts accumulate', async () => {
    const revisions: number[] = [];
    for (let day = 0; day < 30; day += 7) {
      clock.set(new Date(Date.UTC(2026, 9, 1 + day, 12)));
      const d = await list(cluster, '/apis/apps/v1/namespaces/checkout/deployments');
      const api = d.items.find((x) => x.metadata.name === 'checkout-api') as unknown as { metadata: { annotations: Record<string, string> } };
      revisions.push(Number(api.metadata.annotations['deployment.kubernetes.io/revision']));
    }
    for (let i = 1; i < revisions.length; i++) expect(revisions[i]).toBeGreaterThan(revisions[i - 1] ?? 0);
  });
});
