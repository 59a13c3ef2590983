import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../lib/db/client';
import { fixedClock, startDemoCluster } from '../../lib/demo/server';
import { collectOnce } from '../../lib/ingest/collect-once';
import { loadKubeConfig } from '../../lib/k8s/kubeconfig';
import { BACKENDS } from '../helpers/backends';
import { k8sFixture } from '../helpers/fixtures';

const fixture = k8sFixture;

// Expected values worked out from the JSON by hand (and checked with an independent script):
// requests of app containers of Running / Pending-and-scheduled pods.
const CASES = [
  {
    file: 'openshift-4.4-gcp-ci-cluster-nodes-pods.json',
    nodes: 6, pods: 19, containers: 37, cpuRequestMillicores: 502, memoryRequestBytes: 4_401_922_048, gpuRequests: 0, claims: 0,
  },
  { file: 'doks-and-aws-gpu-nodelist.json', nodes: 7, pods: 0, containers: 0, cpuRequestMillicores: 0, memoryRequestBytes: 0, gpuRequests: 0, claims: 0 },
  { file: 'aks-nodes-and-pods.json', nodes: 1, pods: 10, containers: 18, cpuRequestMillicores: 980, memoryRequestBytes: 1_466_957_824, gpuRequests: 0, claims: 0 },
  { file: 'storage-pv-pvc.json', nodes: 0, pods: 0, containers: 0, cpuRequestMillicores: 0, memoryRequestBytes: 0, gpuRequests: 0, claims: 2 },
  { file: 'metrics-k8s-io-minikube-samples.json', nodes: 0, pods: 0, containers: 0, cpuRequestMillicores: 0, memoryRequestBytes: 0, gpuRequests: 0, claims: 0 },
];

describe('real clusters\' data, served by the simulated API server and collected', () => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await BACKENDS[0]!.open());
  });
  afterAll(async () => cleanup?.());

  test.each(CASES)('$file: exact nodes, pods and summed requests, no warnings', async (expected) => {
    const cluster = await startDemoCluster({ fixtures: [fixture(expected.file)], clock: fixedClock('2026-11-25T12:00:00Z') });
    try {
      const result = await collectOnce(db, loadKubeConfig({ kubeconfig: cluster.kubeconfigPath }), { cluster: expected.file, pageSize: 2 });
      expect(result.summary).toMatchObject({
        nodes: expected.nodes,
        pods: expected.pods,
        containers: expected.containers,
        cpuRequestMillicores: expected.cpuRequestMillicores,
        memoryRequestBytes: expected.memoryRequestBytes,
        gpuRequests: expected.gpuRequests,
        persistentVolumeClaims: expected.claims,
        warnings: [],
      });
      expect(await db.prisma.pod.count({ where: { cluster: { name: expected.file } } })).toBe(expected.pods);
    } finally {
      await cluster.close();
    }
  });

  test('node details: OpenShift on GCP, DOKS pools in Mi, the AWS GPU node, AKS agentpool', async () => {
    const cluster = await startDemoCluster({
      fixtures: ['openshift-4.4-gcp-ci-cluster-nodes-pods.json', 'doks-and-aws-gpu-nodelist.json', 'aks-nodes-and-pods.json'].map(fixture),
    });
    try {
      await collectOnce(db, loadKubeConfig({ kubeconfig: cluster.kubeconfigPath }), { cluster: 'mixed' });
    } finally {
      await cluster.close();
    }
    const nodes = await db.prisma.node.findMany({ where: { cluster: { name: 'mixed' } } });
    const byName = (name: string) => nodes.find((n) => n.name === name)!;
    expect(nodes).toHaveLength(14);
    expect(byName('ci-ln-d53y532-f76d1-2btqq-worker-b-7x8mw')).toMatchObject({
      provider: 'gcp', instanceType: 'n1-standard-4', cpuCapacityMillicores: 4000, memoryCapacityBytes: 15_756_369_920n,
      cpuAllocatableMillicores: 3500, memoryAllocatableBytes: 14_577_770_496n, capacityType: 'on-demand',
    });
    expect(byName('pool-yd23sqk7u-3i7i7')).toMatchObject({ provider: 'digitalocean', nodePool: 'pool-yd23sqk7u', memoryAllocatableBytes: 3_261_071_360n });
    expect(byName('ip-172-31-21-92')).toMatchObject({ gpuCapacity: 1, gpuAllocatable: 1 });
    expect(byName('aks-nodepool1-24816391-vmss000000')).toMatchObject({ provider: 'azure', nodePool: 'nodepool1', instanceType: 'Standard_DS2_v2' });
  });

  test('metrics.k8s.io samples: node usage in nanocores and Ki', async () => {
    const cluster = await startDemoCluster({ fixtures: [fixture('metrics-k8s-io-minikube-samples.json')] });
    try {
      const result = await collectOnce(db, loadKubeConfig({ kubeconfig: cluster.kubeconfigPath }), { cluster: 'metrics' });
      expect(result.summary.warnings).toEqual([]);
    } finally {
      await cluster.close();
    }
  });
});
