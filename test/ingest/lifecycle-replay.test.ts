import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../lib/db/client';
import { writeSnapshot } from '../../lib/ingest/write-snapshot';
import type { NodeRecord, PodLifecycle, PodRecord, Snapshot } from '../../lib/k8s/types';
import { BACKENDS } from '../helpers/backends';

// Three scrapes of one cluster, 10:00, 10:01, 10:02. A backfill writes them in any order; the
// 10:01 one can arrive last, inside the range the other two already stored. Earliest-seen times
// are the minimum over all three whatever the order.
const QUIET: PodLifecycle = {
  scheduledAt: null, initializedAt: null, containersReadyAt: null, readyAt: null, unschedulableSince: null,
  restarts: 0, waitingReason: null, lastTerminationReason: null, revisionHash: 'abc',
};

function pod(name: string, lifecycle: Partial<PodLifecycle>, nodeName: string | null = 'node-1'): PodRecord {
  return {
    uid: `uid-${name}`, namespace: 'shop', name, nodeName, phase: nodeName ? 'Running' : 'Pending', ownerKind: 'ReplicaSet', ownerName: 'api-abc',
    controllerKind: 'Deployment', controllerName: 'api', labels: {}, createdAt: '2026-12-01T09:58:00.000Z', claimNames: [],
    lifecycle: { ...QUIET, ...lifecycle }, containers: [],
  };
}

function node(readyAt: string | null): NodeRecord {
  return {
    uid: 'node-uid-1', name: 'node-1', provider: 'aws', instanceType: 'm6i.xlarge', nodePool: 'general', capacityType: 'on-demand', region: null, zone: null,
    cpuCapacityMillicores: 4000, memoryCapacityBytes: 16e9, gpuCapacity: 0, cpuAllocatableMillicores: 3900, memoryAllocatableBytes: 15e9, gpuAllocatable: 0,
    labels: {}, createdAt: '2026-12-01T09:59:00.000Z', readyAt,
  };
}

function snapshot(cluster: string, sampledAt: string, nodes: NodeRecord[], pods: PodRecord[]): Snapshot {
  return {
    cluster, sampledAt, namespaces: [], nodes, pods, volumes: [], claims: [], containerUsage: [], nodeUsage: [], metricsAvailable: false,
    workloads: [], revisions: [], rolloutsServed: false, hpas: [], warnings: [],
  };
}

const scrapes = (cluster: string): Record<'t1' | 't2' | 't3', Snapshot> => ({
  t1: snapshot(cluster, '2026-12-01T10:00:00.000Z', [node(null)], [
    pod('crashy', { scheduledAt: '2026-12-01T09:58:05.000Z', readyAt: '2026-12-01T09:58:30.000Z' }),
    pod('waiting', { unschedulableSince: '2026-12-01T09:58:01.000Z' }, null),
  ]),
  // Only this scrape saw the crash loop and the pod's first Ready; the node Ready first at 10:00:40.
  t2: snapshot(cluster, '2026-12-01T10:01:00.000Z', [node('2026-12-01T10:00:40.000Z')], [
    pod('crashy', { scheduledAt: '2026-12-01T09:58:05.000Z', restarts: 3, waitingReason: 'CrashLoopBackOff' }),
    pod('waiting', { scheduledAt: '2026-12-01T10:00:50.000Z', readyAt: '2026-12-01T10:00:58.000Z' }),
  ]),
  // Ready flapped since: lastTransitionTime moved later.
  t3: snapshot(cluster, '2026-12-01T10:02:00.000Z', [node('2026-12-01T10:01:50.000Z')], [
    pod('crashy', { scheduledAt: '2026-12-01T09:58:05.000Z', readyAt: '2026-12-01T10:01:40.000Z', restarts: 4 }),
    pod('waiting', { scheduledAt: '2026-12-01T10:00:50.000Z', readyAt: '2026-12-01T10:01:55.000Z' }),
  ]),
});

async function lifecycle(db: Database, cluster: string) {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const pods = await db.prisma.pod.findMany({ where: { cluster: { name: cluster } }, orderBy: { name: 'asc' } });
  const nodes = await db.prisma.node.findMany({ where: { cluster: { name: cluster } } });
  return {
    pods: pods.map((p) => ({
      name: p.name, readyAt: iso(p.readyAt), scheduledAt: iso(p.scheduledAt), unschedulableSince: iso(p.unschedulableSince), unschedulableUntil: iso(p.unschedulableUntil),
      restarts: p.restarts, crashLoopAt: iso(p.crashLoopAt), restarts3At: iso(p.restarts3At), firstSeenAt: iso(p.firstSeenAt), lastSeenAt: iso(p.lastSeenAt),
    })),
    nodeReadyAt: nodes.map((n) => iso(n.readyAt)),
  };
}

const EXPECTED = {
  pods: [
    { name: 'crashy', readyAt: '2026-12-01T09:58:30.000Z', scheduledAt: '2026-12-01T09:58:05.000Z', unschedulableSince: null, unschedulableUntil: null,
      restarts: 4, crashLoopAt: '2026-12-01T10:01:00.000Z', restarts3At: '2026-12-01T10:01:00.000Z', firstSeenAt: '2026-12-01T10:00:00.000Z', lastSeenAt: '2026-12-01T10:02:00.000Z' },
    { name: 'waiting', readyAt: '2026-12-01T10:00:58.000Z', scheduledAt: '2026-12-01T10:00:50.000Z', unschedulableSince: '2026-12-01T09:58:01.000Z',
      unschedulableUntil: '2026-12-01T10:01:00.000Z', restarts: 0, crashLoopAt: null, restarts3At: null, firstSeenAt: '2026-12-01T10:00:00.000Z', lastSeenAt: '2026-12-01T10:02:00.000Z' },
  ],
  nodeReadyAt: ['2026-12-01T10:00:40.000Z'],
};

describe.each(BACKENDS)('pod and node lifecycle whatever the scrape order, on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
  });
  afterAll(async () => cleanup?.());

  test('in order: earliest Ready, the crash loop seen once, Unschedulable until the first scrape that saw it scheduled', async () => {
    const s = scrapes('in-order');
    for (const k of ['t1', 't2', 't3'] as const) await writeSnapshot(db, s[k], 1);
    expect(await lifecycle(db, 'in-order')).toEqual(EXPECTED);
  });

  test.each([
    ['the middle scrape replayed last', ['t1', 't3', 't2']],
    ['the middle scrape replayed last, newest first', ['t3', 't1', 't2']],
    ['newest first (a backfill chunk order)', ['t3', 't2', 't1']],
  ] as const)('%s: the same times', async (_name, order) => {
    const cluster = `order-${order.join('')}`;
    const s = scrapes(cluster);
    for (const k of order) await writeSnapshot(db, s[k], 1);
    const got = await lifecycle(db, cluster);
    // Unschedulable-until needs the Unschedulable scrape stored before a scheduled one (a pod first
    // seen scheduled has nothing to close); the derive falls back to PodScheduled (10:00:50) then.
    const closes = order.indexOf('t1') < order.indexOf('t2');
    expect(got).toEqual({
      ...EXPECTED,
      pods: EXPECTED.pods.map((p) => (p.name === 'waiting' && !closes ? { ...p, unschedulableUntil: order.indexOf('t1') < order.indexOf('t3') ? '2026-12-01T10:02:00.000Z' : null } : p)),
    });
  });
});
