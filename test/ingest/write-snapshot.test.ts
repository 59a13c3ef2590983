import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../lib/db/client';
import { writeSnapshot } from '../../lib/ingest/write-snapshot';
import type { PodRecord, Snapshot } from '../../lib/k8s/types';
import { BACKENDS } from '../helpers/backends';

const GiB = 1024 ** 3;

function pod(name: string, phase: string, nodeName: string | null, cpu: number, memoryBytes: number): PodRecord {
  return {
    uid: `uid-${name}`,
    namespace: 'shop',
    name,
    nodeName,
    phase,
    ownerKind: 'ReplicaSet',
    ownerName: 'api-5d4f',
    controllerKind: 'Deployment',
    controllerName: 'api',
    labels: { app: 'api', "quote'": 'it\'s "odd"' },
    createdAt: '2026-11-01T00:00:00.000Z',
    claimNames: name === 'api-1' ? ['data'] : [],
    lifecycle: {
      scheduledAt: null, initializedAt: null, containersReadyAt: null, readyAt: null, unschedulableSince: null,
      restarts: 0, waitingReason: null, lastTerminationReason: null, revisionHash: null,
    },
    containers: [
      { name: 'app', isInit: false, image: 'shop/api:1', cpuRequestMillicores: cpu, cpuLimitMillicores: null, memoryRequestBytes: memoryBytes, memoryLimitBytes: 2 * memoryBytes, gpuRequest: 0 },
      { name: 'migrate', isInit: true, image: 'shop/api:1', cpuRequestMillicores: 5000, cpuLimitMillicores: null, memoryRequestBytes: GiB, memoryLimitBytes: null, gpuRequest: 0 },
    ],
  };
}

function snapshot(sampledAt: string): Snapshot {
  return {
    cluster: 'prod-eu',
    sampledAt,
    namespaces: [{ name: 'shop', labels: { team: 'checkout' }, createdAt: null }],
    nodes: [
      {
        uid: 'node-uid-1', name: 'ip-10-0-0-1', provider: 'aws', instanceType: 'm6i.xlarge', nodePool: 'general', capacityType: 'on-demand',
        region: 'eu-west-1', zone: 'eu-west-1a', cpuCapacityMillicores: 4000, memoryCapacityBytes: 16 * GiB, gpuCapacity: 0,
        cpuAllocatableMillicores: 3920, memoryAllocatableBytes: 15 * GiB, gpuAllocatable: 0, labels: {}, createdAt: null, readyAt: null,
      },
    ],
    pods: [
      pod('api-1', 'Running', 'ip-10-0-0-1', 500, 2 * GiB),
      pod('api-2', 'Pending', 'ip-10-0-0-1', 250, GiB),
      pod('api-3', 'Pending', null, 1000, GiB), // not scheduled: holds nothing
      pod('job-1', 'Succeeded', 'ip-10-0-0-1', 2000, 4 * GiB), // finished: holds nothing
    ],
    volumes: [{ name: 'pv-1', capacityBytes: 8 * GiB, storageClass: 'gp3', phase: 'Bound', claimNamespace: 'shop', claimName: 'data' }],
    claims: [{ namespace: 'shop', name: 'data', requestedBytes: 8 * GiB, capacityBytes: 8 * GiB, storageClass: 'gp3', volumeName: 'pv-1', phase: 'Bound' }],
    containerUsage: [{ namespace: 'shop', pod: 'api-1', container: 'app', cpuUsageMillicores: 120, memoryUsageBytes: 700_000_000, usageAt: sampledAt }],
    nodeUsage: [{ name: 'ip-10-0-0-1', cpuUsageMillicores: 900, memoryUsageBytes: 5 * GiB, usageAt: sampledAt }],
    metricsAvailable: true,
    workloads: [],
    revisions: [],
    rolloutsServed: false,
    hpas: [],
    warnings: [],
  };
}

describe.each(BACKENDS)('writeSnapshot on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
  });
  afterAll(async () => cleanup?.());

  test('stores inventory and one sample per app container of resource-holding pods', async () => {
    const result = await writeSnapshot(db, snapshot('2026-11-28T10:00:00.000Z'), 12);
    expect(result.stored).toBe(true);
    expect(result.summary).toMatchObject({
      nodes: 1, pods: 4, containers: 2, cpuRequestMillicores: 750, memoryRequestBytes: 3 * GiB,
      cpuUsageMillicores: 120, memoryUsageBytes: 700_000_000, gpuRequests: 0, persistentVolumeClaims: 1,
    });
    const samples = await db.prisma.containerSample.findMany({ orderBy: { pod: 'asc' } });
    expect(samples.map((s) => [s.pod, s.container, s.cpuRequestMillicores, s.cpuUsageMillicores])).toEqual([
      ['api-1', 'app', 500, 120],
      ['api-2', 'app', 250, null],
    ]);
    expect(samples[0]!.memoryUsageBytes).toBe(700_000_000n);
    expect(await db.prisma.container.count()).toBe(8);
    const claim = await db.prisma.persistentVolumeClaim.findFirstOrThrow();
    expect(claim.mountingPods).toEqual(['api-1']);
    const stored = await db.prisma.pod.findFirstOrThrow({ where: { name: 'api-1' } });
    expect(stored.labels).toEqual({ app: 'api', "quote'": 'it\'s "odd"' });
  });

  test('writing the same scrape again stores nothing twice', async () => {
    const before = await db.prisma.containerSample.count();
    const again = await writeSnapshot(db, snapshot('2026-11-28T10:00:00.000Z'), 12);
    expect(again.stored).toBe(false);
    expect(await db.prisma.containerSample.count()).toBe(before);
    expect(await db.prisma.scrape.count()).toBe(1);
  });

  test('a later scrape adds samples and moves last_seen_at, keeping first_seen_at', async () => {
    await writeSnapshot(db, snapshot('2026-11-28T10:01:00.000Z'), 12);
    expect(await db.prisma.containerSample.count()).toBe(4);
    const node = await db.prisma.node.findFirstOrThrow();
    expect(node.firstSeenAt.toISOString()).toBe('2026-11-28T10:00:00.000Z');
    expect(node.lastSeenAt.toISOString()).toBe('2026-11-28T10:01:00.000Z');
    const cluster = await db.prisma.cluster.findFirstOrThrow();
    expect(cluster.lastCollectedAt?.toISOString()).toBe('2026-11-28T10:01:00.000Z');
  });

  test('a write that fails part-way stores no scrape, and the same scrape succeeds afterwards', async () => {
    const broken = snapshot('2026-11-28T10:02:00.000Z');
    // Beyond int4: the inventory write fails after the samples were already sent.
    broken.pods = broken.pods.map((p, i) => (i === 3 ? { ...p, containers: p.containers.map((c) => ({ ...c, cpuRequestMillicores: 2 ** 40 })) } : p));
    await expect(writeSnapshot(db, broken, 12)).rejects.toThrow();
    expect(await db.prisma.scrape.count({ where: { sampledAt: new Date('2026-11-28T10:02:00.000Z') } })).toBe(0);
    expect(await db.prisma.containerSample.count()).toBe(4);
    const retried = await writeSnapshot(db, snapshot('2026-11-28T10:02:00.000Z'), 12);
    expect(retried.stored).toBe(true);
    expect(await db.prisma.containerSample.count()).toBe(6);
  });
});
