import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../lib/db/client';
import { fixedClock, startDemoCluster, type DemoCluster, type SimulatedClock } from '../../lib/demo/server';
import { collectOnce } from '../../lib/ingest/collect-once';
import { loadKubeConfig } from '../../lib/k8s/kubeconfig';
import { BACKENDS } from '../helpers/backends';

const NOON = new Date('2026-11-25T12:00:00.000Z');
const noSleep = async () => {};

describe.each(BACKENDS)('collector against the simulated cluster, into $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let cluster: DemoCluster;
  let clock: SimulatedClock;
  const collect = (name: string, pageSize = 3) =>
    collectOnce(db, loadKubeConfig({ kubeconfig: cluster.kubeconfigPath }), { cluster: name, pageSize, sleep: noSleep });

  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    clock = fixedClock(NOON);
    cluster = await startDemoCluster({ seed: 7, clock });
  });
  afterAll(async () => {
    await cluster?.close();
    await cleanup?.();
  });

  test('tiny pages: every object is read once, stamped with the server Date, and stored', async () => {
    const result = await collect('paged', 3);
    const podCount = cluster.stats().byPath['/api/v1/pods'] ?? 0;
    expect(podCount).toBeGreaterThan(40); // hundreds of pods over pages of 3
    expect(result.stored).toBe(true);
    expect(result.summary.sampledAt).toBe(NOON.toISOString());
    expect(result.summary.warnings).toEqual([]);

    const stored = await db.prisma.pod.count({ where: { cluster: { name: 'paged' } } });
    expect(stored).toBe(result.summary.pods);
    expect(await db.prisma.node.count({ where: { cluster: { name: 'paged' } } })).toBe(result.summary.nodes);
    const samples = await db.prisma.containerSample.aggregate({
      where: { cluster: { name: 'paged' } },
      _count: true,
      _sum: { cpuRequestMillicores: true, cpuUsageMillicores: true, memoryRequestBytes: true, gpuRequest: true },
    });
    expect(samples._count).toBe(result.summary.containers);
    expect(samples._sum.cpuRequestMillicores).toBe(result.summary.cpuRequestMillicores);
    expect(samples._sum.cpuUsageMillicores).toBe(result.summary.cpuUsageMillicores);
    expect(Number(samples._sum.memoryRequestBytes)).toBe(result.summary.memoryRequestBytes);
    expect(samples._sum.gpuRequest).toBe(result.summary.gpuRequests);
    expect(result.summary.gpuRequests).toBeGreaterThan(0);
    expect(result.summary.cpuUsageMillicores).toBeGreaterThan(0);
  });

  test('one page or many give the same scrape', async () => {
    clock.set(new Date(NOON.getTime() + 60_000));
    const small = await collect('small-pages', 2);
    const large = await collect('one-page', 5000);
    const { cluster: _a, ...smallRest } = small.summary;
    const { cluster: _b, ...largeRest } = large.summary;
    expect(smallRest).toEqual(largeRest);
  });

  test('collecting the same data twice stores nothing twice', async () => {
    clock.set(new Date(NOON.getTime() + 120_000));
    const first = await collect('twice');
    const samplesAfterFirst = await db.prisma.containerSample.count({ where: { cluster: { name: 'twice' } } });
    const second = await collect('twice');
    expect(first.stored).toBe(true);
    expect(second.stored).toBe(false);
    expect(await db.prisma.containerSample.count({ where: { cluster: { name: 'twice' } } })).toBe(samplesAfterFirst);
    expect(await db.prisma.scrape.count({ where: { cluster: { name: 'twice' } } })).toBe(1);
  });

  test('owners resolve to top controllers of every kind', async () => {
    const kinds = await db.prisma.pod.groupBy({ by: ['controllerKind'], where: { cluster: { name: 'paged' } }, _count: true });
    const found = kinds.map((k) => k.controllerKind).sort();
    expect(found).toEqual(expect.arrayContaining(['CronJob', 'DaemonSet', 'Deployment', 'StatefulSet']));
    expect(found).not.toContain('ReplicaSet');
  });

  test('usage rows keep the metrics timestamp, not the inventory time', async () => {
    const sample = await db.prisma.containerSample.findFirstOrThrow({
      where: { cluster: { name: 'paged' }, usageAt: { not: null } },
    });
    expect(sample.sampledAt.toISOString()).toBe(NOON.toISOString());
    expect(sample.usageAt!.getTime()).toBeLessThanOrEqual(NOON.getTime());
    expect(NOON.getTime() - sample.usageAt!.getTime()).toBeLessThan(120_000);
  });
});
