import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../lib/db/client';
import { writeSnapshot } from '../../lib/ingest/write-snapshot';
import type { NodeRecord, PodRecord, Snapshot } from '../../lib/k8s/types';
import { getPoolInventory } from '../../lib/queries/get-pool-inventory';
import { BACKENDS } from '../helpers/backends';

const GIB = 1024 ** 3;
const AT = '2026-11-20T10:00:00.000Z';
const node = (name: string, extra: Partial<NodeRecord> = {}): NodeRecord => ({
  uid: `uid-${name}`, name, provider: 'aws', instanceType: 'm5.xlarge', nodePool: 'general', capacityType: 'on-demand', region: 'us-east-1', zone: 'us-east-1a',
  cpuCapacityMillicores: 4000, memoryCapacityBytes: 16 * GIB, gpuCapacity: 0, cpuAllocatableMillicores: 3920, memoryAllocatableBytes: 14 * GIB, gpuAllocatable: 0,
  labels: { 'eks.amazonaws.com/nodegroup': 'general' }, taints: [], maxPods: 58, createdAt: null, readyAt: null, ...extra,
});
const lifecycle = { scheduledAt: null, initializedAt: null, containersReadyAt: null, readyAt: null, unschedulableSince: null, restarts: 0, waitingReason: null, lastTerminationReason: null, revisionHash: null };
const pod = (name: string, nodeName: string, extra: Partial<PodRecord> = {}): PodRecord => ({
  uid: `uid-${name}`, namespace: 'shop', name, nodeName, phase: 'Running', ownerKind: 'ReplicaSet', ownerName: 'api-1', controllerKind: 'Deployment', controllerName: 'api',
  labels: { app: 'api', team: 'checkout' }, createdAt: null, claimNames: [], lifecycle, scheduling: null,
  containers: [{ name: 'app', isInit: false, image: 'api:1', cpuRequestMillicores: 500, cpuLimitMillicores: null, memoryRequestBytes: GIB, memoryLimitBytes: null, gpuRequest: 0 }],
  ...extra,
});
const snapshot: Snapshot = {
  cluster: 'prod', sampledAt: AT, namespaces: [{ name: 'shop', labels: {}, createdAt: null }],
  nodes: [node('n1', { taints: [{ key: 'dedicated', value: 'shop', effect: 'NoSchedule' }] }), node('n2', { maxPods: null })],
  pods: [
    pod('api-1', 'n1', { scheduling: { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'shop' }] } }),
    pod('agent-1', 'n1', { namespace: 'kube-system', controllerKind: 'DaemonSet', controllerName: 'agent', ownerKind: 'DaemonSet', labels: {} }),
    pod('etcd-n2', 'n2', { namespace: 'kube-system', controllerKind: 'StaticPod', ownerKind: 'Node', labels: {} }),
  ],
  volumes: [], claims: [], containerUsage: [], nodeUsage: [], metricsAvailable: false, workloads: [], revisions: [], rolloutsServed: false, warnings: [], hpas: [],
};

describe.each(BACKENDS)('pool inventory on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    await writeSnapshot(db, snapshot, 1);
  });
  afterAll(() => cleanup());

  test('nodes with taints and max pods, pods with constraints, DaemonSet and mirror pods marked, teams', async () => {
    const { nodes, pods } = await getPoolInventory(db, { cluster: 'prod', from: new Date('2026-11-13T00:00:00Z'), to: new Date(AT) });
    expect(nodes).toEqual([
      expect.objectContaining({ name: 'n1', pool: 'general', instanceType: 'm5.xlarge', taints: [{ key: 'dedicated', value: 'shop', effect: 'NoSchedule' }], maxPods: 58, memoryAllocatableBytes: 14 * GIB, usdPerHour: 0 }),
      expect.objectContaining({ name: 'n2', taints: [], maxPods: null }),
    ]);
    const byName = new Map(pods.map((p) => [p.name, p]));
    expect(byName.get('api-1')).toMatchObject({ team: 'checkout', isDaemonSet: false, isMirror: false, constraints: { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'shop' }] }, containers: [{ name: 'app', cpuRequestMillicores: 500, memoryRequestBytes: GIB }] });
    expect(byName.get('agent-1')).toMatchObject({ isDaemonSet: true, constraints: null });
    expect(byName.get('etcd-n2')).toMatchObject({ isMirror: true });
    expect((await getPoolInventory(db, { cluster: 'other', from: new Date(0), to: new Date(AT) })).nodes).toEqual([]);
  });
});
