import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type DemoCluster, fixedClock, startDemoCluster } from '../../lib/demo/server';
import { CONTINUE_EXPIRED_MESSAGE } from '../../lib/demo/status';
import { WEDNESDAY_NOON, getJson, list, statusShape } from './helpers';

let cluster: DemoCluster;

beforeAll(async () => {
  cluster = await startDemoCluster({ clock: fixedClock(WEDNESDAY_NOON) });
});
afterEach(() => cluster.faults.clear());
afterAll(() => cluster.close());

describe('injected faults answer with real Status objects', () => {
  test('403 Forbidden, cluster scope', async () => {
    cluster.faults.inject({ path: '/api/v1/nodes', status: 403 });
    const response = await getJson(cluster, '/api/v1/nodes');
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      ...statusShape(403, 'Forbidden'),
      message: 'nodes is forbidden: User "system:serviceaccount:tally:tally" cannot list resource "nodes" in API group "" at the cluster scope',
      details: { kind: 'nodes' },
    });
  });

  test('403 Forbidden, namespaced and grouped', async () => {
    cluster.faults.inject({ path: /\/deployments$/, status: 403 });
    const response = await getJson(cluster, '/apis/apps/v1/namespaces/checkout/deployments');
    expect(response.body).toMatchObject({
      message: 'deployments.apps is forbidden: User "system:serviceaccount:tally:tally" cannot list resource "deployments" in API group "apps" in the namespace "checkout"',
      details: { group: 'apps', kind: 'deployments' },
    });
  });

  test('404 NotFound', async () => {
    cluster.faults.inject({ path: '/apis/batch/v1/cronjobs', status: 404 });
    const response = await getJson(cluster, '/apis/batch/v1/cronjobs');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ ...statusShape(404, 'NotFound'), message: 'the server could not find the requested resource', details: {} });
  });

  test('410 Expired only for requests carrying a continue token', async () => {
    cluster.faults.inject({ path: '/api/v1/pods', status: 410 });
    const first = await getJson(cluster, '/api/v1/pods?limit=10');
    expect(first.status).toBe(200);
    const token = (first.body as { metadata: { continue: string } }).metadata.continue;
    const next = await getJson(cluster, `/api/v1/pods?limit=10&continue=${token}`);
    expect(next.status).toBe(410);
    expect(next.body).toEqual({ ...statusShape(410, 'Expired'), message: CONTINUE_EXPIRED_MESSAGE });
  });

  test('429 TooManyRequests with Retry-After', async () => {
    cluster.faults.inject({ path: '/api/v1/pods', status: 429, retryAfterSeconds: 3 });
    const response = await getJson(cluster, '/api/v1/pods');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(response.body).toEqual({ ...statusShape(429, 'TooManyRequests'), message: 'Too many requests, please try again later.', details: { retryAfterSeconds: 3 } });
  });

  test('500 InternalError', async () => {
    cluster.faults.inject({ path: '/apis/metrics.k8s.io/v1beta1/pods', status: 500 });
    const response = await getJson(cluster, '/apis/metrics.k8s.io/v1beta1/pods');
    expect(response.status).toBe(500);
    expect(response.body).toMatchObject({ ...statusShape(500, 'InternalError'), message: expect.stringMatching(/^Internal error occurred: /), details: { causes: [{ message: expect.any(String) }] } });
  });

  test('times limits how often a fault fires; other paths are untouched', async () => {
    cluster.faults.inject({ path: '/api/v1/nodes', status: 500, times: 2 });
    expect((await getJson(cluster, '/api/v1/namespaces')).status).toBe(200);
    expect((await getJson(cluster, '/api/v1/nodes')).status).toBe(500);
    expect((await getJson(cluster, '/api/v1/nodes')).status).toBe(500);
    expect((await getJson(cluster, '/api/v1/nodes')).status).toBe(200);
  });

  test('clear() removes faults', async () => {
    cluster.faults.inject({ path: '/api/v1/nodes', status: 403 });
    cluster.faults.clear();
    expect((await getJson(cluster, '/api/v1/nodes')).status).toBe(200);
  });
});

describe('a cluster without metrics-server', () => {
  test('disableMetrics() → metrics.k8s.io is 404, also in discovery', async () => {
    cluster.faults.disableMetrics();
    expect(cluster.faults.metricsDisabled).toBe(true);
    for (const path of ['/apis/metrics.k8s.io/v1beta1/nodes', '/apis/metrics.k8s.io/v1beta1/pods', '/apis/metrics.k8s.io/v1beta1/namespaces/checkout/pods', '/apis/metrics.k8s.io/v1beta1', '/apis/metrics.k8s.io']) {
      const response = await getJson(cluster, path);
      expect(response.status, path).toBe(404);
      expect(response.body).toMatchObject(statusShape(404, 'NotFound'));
    }
    const groups = (await getJson(cluster, '/apis')).body as { groups: Array<{ name: string }> };
    expect(groups.groups.map((g) => g.name)).toEqual(['apps', 'batch', 'events.k8s.io', 'autoscaling']);
    expect((await list(cluster, '/api/v1/nodes')).items.length).toBeGreaterThan(0);
    cluster.faults.clear();
    expect((await getJson(cluster, '/apis/metrics.k8s.io/v1beta1/nodes')).status).toBe(200);
  });
});
