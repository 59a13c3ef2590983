import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GET as platformRoute, POST as platformPost } from '../../app/api/v1/platform/route';
import type { Database } from '../../lib/db/client';
import { setDatabase } from '../../lib/db/instance';
import { bucketOf, bucketValue, toHistogram } from '../../lib/delivery/histogram';
import { setClock } from '../../lib/util/clock';
import { BACKENDS } from '../helpers/backends';

const NOW = new Date('2026-12-03T12:00:00.000Z');
const WEEK = 'window=2026-11-18T00:00:00Z,2026-11-25T00:00:00Z';
const b = (s: number) => bucketValue(bucketOf(s));

type Row = Record<string, unknown> & { name: string };
type Body = { code: number; data: Row[]; nodePools: Record<string, unknown>[]; error?: { code: string; message: string } };

async function platform(query: string) {
  const response = await platformRoute(new Request(`http://localhost/api/v1/platform?${query}`));
  const json = response.headers.get('content-type')?.includes('json');
  return { status: response.status, body: (json ? await response.clone().json() : null) as Body, text: json ? '' : await response.text(), headers: response.headers };
}
const byName = (rows: Row[]) => new Map(rows.map((r) => [r.name, r]));

async function seed(db: Database): Promise<void> {
  await db.session(async (s) => {
    const ids: number[] = [];
    for (const name of ['acme', 'beta-cluster']) {
      const [c] = await s.query<{ id: number }>(`INSERT INTO cluster (name) VALUES ($1) RETURNING id`, [name]);
      ids.push(c!.id);
    }
    const [acme, other] = ids as [number, number];
    const day = (cluster: number, d: string, ns: string, team: string, startup: number[], scheduling: number[], unschedPods: number, unschedS: number) =>
      s.query(
        `INSERT INTO pod_startup_day (cluster_id, day_start, namespace, team, pods, startup_buckets, scheduling_buckets, unschedulable_pods, unschedulable_seconds)
         VALUES ($1, $2, $3, $4, $5, $6::int[], $7::int[], $8, $9)`,
        [cluster, d, ns, team, startup.length, toHistogram(startup), toHistogram(scheduling), unschedPods, unschedS],
      );
    await day(acme, '2026-11-20T00:00:00Z', 'shop', 'alpha', [1, 2, 3], [0.5, 4, 40], 1, 30);
    await day(acme, '2026-11-21T00:00:00Z', 'shop', 'alpha', [10], [1], 0, 0);
    await day(acme, '2026-11-21T00:00:00Z', 'search', 'beta', [5, 6], [2, 3], 2, 600);
    await day(acme, '2026-11-25T00:00:00Z', 'shop', 'alpha', [500], [500], 5, 999); // after the week
    await day(other, '2026-11-22T00:00:00Z', 'shop', 'alpha', [], [], 0, 0);

    const namespace = (cluster: number, name: string, created: string, labels: Record<string, string>) =>
      s.query(`INSERT INTO namespace (cluster_id, name, labels, created_at, first_seen_at, last_seen_at) VALUES ($1, $2, $3::jsonb, $4, $4, $4)`,
        [cluster, name, JSON.stringify(labels), created]);
    await namespace(acme, 'shop', '2026-11-19T00:00:00Z', {}); // team from its first deployment's rollout
    await namespace(acme, 'search', '2026-11-20T00:00:00Z', { team: 'beta' }); // never deployed: team from its label
    await namespace(acme, 'old', '2026-10-01T00:00:00Z', { team: 'alpha' }); // created before the week

    const rollout = (cluster: number, uid: string, revision: number, ns: string, team: string, kind: string, finished: string | null) =>
      s.query(
        `INSERT INTO rollout (cluster_id, workload_uid, revision, namespace, controller_kind, controller_name, team, kind, status, started_at, finished_at, counted_at, derived_at)
         VALUES ($1, $2, $3, $4, 'deployment', 'web', $5, $6, $7, $8, $8, $8, $9)`,
        [cluster, uid, revision, ns, team, kind, finished === null ? 'progressing' : 'succeeded', finished, NOW],
      );
    await rollout(acme, 'w0', 1, 'shop', 'alpha', 'deployment', '2026-11-18T12:00:00Z'); // before the namespace (an older namespace of that name)
    await rollout(acme, 'w1', 1, 'shop', 'alpha', 'config', '2026-11-19T01:00:00Z'); // not a deployment
    await rollout(acme, 'w1', 2, 'shop', 'alpha', 'deployment', '2026-11-19T02:00:00Z'); // first deployment: 2 h
    await rollout(acme, 'w1', 3, 'shop', 'alpha', 'deployment', '2026-11-19T05:00:00Z');
    await rollout(acme, 'w2', 1, 'search', 'beta', 'deployment', null); // still rolling out

    const node = (cluster: number, uid: string, pool: string | null, created: string, ready: string | null) =>
      s.query(
        `INSERT INTO node (cluster_id, uid, name, node_pool, capacity_type, cpu_capacity_millicores, memory_capacity_bytes, gpu_capacity,
                           cpu_allocatable_millicores, memory_allocatable_bytes, gpu_allocatable, created_at, ready_at, first_seen_at, last_seen_at)
         VALUES ($1, $2, $2, $3, 'on-demand', 4000, 16000000000, 0, 3900, 15000000000, 0, $4, $5, $4, $4)`,
        [cluster, uid, pool, created, ready],
      );
    await node(acme, 'n1', 'general', '2026-11-20T10:00:00Z', '2026-11-20T10:01:00Z');
    await node(acme, 'n2', 'general', '2026-11-21T10:00:00Z', '2026-11-21T10:03:00Z');
    await node(acme, 'n3', 'gpu', '2026-11-22T10:00:00Z', null);
    await node(acme, 'n0', 'general', '2026-10-01T00:00:00Z', '2026-10-01T00:01:00Z'); // before the week
    await node(other, 'm1', null, '2026-11-23T00:00:00Z', '2026-11-23T00:02:00Z');
  });
}

describe.each(BACKENDS)('GET /api/v1/platform on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    setClock(() => NOW);
    ({ db, cleanup } = await backend.open());
    await seed(db);
    setDatabase(db);
  }, 120_000);
  afterAll(async () => {
    setClock(null);
    await cleanup?.();
  });

  test('per team: pod startup, scheduling wait, unschedulable time, new namespaces; no node figures', async () => {
    const { status, body } = await platform(WEEK);
    expect(status).toBe(200);
    expect(body.code).toBe(200);
    const teams = byName(body.data);
    expect([...teams.keys()]).toEqual(['alpha', 'beta']);
    expect(teams.get('alpha')).toEqual({
      name: 'alpha', podsStarted: 4,
      podStartupSecondsP50: b(2), podStartupSecondsP90: b(3), podStartupSecondsP99: b(3),
      schedulingWaitSecondsP50: b(1), schedulingWaitSecondsP90: b(4), schedulingWaitSecondsP99: b(4),
      unschedulablePods: 1, unschedulableSeconds: 30,
      newNamespaces: 1, namespacesDeployed: 1, firstDeploymentSecondsMedian: 7200, firstDeploymentSecondsP90: 7200,
      nodesCreated: null, nodesProvisioned: null, nodeProvisioningSecondsP50: null, nodeProvisioningSecondsP90: null,
    });
    expect(teams.get('beta')).toMatchObject({
      podsStarted: 2, podStartupSecondsP50: b(5), unschedulablePods: 2, unschedulableSeconds: 600,
      newNamespaces: 1, namespacesDeployed: 0, firstDeploymentSecondsMedian: null,
    });
  });

  test('node pools: nodes created in the window, created → Ready', async () => {
    const { body } = await platform(WEEK);
    expect(body.nodePools).toEqual([
      { cluster: 'acme', nodePool: 'general', nodesCreated: 2, nodesProvisioned: 2, nodeProvisioningSecondsP50: 120, nodeProvisioningSecondsP90: 168 },
      { cluster: 'acme', nodePool: 'gpu', nodesCreated: 1, nodesProvisioned: 0, nodeProvisioningSecondsP50: null, nodeProvisioningSecondsP90: null },
      { cluster: 'beta-cluster', nodePool: null, nodesCreated: 1, nodesProvisioned: 1, nodeProvisioningSecondsP50: 120, nodeProvisioningSecondsP90: 120 },
    ]);
  });

  test('aggregate=cluster carries node provisioning; aggregate=namespace splits pods and namespaces', async () => {
    const clusters = byName((await platform(`${WEEK}&aggregate=cluster`)).body.data);
    expect(clusters.get('acme')).toMatchObject({ podsStarted: 6, unschedulablePods: 3, unschedulableSeconds: 630, newNamespaces: 2, namespacesDeployed: 1, nodesCreated: 3, nodesProvisioned: 2, nodeProvisioningSecondsP50: 120 });
    // A pod day without a Ready pod: real zero unschedulable, null quantiles.
    expect(clusters.get('beta-cluster')).toMatchObject({ podsStarted: 0, podStartupSecondsP50: null, unschedulablePods: 0, newNamespaces: null, nodesCreated: 1, nodeProvisioningSecondsP90: 120 });
    const namespaces = byName((await platform(`${WEEK}&aggregate=namespace`)).body.data);
    expect(namespaces.get('search')).toMatchObject({ podsStarted: 2, newNamespaces: 1, namespacesDeployed: 0, nodesCreated: null });
    expect(namespaces.get('shop')).toMatchObject({ podsStarted: 4, newNamespaces: 1, firstDeploymentSecondsMedian: 7200 });
  });

  test('filter: team, namespace and cluster; nodes follow only the cluster clause', async () => {
    const beta = await platform(`${WEEK}&filter=${encodeURIComponent('team:"beta"')}`);
    expect(beta.body.data.map((r) => r.name)).toEqual(['beta']);
    expect(beta.body.nodePools).toHaveLength(3);
    const other = await platform(`${WEEK}&aggregate=cluster&filter=${encodeURIComponent('cluster:"beta-cluster"')}`);
    expect(other.body.data.map((r) => r.name)).toEqual(['beta-cluster']);
    expect(other.body.nodePools).toEqual([expect.objectContaining({ cluster: 'beta-cluster' })]);
    const notShop = await platform(`${WEEK}&aggregate=namespace&filter=${encodeURIComponent('namespace!:"shop"')}`);
    expect(notShop.body.data.map((r) => r.name)).toEqual(['search']);
  });

  test('an empty window: no groups, no node pools', async () => {
    const { status, body } = await platform('window=2026-09-01T00:00:00Z,2026-09-02T00:00:00Z');
    expect(status).toBe(200);
    expect(body).toEqual({ code: 200, data: [], nodePools: [] });
  });

  test('format=csv: one line per group, null as empty', async () => {
    const { status, text, headers } = await platform(`${WEEK}&format=csv`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('text/csv');
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'name,podsStarted,podStartupSecondsP50,podStartupSecondsP90,podStartupSecondsP99,schedulingWaitSecondsP50,schedulingWaitSecondsP90,' +
        'schedulingWaitSecondsP99,unschedulablePods,unschedulableSeconds,newNamespaces,namespacesDeployed,firstDeploymentSecondsMedian,' +
        'firstDeploymentSecondsP90,nodesCreated,nodesProvisioned,nodeProvisioningSecondsP50,nodeProvisioningSecondsP90',
    );
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^beta,2,.*,2,600,1,0,,,,,,$/);
  });

  test.each([
    ['window missing', '', 'window'],
    ['bad window', 'window=yesterday-ish', 'window'],
    ['bad aggregate', `${WEEK}&aggregate=controller`, 'aggregate'],
    ['bad format', `${WEEK}&format=xml`, 'format'],
    ['unknown filter field', `${WEEK}&filter=${encodeURIComponent('pod:"x"')}`, 'filter'],
    ['controller filter (pod days have no controller)', `${WEEK}&filter=${encodeURIComponent('controllerName:"web"')}`, 'filter'],
  ])('400 on %s, naming the parameter', async (_name, query, param) => {
    const { status, body } = await platform(query);
    expect(status).toBe(400);
    expect(body.error?.code).toBe('INVALID');
    expect(body.error?.message.startsWith(`${param}:`)).toBe(true);
  });

  test('other methods: 405', async () => {
    const response = await platformPost(new Request('http://localhost/api/v1/platform', { method: 'POST' }));
    expect(response.status).toBe(405);
  });
});
