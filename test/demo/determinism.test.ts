import { describe, expect, test } from 'vitest';
import { generateOrg } from '../../lib/demo/org';
import { type DemoCluster, fixedClock, startDemoCluster } from '../../lib/demo/server';
import { WEDNESDAY_NOON, list } from './helpers';

const PATHS = [
  '/api/v1/namespaces',
  '/api/v1/nodes',
  '/api/v1/pods',
  '/api/v1/persistentvolumes',
  '/api/v1/persistentvolumeclaims',
  '/apis/apps/v1/deployments',
  '/apis/apps/v1/replicasets',
  '/apis/apps/v1/statefulsets',
  '/apis/apps/v1/daemonsets',
  '/apis/batch/v1/jobs',
  '/apis/batch/v1/cronjobs',
  '/apis/metrics.k8s.io/v1beta1/nodes',
  '/apis/metrics.k8s.io/v1beta1/pods',
];

async function dump(seed: number): Promise<string[]> {
  const cluster: DemoCluster = await startDemoCluster({ seed, clock: fixedClock(WEDNESDAY_NOON) });
  try {
    const out: string[] = [];
    for (const path of PATHS) out.push(JSON.stringify(await list(cluster, path)));
    return out;
  } finally {
    await cluster.close();
  }
}

describe('determinism by seed', () => {
  test('same seed and instant → identical JSON for every resource', async () => {
    const [a, b] = await Promise.all([dump(42), dump(42)]);
    expect(a).toEqual(b);
  });

  test('a different seed → a different organisation', async () => {
    const [a, b] = await Promise.all([dump(42), dump(43)]);
    PATHS.forEach((path, i) => {
      if (path !== '/api/v1/namespaces') expect(a[i], path).not.toEqual(b[i]);
    });
  });

  test('generateOrg is pure', () => {
    expect(JSON.stringify(generateOrg({ seed: 5 }))).toBe(JSON.stringify(generateOrg({ seed: 5 })));
  });
});
