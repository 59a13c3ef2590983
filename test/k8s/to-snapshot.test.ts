import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  toContainerUsageRecords,
  toNodeRecord,
  toNodeUsageRecord,
  toPersistentVolumeClaimRecord,
  toPersistentVolumeRecord,
  toPodRecord,
  type K8sNode,
  type K8sNodeMetrics,
  type K8sPersistentVolume,
  type K8sPersistentVolumeClaim,
  type K8sPod,
  type K8sPodMetrics,
} from '../../lib/k8s/to-snapshot';
import type { OwnerLookups } from '../../lib/k8s/owners';
import { k8sFixture } from '../helpers/fixtures';

// Real API output (see test/fixtures/k8s/README.md), read as plain JSON: list items without
// kind/apiVersion, a kubelet PodList with `metadata: {}`, string timestamps.
function load<T>(name: string): T {
  return JSON.parse(readFileSync(k8sFixture(name), 'utf8')) as T;
}
type List<T> = { items: T[] };
const openshift = load<List<K8sNode & K8sPod & { kind: string }>>('openshift-4.4-gcp-ci-cluster-nodes-pods.json');
const doks = load<List<K8sNode>>('doks-and-aws-gpu-nodelist.json');
const aks = load<{ nodeList: List<K8sNode>; podList: List<K8sPod> }>('aks-nodes-and-pods.json');
const metrics = load<{ nodeMetrics: K8sNodeMetrics; podMetrics: K8sPodMetrics }>('metrics-k8s-io-minikube-samples.json');
const storage = load<{ persistentVolumes: K8sPersistentVolume[]; persistentVolumeClaimList: List<K8sPersistentVolumeClaim> }>('storage-pv-pvc.json');

const nodes = [...openshift.items.filter((i) => i.kind === 'Node'), ...doks.items, ...aks.nodeList.items];
const pods = [...openshift.items.filter((i) => i.kind === 'Pod'), ...aks.podList.items];
const noLookups: OwnerLookups = { replicaSetOwners: new Map(), jobOwners: new Map() };

function collect(map: (warn: (m: string) => void) => unknown[]) {
  const warnings: string[] = [];
  return { result: map((m) => warnings.push(m)), warnings };
}

describe('every object in the real fixtures maps, with zero warnings', () => {
  test.each([
    ['nodes', 14, (warn: (m: string) => void) => nodes.map((n) => toNodeRecord(n, warn))],
    ['pods', 29, (warn: (m: string) => void) => pods.map((p) => toPodRecord(p, noLookups, warn))],
    ['volumes', 2, (warn: (m: string) => void) => storage.persistentVolumes.map((v) => toPersistentVolumeRecord(v, warn))],
    ['claims', 2, (warn: (m: string) => void) => storage.persistentVolumeClaimList.items.map((c) => toPersistentVolumeClaimRecord(c, warn))],
    ['node metrics', 1, (warn: (m: string) => void) => [toNodeUsageRecord(metrics.nodeMetrics, warn)]],
    ['pod metrics', 1, (warn: (m: string) => void) => toContainerUsageRecords(metrics.podMetrics, warn)],
  ])('%s: %d records', (_kind, count, map) => {
    const { result, warnings } = collect(map);
    expect(warnings).toEqual([]);
    expect(result.filter((r) => r !== null)).toHaveLength(count);
  });
});

// Expected values worked out by hand: Ki × 1024, Mi × 2^20, cores × 1000.
describe('nodes', () => {
  test.each([
    ['ci-ln-d53y532-f76d1-2btqq-worker-b-7x8mw', {
      uid: '89a1b416-12d9-408a-b5e0-d7c8d99e8bf6', provider: 'gcp', instanceType: 'n1-standard-4', region: 'us-east1', zone: 'us-east1-b',
      nodePool: null, capacityType: 'on-demand', cpuCapacityMillicores: 4000, memoryCapacityBytes: 15_756_369_920, gpuCapacity: 0,
      cpuAllocatableMillicores: 3500, memoryAllocatableBytes: 14_577_770_496, gpuAllocatable: 0, createdAt: '2020-08-12T08:52:21.000Z',
    }],
    ['pool-yd23sqk7u-3i7i7', {
      provider: 'digitalocean', instanceType: 's-2vcpu-4gb', region: 'sfo2', zone: null, nodePool: 'pool-yd23sqk7u',
      cpuCapacityMillicores: 2000, memoryCapacityBytes: 4_138_565_632, cpuAllocatableMillicores: 2000, memoryAllocatableBytes: 3_261_071_360,
    }],
    ['ip-172-31-21-92', {
      uid: 'aed93ed6-f460-4578-a7b0-574574237a0a', provider: null, nodePool: null, cpuCapacityMillicores: 1000, memoryCapacityBytes: 16_555_171_840,
      memoryAllocatableBytes: 16_450_314_240, gpuCapacity: 1, gpuAllocatable: 1, createdAt: '2024-12-18T22:04:55.000Z',
    }],
    ['repldev-marc', { provider: null, instanceType: null, region: null, nodePool: null, cpuCapacityMillicores: 8000 }],
    ['aks-nodepool1-24816391-vmss000000', {
      provider: 'azure', instanceType: 'Standard_DS2_v2', region: 'westus2', zone: '0', nodePool: 'nodepool1', capacityType: 'on-demand',
      cpuCapacityMillicores: 2000, memoryCapacityBytes: 7_291_510_784, cpuAllocatableMillicores: 1900, memoryAllocatableBytes: 4_787_511_296,
    }],
  ])('%s', (name, expected) => {
    const node = nodes.find((n) => n.metadata?.name === name)!;
    expect(toNodeRecord(node, () => {})).toMatchObject(expected);
  });
});

describe('pods', () => {
  const containersOf = (name: string) => {
    const record = toPodRecord(pods.find((p) => p.metadata?.name === name)!, noLookups, () => {})!;
    return record.containers.map((c) => [c.name, c.isInit, c.cpuRequestMillicores, c.memoryRequestBytes, c.cpuLimitMillicores, c.memoryLimitBytes]);
  };

  test.each([
    ['prometheus-k8s-0', { namespace: 'openshift-monitoring', uid: '5cf05831-f866-4e2c-a903-ec535c591bb6', phase: 'Running', nodeName: 'ci-ln-d53y532-f76d1-2btqq-worker-c-nmnbz', ownerKind: 'StatefulSet', ownerName: 'prometheus-k8s', controllerKind: 'StatefulSet', controllerName: 'prometheus-k8s', createdAt: '2020-08-12T08:56:07.000Z', claimNames: [] }],
    ['kube-controller-manager-ci-ln-d53y532-f76d1-2btqq-master-0', { ownerKind: 'Node', ownerName: 'ci-ln-d53y532-f76d1-2btqq-master-0', controllerKind: 'StaticPod', controllerName: 'kube-controller-manager' }],
    ['openshift-service-catalog-controller-manager-operator-644d6g48s', { ownerKind: 'ReplicaSet', ownerName: 'openshift-service-catalog-controller-manager-operator-644dc48f49', controllerKind: 'Deployment', controllerName: 'openshift-service-catalog-controller-manager-operator' }],
    ['sdn-controller-xcnqb', { ownerKind: 'DaemonSet', controllerKind: 'DaemonSet', controllerName: 'sdn-controller' }],
    ['coredns-785fcf7bdd-64ltz', { namespace: 'kube-system', nodeName: 'aks-newpool-21676506-vmss000000', controllerKind: 'Deployment', controllerName: 'coredns', createdAt: '2023-08-03T16:10:09.000Z' }],
  ])('%s: identity and owner', (name, expected) => {
    expect(toPodRecord(pods.find((p) => p.metadata?.name === name)!, noLookups, () => {})).toMatchObject(expected);
  });

  test.each([
    ['prometheus-k8s-0', [
      ['prometheus', false, 70, 1_073_741_824, null, null],
      ['prometheus-config-reloader', false, 1, null, null, null],
      ['rules-configmap-reloader', false, 1, null, null, null],
      ['thanos-sidecar', false, 1, 104_857_600, null, null],
      ['prometheus-proxy', false, 1, 20_971_520, null, null],
      ['kube-rbac-proxy', false, 1, 20_971_520, null, null],
      ['prom-label-proxy', false, 1, 20_971_520, null, null],
    ]],
    ['kube-proxy-fqhfk', [['kube-proxy-bootstrap', true, 100, null, null, null], ['kube-proxy', false, 100, null, null, null]]],
    ['coredns-785fcf7bdd-64ltz', [['coredns', false, 100, 73_400_320, 3000, 524_288_000]]],
    ['metrics-server-7757d565cf-m85vj', [
      ['metrics-server-vpa', false, 5, 31_457_280, 100, 314_572_800],
      ['metrics-server', false, 45, 61_865_984, 45, 61_865_984],
    ]],
  ])('%s: containers [name, isInit, cpu req m, mem req B, cpu lim m, mem lim B]', (name, expected) => {
    expect(containersOf(name)).toEqual(expected);
  });
});

describe('storage and metrics', () => {
  test('volumes and claims in bytes', () => {
    expect(toPersistentVolumeRecord(storage.persistentVolumes[0]!, () => {})).toEqual({
      name: 'pvc-99ffaeb3-8ff8-4137-a1fc-0bf72e7209a5', capacityBytes: 21_474_836_480, storageClass: 'gp2', phase: 'Bound',
      claimNamespace: 'openshift-monitoring', claimName: 'prometheus-data-prometheus-k8s-1',
    });
    expect(toPersistentVolumeRecord(storage.persistentVolumes[1]!, () => {})).toMatchObject({ capacityBytes: 52_428_800, storageClass: 'manual' });
    expect(toPersistentVolumeClaimRecord(storage.persistentVolumeClaimList.items[0]!, () => {})).toEqual({
      namespace: 'default', name: 'data-postgresql-0', requestedBytes: 8_589_934_592, capacityBytes: 8_589_934_592,
      storageClass: 'local-path', volumeName: 'pvc-b733694c-a969-4763-9960-d3465c9fccd5', phase: 'Bound',
    });
  });

  test('metrics in nanocores and Ki, at the metrics timestamp', () => {
    expect(toNodeUsageRecord(metrics.nodeMetrics, () => {})).toEqual({
      name: 'minikube', cpuUsageMillicores: 488, memoryUsageBytes: 749_785_088, usageAt: '2022-01-27T18:48:33.000Z',
    });
    expect(toContainerUsageRecords(metrics.podMetrics, () => {})).toEqual([
      { namespace: 'kube-system', pod: 'kube-scheduler-minikube', container: 'kube-scheduler', cpuUsageMillicores: 10, memoryUsageBytes: 22_777_856, usageAt: '2022-01-27T19:24:31.000Z' },
    ]);
  });
});
