import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GET } from '../../app/api/v1/capacity/node-pools/route';
import type { Database } from '../../lib/db/client';
import { setDatabase } from '../../lib/db/instance';
import { writeSnapshot } from '../../lib/ingest/write-snapshot';
import type { NodeRecord, PodRecord, Snapshot } from '../../lib/k8s/types';
import { setClock } from '../../lib/util/clock';
import { BACKENDS } from '../helpers/backends';

const GIB = 1024 ** 3;
const AT = '2026-11-20T10:00:00.000Z';
const node = (name: string): NodeRecord => ({
  uid: `uid-${name}`, name, provider: 'aws', instanceType: 'm5.2xlarge', nodePool: 'general', capacityType: 'on-demand', region: 'us-east-1', zone: 'us-east-1a',
  cpuCapacityMillicores: 8000, memoryCapacityBytes: 32 * GIB, gpuCapacity: 0, cpuAllocatableMillicores: 7910, memoryAllocatableBytes: 30 * GIB, gpuAllocatable: 0,
  labels: {}, taints: [], maxPods: 58, createdAt: null, readyAt: null,
});
const lifecycle = { scheduledAt: null, initializedAt: null, containersReadyAt: null, readyAt: null, unschedulableSince: null, restarts: 0, waitingReason: null, lastTerminationReason: null, revisionHash: null };
const pod = (name: string, nodeName: string): PodRecord => ({
  uid: `uid-${name}`, namespace: 'shop', name, nodeName, phase: 'Running', ownerKind: 'ReplicaSet', ownerName: 'api-1', controllerKind: 'Deployment', controllerName: 'api',
  labels: { team: 'checkout' }, createdAt: null, claimNames: [], lifecycle, scheduling: null,
  containers: [{ name: 'app', isInit: false, image: 'api:1', cpuRequestMillicores: 500, cpuLimitMillicores: null, memoryRequestBytes: GIB, memoryLimitBytes: null, gpuRequest: 0 }],
});
const snapshot: Snapshot = {
  cluster: 'prod', sampledAt: AT, namespaces: [], nodes: ['n1', 'n2', 'n3', 'n4'].map(node), pods: ['n1', 'n2', 'n3', 'n4'].map((n, i) => pod(`api-${i}`, n)),
  volumes: [], claims: [], containerUsage: [], nodeUsage: [], metricsAvailable: false, workloads: [], revisions: [], rolloutsServed: false, warnings: [], hpas: [],
};
const get = async (query: string) => {
  const response = await GET(new Request(`http://localhost/api/v1/capacity/node-pools?${query}`));
  return { status: response.status, body: response.headers.get('content-type')?.includes('json') ? await response.json() : await response.text() };
};

describe.each(BACKENDS)('GET /api/v1/capacity/node-pools on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    setClock(() => new Date('2026-11-20T12:00:00Z'));
    ({ db, cleanup } = await backend.open());
    await writeSnapshot(db, snapshot, 1);
    setDatabase(db);
  }, 120_000);
  afterAll(async () => {
    setClock(null);
    await cleanup();
  });

  test('per pool the issue’s fields and a cheaper plan; the cluster plan with the team split', async () => {
    const { status, body } = await get('cluster=prod&profile=production');
    expect(status).toBe(200);
    const [pool] = body.data;
    expect(Object.keys(pool)).toEqual(expect.arrayContaining(['cluster', 'pool', 'instanceTypes', 'nodes', 'capacityType', 'cpuRequestUtilization', 'memoryRequestUtilization', 'cpuUsageUtilization', 'memoryUsageUtilization', 'daemonSetOverhead', 'largestPod', 'monthlyCostUsd', 'plan', 'monthlySavingUsd']));
    expect(pool).toMatchObject({ cluster: 'prod', pool: 'general', nodes: 4, monthlyCostUsd: 4 * 0.384 * 730 });
    expect(Object.keys(pool.plan)).toEqual(expect.arrayContaining(['nodes', 'monthlyCostUsd', 'cpuUtilization', 'memoryUtilization', 'blockers']));
    expect(pool.plan.monthlyCostUsd).toBeLessThan(pool.monthlyCostUsd);
    expect(body.cluster.monthlySavingUsd).toBeCloseTo(pool.monthlySavingUsd, 6);
    expect(body.cluster.teams[0]).toMatchObject({ team: 'checkout', share: 1 });
  });

  test('requests=recommended with no usage history yet (no recommendation): the same plan as today’s requests', async () => {
    const [current, recommended] = [await get('requests=current'), await get('requests=recommended')];
    expect(recommended.status).toBe(200);
    expect(recommended.body.data).toEqual(current.body.data);
    expect(recommended.body.cluster).toEqual({ ...current.body.cluster, requests: 'recommended' });
  });

  test('CSV, and errors in the one shape', async () => {
    const csv = await get('format=csv');
    expect(csv.status).toBe(200);
    expect(String(csv.body).split('\r\n')[0]).toMatch(/^cluster,pool,instanceTypes,nodes/);
    expect(await get('profile=huge')).toMatchObject({ status: 400, body: { error: { code: 'INVALID', message: expect.stringMatching(/^profile: /) } } });
    expect(await get('cluster=nope')).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  });
});
