import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../lib/db/client';
import { fixedClock, startDemoCluster, type DemoCluster } from '../../lib/demo/server';
import { collectOnce } from '../../lib/ingest/collect-once';
import { loadKubeConfig } from '../../lib/k8s/kubeconfig';
import { BACKENDS } from '../helpers/backends';

const START = new Date('2026-11-25T12:00:00.000Z');

describe('collector with API errors injected', () => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let cluster: DemoCluster;
  const clock = fixedClock(START);
  const sleeps: number[] = [];
  let minute = 0;
  // Each test scrapes at a new server time, so every successful scrape is stored.
  const collect = (name = 'faulty', advance = true) => {
    if (advance) clock.set(new Date(START.getTime() + ++minute * 60_000));
    return collectOnce(db, loadKubeConfig({ kubeconfig: cluster.kubeconfigPath }), {
      cluster: name,
      pageSize: 4,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
  };
  const scrapes = () => db.prisma.scrape.count();

  beforeAll(async () => {
    ({ db, cleanup } = await BACKENDS[0]!.open());
    cluster = await startDemoCluster({ seed: 3, clock });
  });
  afterEach(() => {
    cluster.faults.clear();
    sleeps.length = 0;
  });
  afterAll(async () => {
    await cluster?.close();
    await cleanup?.();
  });

  test('baseline: the scrape succeeds with no warnings', async () => {
    const result = await collect();
    expect(result.stored).toBe(true);
    expect(result.summary.warnings).toEqual([]);
  });

  test('403 Forbidden fails the scrape with the RBAC message and a hint, storing nothing', async () => {
    cluster.faults.inject({ path: '/api/v1/nodes', status: 403 });
    const before = await scrapes();
    await expect(collect()).rejects.toThrow(/listing nodes: HTTP 403: nodes is forbidden: .*ClusterRole in README/);
    expect(await scrapes()).toBe(before);
  });

  test('404 on a core list fails the scrape', async () => {
    cluster.faults.inject({ path: '/api/v1/persistentvolumes', status: 404 });
    await expect(collect()).rejects.toThrow(/listing persistentvolumes: HTTP 404/);
  });

  test('410 Expired on a continue token restarts that list and stores the full scrape', async () => {
    const reference = await collect('reference');
    cluster.faults.inject({ path: '/api/v1/pods', status: 410, times: 1 });
    const result = await collect('expired', false); // the same server instant as the reference
    expect(result.stored).toBe(true);
    expect(result.summary.pods).toBe(reference.summary.pods);
    expect(result.summary.containers).toBe(reference.summary.containers);
    expect(result.summary.cpuRequestMillicores).toBe(reference.summary.cpuRequestMillicores);
    const log = cluster.requestLog().filter((r) => r.path === '/api/v1/pods');
    expect(log.some((r) => r.status === 410)).toBe(true);
  });

  test('429 waits for Retry-After, then succeeds', async () => {
    cluster.faults.inject({ path: '/api/v1/namespaces', status: 429, times: 2, retryAfterSeconds: 3 });
    const result = await collect();
    expect(result.stored).toBe(true);
    expect(sleeps).toEqual([3000, 3000]);
  });

  test('500 is retried with backoff; a persistent 500 fails with the server message', async () => {
    cluster.faults.inject({ path: '/apis/apps/v1/replicasets', status: 500, times: 1 });
    expect((await collect()).stored).toBe(true);
    cluster.faults.inject({ path: '/apis/apps/v1/replicasets', status: 500 });
    await expect(collect()).rejects.toThrow(/listing replicasets: HTTP 500/);
    expect(sleeps.length).toBeGreaterThanOrEqual(4);
  });

  test('without metrics-server the inventory is still stored, and the scrape says so once', async () => {
    cluster.faults.disableMetrics();
    const result = await collect();
    expect(result.stored).toBe(true);
    expect(result.summary.pods).toBeGreaterThan(0);
    expect(result.summary.cpuUsageMillicores).toBe(0);
    expect(result.summary.warnings).toEqual([expect.stringMatching(/metrics\.k8s\.io is not available/)]);
    const scrape = await db.prisma.scrape.findFirstOrThrow({ orderBy: { sampledAt: 'desc' } });
    expect(scrape.metricsAvailable).toBe(false);
  });
});
