import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DemoCluster, type SimulatedClock, fixedClock, startDemoCluster } from '../../lib/demo/server';
import { WEDNESDAY_NOON, demoFetch, getJson, list, statusShape } from './helpers';

let cluster: DemoCluster;
let clock: SimulatedClock;

beforeAll(async () => {
  clock = fixedClock(WEDNESDAY_NOON);
  cluster = await startDemoCluster({ clock, seed: 7 });
});
afterAll(() => cluster.close());

describe('authentication', () => {
  test.each([
    ['no Authorization header', null],
    ['a wrong token', 'not-the-token'],
  ])('%s → 401 Status', async (_label, token) => {
    const response = await getJson(cluster, '/api/v1/nodes', token);
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ ...statusShape(401, 'Unauthorized'), message: 'Unauthorized' });
  });

  test('the kubeconfig token is accepted', async () => {
    expect((await getJson(cluster, '/api/v1/nodes')).status).toBe(200);
  });
});

describe('Date header follows the simulated clock', () => {
  test('set and advance move the header, in RFC 7231 format', async () => {
    expect((await getJson(cluster, '/version')).headers.get('date')).toBe('Wed, 25 Nov 2026 12:00:00 GMT');
    clock.advance(36 * 3600_000);
    expect((await getJson(cluster, '/api/v1/namespaces')).headers.get('date')).toBe('Fri, 27 Nov 2026 00:00:00 GMT');
    const failure = await getJson(cluster, '/api/v1/nodes', null);
    expect(failure.headers.get('date')).toBe('Fri, 27 Nov 2026 00:00:00 GMT');
    clock.set(WEDNESDAY_NOON);
    expect((await getJson(cluster, '/version')).headers.get('date')).toBe('Wed, 25 Nov 2026 12:00:00 GMT');
  });
});

describe('routing', () => {
  test('unknown paths → 404 Status', async () => {
    for (const path of ['/nope', '/api/v1/widgets', '/apis/apps/v1/namespaces/checkout/nodes', '/api/v1/pods/some-pod', '/apis/example.com/v1']) {
      const response = await getJson(cluster, path);
      expect(response.status, path).toBe(404);
      expect(response.body).toEqual({ ...statusShape(404, 'NotFound'), message: 'the server could not find the requested resource', details: {} });
    }
  });

  test('a missing object → 404 naming it', async () => {
    const response = await getJson(cluster, '/api/v1/namespaces/checkout/pods/missing');
    expect(response.body).toMatchObject({ ...statusShape(404, 'NotFound'), message: 'pods "missing" not found', details: { name: 'missing', kind: 'pods' } });
  });

  test('get by name returns the object with kind and apiVersion', async () => {
    const deployment = await getJson(cluster, '/apis/apps/v1/namespaces/checkout/deployments/checkout-api');
    expect(deployment.body).toMatchObject({ kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'checkout-api', namespace: 'checkout' } });
    const namespace = await getJson(cluster, '/api/v1/namespaces/kube-system');
    expect(namespace.body).toMatchObject({ kind: 'Namespace', metadata: { name: 'kube-system' } });
  });

  test('discovery and version', async () => {
    expect((await getJson(cluster, '/version')).body).toMatchObject({ major: '1', gitVersion: expect.stringMatching(/^v1\.\d+/) });
    expect((await getJson(cluster, '/api')).body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = (await getJson(cluster, '/apis')).body as { groups: Array<{ name: string }> };
    expect(groups.groups.map((g) => g.name)).toEqual(['apps', 'batch', 'events.k8s.io', 'autoscaling', 'metrics.k8s.io']);
    const metrics = (await getJson(cluster, '/apis/metrics.k8s.io/v1beta1')).body as { resources: Array<{ name: string; kind: string }> };
    expect(metrics.resources.map((r) => r.kind)).toEqual(['NodeMetrics', 'PodMetrics']);
    const core = (await getJson(cluster, '/api/v1')).body as { resources: Array<{ name: string }> };
    expect(core.resources.map((r) => r.name)).toContain('persistentvolumeclaims');
  });

  test('lists carry the real List shape', async () => {
    const cases: Array<[string, string, string]> = [
      ['/api/v1/nodes', 'NodeList', 'v1'],
      ['/api/v1/namespaces', 'NamespaceList', 'v1'],
      ['/api/v1/pods', 'PodList', 'v1'],
      ['/api/v1/namespaces/checkout/pods', 'PodList', 'v1'],
      ['/api/v1/persistentvolumes', 'PersistentVolumeList', 'v1'],
      ['/api/v1/persistentvolumeclaims', 'PersistentVolumeClaimList', 'v1'],
      ['/api/v1/namespaces/search/persistentvolumeclaims', 'PersistentVolumeClaimList', 'v1'],
      ['/apis/apps/v1/deployments', 'DeploymentList', 'apps/v1'],
      ['/apis/apps/v1/namespaces/payments/replicasets', 'ReplicaSetList', 'apps/v1'],
      ['/apis/apps/v1/statefulsets', 'StatefulSetList', 'apps/v1'],
      ['/apis/apps/v1/daemonsets', 'DaemonSetList', 'apps/v1'],
      ['/apis/batch/v1/jobs', 'JobList', 'batch/v1'],
      ['/apis/batch/v1/namespaces/checkout/cronjobs', 'CronJobList', 'batch/v1'],
      ['/apis/metrics.k8s.io/v1beta1/nodes', 'NodeMetricsList', 'metrics.k8s.io/v1beta1'],
      ['/apis/metrics.k8s.io/v1beta1/pods', 'PodMetricsList', 'metrics.k8s.io/v1beta1'],
      ['/apis/metrics.k8s.io/v1beta1/namespaces/checkout/pods', 'PodMetricsList', 'metrics.k8s.io/v1beta1'],
    ];
    for (const [path, kind, apiVersion] of cases) {
      const body = await list(cluster, path);
      expect(body.kind, path).toBe(kind);
      expect(body.apiVersion, path).toBe(apiVersion);
      expect(body.items.length, path).toBeGreaterThan(0);
      if (!apiVersion.startsWith('metrics')) expect(body.metadata.resourceVersion, path).toMatch(/^\d+$/);
      for (const item of body.items) {
        expect(item.metadata.name).toBeTruthy();
        if (path.includes('/namespaces/checkout/')) expect(item.metadata.namespace).toBe('checkout');
      }
    }
  });

  test('fieldSelector=spec.nodeName picks one node’s pods', async () => {
    const nodes = await list(cluster, '/api/v1/nodes');
    const node = nodes.items[0]?.metadata.name ?? '';
    const pods = await list(cluster, `/api/v1/pods?fieldSelector=${encodeURIComponent(`spec.nodeName=${node}`)}`);
    expect(pods.items.length).toBeGreaterThan(3);
    for (const pod of pods.items) expect((pod.spec as { nodeName: string }).nodeName).toBe(node);
    const bad = await getJson(cluster, '/api/v1/pods?fieldSelector=spec.bogus%3Dx');
    expect(bad.body).toMatchObject({ ...statusShape(400, 'BadRequest'), message: 'field label not supported: spec.bogus' });
  });

  test('labelSelector filters on labels', async () => {
    const pods = await list(cluster, '/api/v1/pods?labelSelector=team%3Dpayments,app!%3Dpayments-api');
    expect(pods.items.length).toBeGreaterThan(0);
    for (const pod of pods.items) {
      expect(pod.metadata.labels?.team).toBe('payments');
      expect(pod.metadata.labels?.app).not.toBe('payments-api');
    }
  });

  test('only GET is served', async () => {
    const response = await demoFetch(cluster, `/api/v1/nodes`, { method: 'DELETE', headers: { Authorization: `Bearer ${cluster.token}` } });
    expect(response.status).toBe(405);
  });

  test('requests are counted', () => {
    const stats = cluster.stats();
    expect(stats.requests).toBeGreaterThan(20);
    expect(stats.byStatus[401]).toBeGreaterThanOrEqual(3);
    expect(stats.byPath['/api/v1/nodes']).toBeGreaterThan(0);
    expect(cluster.requestLog().at(-1)?.path).toBeTruthy();
  });
});
