import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../lib/db/client';
import { planHpas } from '../../lib/demo/hpa-objects';
import { fixedClock, startDemoCluster, type DemoCluster } from '../../lib/demo/server';
import { collectOnce } from '../../lib/ingest/collect-once';
import { loadKubeConfig } from '../../lib/k8s/kubeconfig';
import { type K8sHpa, toHpaRecord } from '../../lib/k8s/to-hpa';
import { getHpaTargets, hpaTargetKey } from '../../lib/queries/get-hpa-targets';
import { BACKENDS } from '../helpers/backends';

const hpa = (spec: K8sHpa['spec'], status: K8sHpa['status'] = {}): K8sHpa => ({ metadata: { namespace: 'shop', name: 'api' }, spec, status });

describe('toHpaRecord', () => {
  test.each([
    {
      what: 'CPU utilisation, replicas from status',
      item: hpa({ scaleTargetRef: { kind: 'Deployment', name: 'api' }, minReplicas: 2, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] }, { currentReplicas: 3, desiredReplicas: 4 }),
      expected: { targetKind: 'Deployment', targetName: 'api', minReplicas: 2, maxReplicas: 10, metrics: [{ resource: 'cpu', targetType: 'Utilization', target: '70' }], currentReplicas: 3, desiredReplicas: 4 },
    },
    {
      what: 'memory as an average value, a container resource, an external metric skipped, minReplicas defaulted',
      item: hpa({
        scaleTargetRef: { kind: 'StatefulSet', name: 'db' },
        maxReplicas: 5,
        metrics: [
          { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '1Gi' } } },
          { type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization', averageUtilization: 60 } } },
          { type: 'External' },
        ],
      }),
      expected: { targetKind: 'StatefulSet', targetName: 'db', minReplicas: 1, maxReplicas: 5, metrics: [{ resource: 'memory', targetType: 'AverageValue', target: '1Gi' }, { resource: 'cpu', targetType: 'Utilization', target: '60' }], currentReplicas: null, desiredReplicas: null },
    },
  ])('$what', ({ item, expected }) => {
    expect(toHpaRecord(item)).toEqual({ namespace: 'shop', name: 'api', ...expected });
  });

  test('no scale target: no record', () => {
    expect(toHpaRecord(hpa({ maxReplicas: 3 }))).toBeNull();
  });
});

describe.each(BACKENDS)('HPAs collected from the simulated cluster, into $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let cluster: DemoCluster;
  const clock = fixedClock('2026-11-25T12:00:00Z');
  const collect = () => collectOnce(db, loadKubeConfig({ kubeconfig: cluster.kubeconfigPath }), { cluster: 'hpa', pageSize: 100, sleep: async () => {} });

  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    cluster = await startDemoCluster({ seed: 7, clock });
  });
  afterAll(async () => {
    await cluster?.close();
    await cleanup?.();
  });

  test('every HPA the cluster serves is a CPU target of the latest scrape, with its bounds and replicas', async () => {
    await collect();
    const expected = planHpas(cluster.org!);
    expect(expected.length).toBeGreaterThanOrEqual(4);
    const clusterId = (await db.prisma.cluster.findUniqueOrThrow({ where: { name: 'hpa' } })).id;
    const targets = await getHpaTargets(db);
    expect([...targets.keys()].sort()).toEqual(expected.map((h) => hpaTargetKey('hpa', h.workload.namespace, 'Deployment', h.workload.name)).sort());
    for (const value of targets.values()) expect(value).toEqual({ cpu: true, memory: false });
    const rows = await db.prisma.horizontalPodAutoscaler.findMany({ where: { clusterId } });
    for (const h of expected) {
      const row = rows.find((r) => r.name === h.workload.name && r.namespace === h.workload.namespace)!;
      expect(row).toMatchObject({ minReplicas: h.minReplicas, maxReplicas: h.maxReplicas, targetKind: 'Deployment' });
      expect(row.currentReplicas).toBeGreaterThan(0);
    }
    expect(await getHpaTargets(db, { clusterIds: [clusterId + 1] })).toEqual(new Map());
  });

  test('an HPA missing from the latest scrape is not a target any more; first seen is kept', async () => {
    const clusterId = (await db.prisma.cluster.findUniqueOrThrow({ where: { name: 'hpa' } })).id;
    const first = await db.prisma.horizontalPodAutoscaler.findFirstOrThrow({ where: { clusterId } });
    await db.prisma.horizontalPodAutoscaler.update({ where: { clusterId_namespace_name: { clusterId, namespace: first.namespace, name: first.name } }, data: { name: 'gone' } });
    clock.advance(60_000);
    await collect();
    const targets = await getHpaTargets(db, { clusterIds: [clusterId] });
    expect(targets.size).toBe(planHpas(cluster.org!).length);
    const rows = await db.prisma.horizontalPodAutoscaler.findMany({ where: { clusterId } });
    expect(rows.find((r) => r.name === 'gone')!.lastSeenAt.toISOString()).toBe('2026-11-25T12:00:00.000Z');
    expect(rows.find((r) => r.name === first.name)!.firstSeenAt.toISOString()).toBe('2026-11-25T12:01:00.000Z');
    const kept = rows.find((r) => r.name !== 'gone' && r.name !== first.name)!;
    expect(kept.firstSeenAt.toISOString()).toBe('2026-11-25T12:00:00.000Z');
    expect(kept.lastSeenAt.toISOString()).toBe('2026-11-25T12:01:00.000Z');
  });
});
