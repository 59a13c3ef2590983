/**
 * The real, unchanged @kubernetes/client-node v2 reading the demo cluster through its
 * kubeconfig, as the collector does against a real cluster.
 */
import { ApiException, AppsV1Api, BatchV1Api, CoreV1Api, CustomObjectsApi, KubeConfig, Metrics, Watch } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DemoCluster, type SimulatedClock, fixedClock, startDemoCluster } from '../../lib/demo/server';
import { WEDNESDAY_NOON } from './helpers';

let cluster: DemoCluster;
let clock: SimulatedClock;
let kc: KubeConfig;

beforeAll(async () => {
  clock = fixedClock(WEDNESDAY_NOON);
  cluster = await startDemoCluster({ clock, clusterName: 'demo-east' });
  kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfigPath);
});
afterAll(() => cluster.close());

describe('@kubernetes/client-node v2 against the demo cluster', () => {
  test('the kubeconfig names the cluster and an https:// server trusted through its own CA', () => {
    expect(kc.getCurrentContext()).toBe('demo-east');
    expect(kc.getCurrentCluster()).toMatchObject({ name: 'demo-east', server: cluster.url, skipTLSVerify: false });
    expect(cluster.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(Buffer.from(kc.getCurrentCluster()?.caData ?? '', 'base64').toString('utf8')).toBe(cluster.caPem);
  });

  test('CoreV1Api.listNode({limit: 5}) following _continue reads every node once', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await core.listNode({ limit: 5, _continue: token });
      pages += 1;
      expect(page.items.length).toBeLessThanOrEqual(5);
      names.push(...page.items.map((n) => n.metadata?.name ?? ''));
      token = page.metadata?._continue;
      if (token) expect(page.metadata?.remainingItemCount).toBeGreaterThan(0);
    } while (token);
    const all = await core.listNode();
    expect(pages).toBe(Math.ceil(all.items.length / 5));
    expect(names).toEqual(all.items.map((n) => n.metadata?.name));
    const node = all.items[0];
    expect(node?.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(node?.status?.capacity?.cpu).toMatch(/^\d+$/);
    expect(node?.spec?.providerID).toMatch(/^aws:\/\/\//);
  });

  test('typed reads of pods, PVs, workloads and jobs', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const apps = kc.makeApiClient(AppsV1Api);
    const batch = kc.makeApiClient(BatchV1Api);
    const pods = await core.listNamespacedPod({ namespace: 'checkout', limit: 100 });
    expect(pods.items.length).toBeGreaterThan(10);
    expect(pods.items[0]?.spec?.containers[0]?.resources?.requests?.cpu).toBeTruthy();
    expect((await core.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${pods.items[0]?.spec?.nodeName}` })).items.length).toBeGreaterThan(0);
    expect((await core.listPersistentVolume()).items.length).toBeGreaterThan(5);
    expect((await core.listPersistentVolumeClaimForAllNamespaces()).items.length).toBeGreaterThan(5);
    expect((await core.listNamespace()).items.map((n) => n.metadata?.name)).toContain('legacy-reports');
    expect((await apps.listDeploymentForAllNamespaces()).items.length).toBeGreaterThan(20);
    expect((await apps.listReplicaSetForAllNamespaces({ limit: 10 })).metadata?._continue).toBeTruthy();
    expect((await apps.listStatefulSetForAllNamespaces()).items.length).toBeGreaterThan(3);
    expect((await apps.listDaemonSetForAllNamespaces()).items.length).toBeGreaterThan(3);
    expect((await apps.readNamespacedDeployment({ name: 'checkout-api', namespace: 'checkout' })).spec?.replicas).toBe(4);
    expect((await batch.listCronJobForAllNamespaces()).items.length).toBeGreaterThan(3);
    const jobs = await batch.listJobForAllNamespaces();
    expect(jobs.items.some((j) => j.status?.succeeded === 1)).toBe(true);
  });

  test('metrics.k8s.io through CustomObjectsApi and Metrics', async () => {
    const custom = kc.makeApiClient(CustomObjectsApi);
    const nodes = (await custom.listClusterCustomObject({ group: 'metrics.k8s.io', version: 'v1beta1', plural: 'nodes' })) as { kind: string; items: Array<{ usage: { cpu: string } }> };
    expect(nodes.kind).toBe('NodeMetricsList');
    expect(nodes.items[0]?.usage.cpu).toMatch(/n$/);
    const podMetrics = await new Metrics(kc).getPodMetrics('checkout');
    expect(podMetrics.items.length).toBeGreaterThan(5);
    expect(podMetrics.items[0]?.containers[0]?.usage.memory).toMatch(/Ki$/);
  });

  test('failures surface as ApiException with the Status body', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    cluster.faults.inject({ path: '/api/v1/nodes', status: 403, times: 1 });
    const error = await core.listNode().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiException);
    expect((error as ApiException<unknown>).code).toBe(403);
    const first = await core.listPodForAllNamespaces({ limit: 20 });
    clock.advance(10 * 60_000);
    const expired = await core.listPodForAllNamespaces({ limit: 20, _continue: first.metadata?._continue }).catch((e: unknown) => e);
    clock.set(WEDNESDAY_NOON);
    expect((expired as ApiException<string>).code).toBe(410);
    expect(String((expired as ApiException<string>).body)).toContain('"reason":"Expired"');
  });

  test('Watch streams events and ends when the server closes the watch', async () => {
    const events: Array<{ type: string; name: string }> = [];
    const done = new Promise<unknown>((resolve) => {
      void new Watch(kc).watch(
        '/apis/apps/v1/namespaces/checkout/deployments',
        { timeoutSeconds: 1 },
        (type, object: { metadata: { name: string } }) => events.push({ type, name: object.metadata.name }),
        (err) => resolve(err),
      );
    });
    expect(await done).toBeNull();
    expect(events.map((e) => e.type)).toEqual(events.map(() => 'ADDED'));
    expect(events.map((e) => e.name)).toContain('checkout-api');
  });
});
