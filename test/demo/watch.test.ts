import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DemoCluster, type SimulatedClock, fixedClock, startDemoCluster } from '../../lib/demo/server';
import { WEDNESDAY_NOON, demoFetch, list } from './helpers';

interface WatchEvent {
  type: string;
  object: { kind: string; apiVersion: string; metadata: { name: string; resourceVersion: string }; code?: number; reason?: string; message?: string };
}

let cluster: DemoCluster;
let clock: SimulatedClock;

beforeAll(async () => {
  clock = fixedClock(WEDNESDAY_NOON);
  cluster = await startDemoCluster({ clock, watchPollMs: 20 });
});
afterAll(() => cluster.close());

/** Opens a watch, runs `whileOpen` once the stream is established, and collects events until the server ends it. */
async function watch(path: string, whileOpen: () => void = () => {}): Promise<{ events: WatchEvent[]; elapsedMs: number; contentType: string | null }> {
  const started = Date.now();
  const response = await demoFetch(cluster, path, { headers: { Authorization: `Bearer ${cluster.token}` } });
  expect(response.status).toBe(200);
  whileOpen();
  const text = await response.text();
  const events = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as WatchEvent);
  return { events, elapsedMs: Date.now() - started, contentType: response.headers.get('content-type') };
}

describe('watch', () => {
  test('without resourceVersion: ADDED for every object, then the stream closes at timeoutSeconds', async () => {
    const pods = await list(cluster, '/api/v1/namespaces/checkout/pods');
    const { events, elapsedMs, contentType } = await watch('/api/v1/namespaces/checkout/pods?watch=true&timeoutSeconds=1');
    expect(contentType).toBe('application/json');
    expect(events.map((e) => e.type)).toEqual(pods.items.map(() => 'ADDED'));
    expect(events.map((e) => e.object.metadata.name).sort()).toEqual(pods.items.map((p) => p.metadata.name).sort());
    expect(events.every((e) => e.object.kind === 'Pod' && e.object.apiVersion === 'v1')).toBe(true);
    expect(elapsedMs).toBeGreaterThanOrEqual(900);
    expect(elapsedMs).toBeLessThan(5000);
  });

  test('from a list resourceVersion: a rollout shows up as MODIFIED and ADDED/DELETED events', async () => {
    clock.set(WEDNESDAY_NOON);
    const deployments = await list(cluster, '/apis/apps/v1/namespaces/checkout/deployments');
    const rv = deployments.metadata.resourceVersion ?? '';
    const before = deployments.items.find((d) => d.metadata.name === 'checkout-api');
    const deploymentEvents = await watch(`/apis/apps/v1/namespaces/checkout/deployments?watch=1&resourceVersion=${rv}&timeoutSeconds=1`, () => clock.advance(4 * 3600_000));
    const modified = deploymentEvents.events.filter((e) => e.type === 'MODIFIED' && e.object.metadata.name === 'checkout-api');
    expect(modified.length).toBe(1);
    const after = modified[0]?.object as unknown as { metadata: { annotations: Record<string, string>; generation: number } };
    const beforeRevision = Number((before?.metadata as unknown as { annotations: Record<string, string> }).annotations['deployment.kubernetes.io/revision']);
    expect(Number(after.metadata.annotations['deployment.kubernetes.io/revision'])).toBeGreaterThan(beforeRevision);

    clock.set(WEDNESDAY_NOON);
    const pods = await list(cluster, '/api/v1/namespaces/checkout/pods');
    const podEvents = await watch(`/api/v1/namespaces/checkout/pods?watch=true&resourceVersion=${pods.metadata.resourceVersion}&timeoutSeconds=1`, () => clock.advance(4 * 3600_000));
    const types = new Set(podEvents.events.map((e) => e.type));
    expect(types).toContain('ADDED');
    expect(types).toContain('DELETED');
    const rvs = podEvents.events.map((e) => Number(e.object.metadata.resourceVersion));
    expect(rvs).toEqual([...rvs].sort((a, b) => a - b));
  });

  test('a resourceVersion older than the watch history → ERROR event with 410 Expired', async () => {
    clock.set(WEDNESDAY_NOON);
    const pods = await list(cluster, '/api/v1/pods?limit=1');
    clock.advance(10 * 60_000);
    const { events } = await watch(`/api/v1/pods?watch=true&resourceVersion=${pods.metadata.resourceVersion}&timeoutSeconds=5`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: expect.stringMatching(/^too old resource version: \d+ \(\d+\)$/) } });
    clock.set(WEDNESDAY_NOON);
  });

  test('bookmarks when allowed, and the initial-events-end marker', async () => {
    const { events } = await watch('/api/v1/namespaces/default/pods?watch=true&allowWatchBookmarks=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&timeoutSeconds=1');
    expect(events[0]).toMatchObject({ type: 'BOOKMARK', object: { kind: 'Pod', metadata: { annotations: { 'k8s.io/initial-events-end': 'true' } } } });
  });

  test('metrics.k8s.io cannot be watched', async () => {
    const response = await demoFetch(cluster, `/apis/metrics.k8s.io/v1beta1/pods?watch=true`, { headers: { Authorization: `Bearer ${cluster.token}` } });
    expect(response.status).toBe(405);
  });

  test('open watches are counted and released, also when the client goes away', async () => {
    await watch('/api/v1/nodes?watch=true&timeoutSeconds=1');
    expect(cluster.stats().activeWatches).toBe(0);
    const controller = new AbortController();
    const response = await demoFetch(cluster, `/api/v1/pods?watch=true`, { headers: { Authorization: `Bearer ${cluster.token}` }, signal: controller.signal });
    expect(response.status).toBe(200);
    expect(cluster.stats().activeWatches).toBe(1);
    controller.abort();
    for (let i = 0; i < 50 && cluster.stats().activeWatches > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(cluster.stats().activeWatches).toBe(0);
  });
});
