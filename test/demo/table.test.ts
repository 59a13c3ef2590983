import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { humanDuration } from '../../lib/demo/print-values';
import { type DemoCluster, type SimulatedClock, fixedClock, startDemoCluster } from '../../lib/demo/server';
import { WEDNESDAY_NOON, demoFetch, list } from './helpers';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

interface Table {
  kind: string;
  apiVersion: string;
  metadata: { continue?: string; remainingItemCount?: number; resourceVersion?: string };
  columnDefinitions: Array<{ name: string; priority: number }>;
  rows: Array<{ cells: Array<string | number>; object?: { kind: string; apiVersion?: string; metadata: { name: string; namespace?: string }; spec?: unknown } }>;
}

let cluster: DemoCluster;
let clock: SimulatedClock;
beforeAll(async () => {
  clock = fixedClock(WEDNESDAY_NOON);
  cluster = await startDemoCluster({ clock, seed: 1 });
});
afterAll(() => cluster.close());

async function getTable(path: string, accept = TABLE): Promise<{ status: number; contentType: string | null; body: Table }> {
  const response = await demoFetch(cluster, path, { headers: { Authorization: `Bearer ${cluster.token}`, Accept: accept } });
  return { status: response.status, contentType: response.headers.get('content-type'), body: (await response.json()) as Table };
}

describe('meta.k8s.io Table', () => {
  test('kubectl’s Accept gets a Table; includeObject defaults to metadata only', async () => {
    const { status, contentType, body } = await getTable('/api/v1/namespaces/checkout/pods');
    expect(status).toBe(200);
    expect(contentType).toBe('application/json;as=Table;v=v1;g=meta.k8s.io');
    expect(body.kind).toBe('Table');
    expect(body.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']);
    expect(body.columnDefinitions.map((c) => c.priority)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]);
    const pods = await list(cluster, '/api/v1/namespaces/checkout/pods');
    expect(body.rows.map((r) => r.cells[0])).toEqual(pods.items.map((p) => p.metadata.name));
    expect(body.rows[0]?.object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: pods.items[0]?.metadata });
  });

  test('includeObject=Object embeds the object, None leaves it out, anything else is a 400', async () => {
    const full = await getTable('/apis/apps/v1/namespaces/checkout/deployments/checkout-api?includeObject=Object');
    expect(full.body.rows).toHaveLength(1);
    expect(full.body.rows[0]?.object).toMatchObject({ kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'checkout-api' }, spec: { replicas: 4 } });
    expect(full.body.rows[0]?.cells.slice(0, 4)).toEqual(['checkout-api', '4/4', 4, 4]);
    const none = await getTable('/api/v1/nodes?includeObject=None');
    expect(none.body.rows.every((r) => r.object === undefined)).toBe(true);
    expect((await getTable('/api/v1/nodes?includeObject=Everything')).status).toBe(400);
  });

  test('pages of a Table: limit, continue and remainingItemCount, no duplicates or gaps', async () => {
    const names: Array<string | number> = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page: Table = (await getTable(`/api/v1/pods?limit=25${token ? `&continue=${encodeURIComponent(token)}` : ''}`)).body;
      names.push(...page.rows.map((r) => r.cells[0] ?? ''));
      token = page.metadata.continue;
      if (token) expect(page.metadata.remainingItemCount).toBeGreaterThan(0);
      pages += 1;
    } while (token);
    const all = (await list(cluster, '/api/v1/pods')).items.map((p) => p.metadata.name);
    expect(names).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 25));
  });

  test('v1beta1 Tables, and 406 for a representation the server cannot produce', async () => {
    const beta = await getTable('/api/v1/namespaces', 'application/json;as=Table;v=v1beta1;g=meta.k8s.io');
    expect(beta.body.apiVersion).toBe('meta.k8s.io/v1beta1');
    expect(beta.body.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Status', 'Age']);
    expect((await getTable('/api/v1/nodes', 'application/vnd.kubernetes.protobuf')).status).toBe(406);
  });

  test.each([
    [5_000, '5s'],
    [119_000, '119s'],
    [150_000, '2m30s'],
    [45 * 60_000, '45m'],
    [(5 * 60 + 7) * 60_000, '5h7m'],
    [30 * 3_600_000, '30h'],
    [(3 * 24 + 4) * 3_600_000, '3d4h'],
    [120 * 86_400_000, '120d'],
    [(2 * 365 + 30) * 86_400_000, '2y30d'],
    [-500, '0s'],
    [-5_000, '<invalid>'],
  ])('humanDuration(%d) = %s (apimachinery)', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('events and HPAs', () => {
  test('both event APIs list the same events; field selectors pick one object’s', async () => {
    const core = await list(cluster, '/api/v1/events');
    const v1 = await list(cluster, '/apis/events.k8s.io/v1/events');
    expect(core.items.length).toBeGreaterThan(0);
    expect(v1.items.map((e) => e.metadata.name)).toEqual(core.items.map((e) => e.metadata.name));
    const scheduled = core.items.find((e) => e.reason === 'Scheduled') as unknown as { involvedObject: { name: string; namespace: string } };
    const { name, namespace } = scheduled.involvedObject;
    const forPod = await list(cluster, `/api/v1/namespaces/${namespace}/events?fieldSelector=involvedObject.name%3D${name}`);
    expect(new Set(forPod.items.map((e) => (e as unknown as { involvedObject: { name: string } }).involvedObject.name))).toEqual(new Set([name]));
    expect(forPod.items.map((e) => e.reason)).toEqual(expect.arrayContaining(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']));
    const normal = await list(cluster, '/apis/events.k8s.io/v1/events?fieldSelector=regarding.kind%3DPod,type%3DNormal');
    expect(normal.items.length).toBeGreaterThan(0);
    expect(normal.items.every((e) => e.type === 'Normal')).toBe(true);
  });

  test('the same seed and instant give the same events; they expire an hour after they last happened', async () => {
    const again = await startDemoCluster({ clock: fixedClock(WEDNESDAY_NOON), seed: 1 });
    try {
      expect(await list(again, '/api/v1/events')).toEqual(await list(cluster, '/api/v1/events'));
    } finally {
      await again.close();
    }
    const core = await list(cluster, '/api/v1/events');
    for (const e of core.items as unknown as Array<{ lastTimestamp: string }>) {
      expect(Date.parse(e.lastTimestamp)).toBeGreaterThan(WEDNESDAY_NOON.getTime() - 3_600_000);
      expect(Date.parse(e.lastTimestamp)).toBeLessThanOrEqual(WEDNESDAY_NOON.getTime());
    }
  });

  test('the leaking container’s OOM kill shows as OOMKilling on its node and BackOff on its pod', async () => {
    const oomClock = fixedClock(WEDNESDAY_NOON);
    const leaky = await startDemoCluster({ clock: oomClock, seed: 1 });
    try {
      let reasons: string[] = [];
      for (let hour = 0; hour < 72 && !reasons.includes('OOMKilling'); hour++) {
        oomClock.advance(3_600_000);
        reasons = (await list(leaky, '/api/v1/events?fieldSelector=type%3DWarning')).items.map((e) => String(e.reason));
      }
      expect(reasons).toEqual(expect.arrayContaining(['OOMKilling', 'BackOff']));
      const backOff = (await list(leaky, '/api/v1/namespaces/platform-web/events?fieldSelector=reason%3DBackOff')).items as unknown as Array<{ involvedObject: { name: string } }>;
      expect(backOff[0]?.involvedObject.name).toMatch(/^cms-renderer-/);
    } finally {
      await leaky.close();
    }
  });

  test('HPAs target Deployments and report their CPU utilisation', async () => {
    const hpas = (await list(cluster, '/apis/autoscaling/v2/horizontalpodautoscalers')).items as unknown as Array<{
      metadata: { name: string; namespace: string };
      spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number; maxReplicas: number };
      status: { currentReplicas: number; desiredReplicas: number; currentMetrics: Array<{ resource: { current: { averageUtilization: number } } }> };
    }>;
    expect(hpas.length).toBe(4);
    for (const h of hpas) {
      expect(h.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: h.metadata.name });
      await list(cluster, `/apis/apps/v1/namespaces/${h.metadata.namespace}/deployments?fieldSelector=metadata.name%3D${h.metadata.name}`).then((d) => expect(d.items).toHaveLength(1));
      expect(h.status.currentReplicas).toBeGreaterThanOrEqual(h.spec.minReplicas);
      expect(h.status.currentReplicas).toBeLessThanOrEqual(h.spec.maxReplicas);
      expect(h.status.currentMetrics[0]?.resource.current.averageUtilization).toBeGreaterThan(0);
    }
  });
});
