import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { extractObjects, kindFromShape } from '../../lib/demo/fixtures';
import { type DemoCluster, startDemoCluster } from '../../lib/demo/server';
import type { JsonObject, JsonValue } from '../../lib/demo/store';
import { K8S_FIXTURES_DIR } from '../helpers/fixtures';
import { demoFetch, list, listAllPages } from './helpers';

const DIR = K8S_FIXTURES_DIR;
const PATHS: Record<string, string> = {
  nodes: '/api/v1/nodes',
  pods: '/api/v1/pods',
  pvs: '/api/v1/persistentvolumes',
  pvcs: '/api/v1/persistentvolumeclaims',
  nodeMetrics: '/apis/metrics.k8s.io/v1beta1/nodes',
  podMetrics: '/apis/metrics.k8s.io/v1beta1/pods',
};
type Counts = Partial<Record<keyof typeof PATHS, number>>;

const FILES: Array<[string, Counts]> = [
  ['openshift-4.4-gcp-ci-cluster-nodes-pods.json', { nodes: 6, pods: 19 }],
  ['doks-and-aws-gpu-nodelist.json', { nodes: 7 }],
  ['aks-nodes-and-pods.json', { nodes: 1, pods: 10 }],
  ['metrics-k8s-io-minikube-samples.json', { nodeMetrics: 1, podMetrics: 1 }],
  ['storage-pv-pvc.json', { pvs: 2, pvcs: 2 }],
];

let cluster: DemoCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

/** Every object in the file, found independently of the server: items of lists, array members, single objects. */
function objectsInFile(file: string): JsonObject[] {
  const found: JsonObject[] = [];
  const visit = (v: JsonValue | undefined): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      if (Array.isArray(v.items)) v.items.forEach(visit);
      else if (v.metadata && typeof v.metadata === 'object') found.push(v);
      else Object.values(v).forEach(visit);
    }
  };
  visit(JSON.parse(readFileSync(join(DIR, file), 'utf8')) as JsonValue);
  return found;
}

describe('fixture mode serves each shared fixture file', () => {
  test.each(FILES)('%s', async (file, counts) => {
    cluster = await startDemoCluster({ fixtures: [join(DIR, file)] });
    const served: JsonObject[] = [];
    for (const [resource, path] of Object.entries(PATHS)) {
      const body = await list(cluster, path);
      expect(body.items.length, `${file} ${resource}`).toBe(counts[resource as keyof typeof PATHS] ?? 0);
      served.push(...(body.items as unknown as JsonObject[]));
      const pages = await listAllPages(cluster, path, 2);
      expect(pages.flatMap((p) => p.items)).toEqual(body.items);
    }
    // Unchanged: every object of the file, byte for byte, and nothing else.
    const key = (o: JsonObject) => JSON.stringify(o);
    expect(served.map(key).sort()).toEqual(objectsInFile(file).map(key).sort());
  });

  test('all files at once, namespaced reads included', async () => {
    cluster = await startDemoCluster({ fixtures: FILES.map(([file]) => join(DIR, file)) });
    expect((await list(cluster, '/api/v1/nodes')).items).toHaveLength(14);
    expect((await list(cluster, '/api/v1/pods')).items).toHaveLength(29);
    const kubeSystem = await list(cluster, '/api/v1/namespaces/kube-system/pods');
    expect(kubeSystem.items).toHaveLength(10);
    const node = await demoFetch(cluster, `/api/v1/nodes/aks-nodepool1-24816391-vmss000000`, { headers: { Authorization: `Bearer ${cluster.token}` } });
    expect(await node.json()).toMatchObject({ kind: 'Node', apiVersion: 'v1', metadata: { name: 'aks-nodepool1-24816391-vmss000000' } });
  });
});

describe('classification of items without kind', () => {
  test('shapes map to kinds', () => {
    const pod = { metadata: { name: 'p', namespace: 'n' }, spec: { containers: [] } };
    const node = { metadata: { name: 'n' }, spec: {}, status: { capacity: { cpu: '4' } } };
    const pv = { metadata: { name: 'v' }, spec: { capacity: { storage: '1Gi' } } };
    const pvc = { metadata: { name: 'c', namespace: 'n' }, spec: { resources: { requests: { storage: '1Gi' } } } };
    const podMetrics = { metadata: { name: 'p', namespace: 'n' }, window: '30s', containers: [] };
    const nodeMetrics = { metadata: { name: 'n' }, window: '30s', usage: {} };
    const sts = { metadata: { name: 's', namespace: 'n' }, spec: { template: {}, serviceName: 's' } };
    const cronJob = { metadata: { name: 'c', namespace: 'n' }, spec: { jobTemplate: {} } };
    expect([pod, node, pv, pvc, podMetrics, nodeMetrics, sts, cronJob].map((o) => kindFromShape(o))).toEqual([
      'Pod', 'Node', 'PersistentVolume', 'PersistentVolumeClaim', 'PodMetrics', 'NodeMetrics', 'StatefulSet', 'CronJob',
    ]);
  });

  test('the list kind wins over the shape', () => {
    const { objects } = extractObjects({ kind: 'NodeList', items: [{ metadata: { name: 'x' } }] });
    expect(objects.map((o) => o.resourceId)).toEqual(['v1/nodes']);
  });
});
