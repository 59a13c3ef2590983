import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { OwnerLookups } from '../../lib/k8s/owners';
import {
  toContainerUsageRecords,
  toNamespaceRecord,
  toNodeRecord,
  toNodeUsageRecord,
  toPersistentVolumeClaimRecord,
  toPersistentVolumeRecord,
  toPodRecord,
  type K8sContainer,
  type K8sNode,
  type Warn,
} from '../../lib/k8s/to-snapshot';
import { k8sFixture } from '../helpers/fixtures';

const noLookups: OwnerLookups = { replicaSetOwners: new Map(), jobOwners: new Map() };
const realNode = (JSON.parse(
  readFileSync(k8sFixture('openshift-4.4-gcp-ci-cluster-nodes-pods.json'), 'utf8'),
) as { items: K8sNode[] }).items.find((n) => n.metadata?.name === 'ci-ln-d53y532-f76d1-2btqq-worker-b-7x8mw')!;
const withCapacity = (capacity: Record<string, string>, allocatable: Record<string, string> = {}): K8sNode => ({
  ...realNode,
  status: { capacity: { ...realNode.status!.capacity, ...capacity }, allocatable: { ...realNode.status!.allocatable, ...allocatable } },
});
const podWith = (containers: K8sContainer[], initContainers: K8sContainer[] = []) => ({
  metadata: { name: 'api-7f9', namespace: 'shop', uid: 'u1' },
  spec: { containers, initContainers },
});

function run(map: (warn: Warn) => unknown): { result: unknown; warnings: string[] } {
  const warnings: string[] = [];
  return { result: map((m) => warnings.push(m)), warnings };
}

describe('a malformed quantity is never read as zero: it is skipped and warned about, naming the object', () => {
  test.each([
    ['container cpu request', (w: Warn) => toPodRecord(podWith([{ name: 'app', resources: { requests: { cpu: '12x', memory: '64Mi' } } }]), noLookups, w)?.containers,
      [{ name: 'app', cpuRequestMillicores: null, memoryRequestBytes: 67_108_864 }],
      ['pod shop/api-7f9 container "app": cpu request "12x": not a valid quantity']],
    ['negative memory limit of an init container', (w: Warn) => toPodRecord(podWith([], [{ name: 'migrate', resources: { limits: { memory: '-1Gi' } } }]), noLookups, w)?.containers,
      [{ name: 'migrate', isInit: true, memoryLimitBytes: null }],
      ['pod shop/api-7f9 init container "migrate": memory limit "-1Gi": a resource quantity cannot be negative']],
    ['GPU request: the bad one left out of the sum', (w: Warn) => toPodRecord(podWith([{ name: 'train', resources: { requests: { 'nvidia.com/gpu': 'one' }, limits: { 'amd.com/gpu': '1' } } }]), noLookups, w)?.containers,
      [{ name: 'train', gpuRequest: 1 }],
      ['pod shop/api-7f9 container "train": nvidia.com/gpu request "one": not a valid quantity']],
    ['real node, capacity memory in KB: node skipped', (w: Warn) => toNodeRecord(withCapacity({ memory: '15387080KB' }), w),
      null,
      ['node ci-ln-d53y532-f76d1-2btqq-worker-b-7x8mw: capacity memory "15387080KB": not a valid quantity', 'node ci-ln-d53y532-f76d1-2btqq-worker-b-7x8mw: skipped, its capacity cannot be read']],
    ['real node, capacity GPU malformed: node skipped', (w: Warn) => toNodeRecord(withCapacity({ 'nvidia.com/gpu': '1 ' }), w),
      null,
      ['node ci-ln-d53y532-f76d1-2btqq-worker-b-7x8mw: capacity nvidia.com/gpu "1 ": not a valid quantity', 'node ci-ln-d53y532-f76d1-2btqq-worker-b-7x8mw: skipped, its capacity cannot be read']],
    ['real node, allocatable cpu malformed: falls back to capacity', (w: Warn) => toNodeRecord(withCapacity({}, { cpu: '3.5.0' }), w),
      { cpuCapacityMillicores: 4000, cpuAllocatableMillicores: 4000, memoryAllocatableBytes: 14_577_770_496 },
      ['node ci-ln-d53y532-f76d1-2btqq-worker-b-7x8mw: allocatable cpu "3.5.0": not a valid quantity']],
    ['node without capacity: skipped', (w: Warn) => toNodeRecord({ metadata: { name: 'bare' }, status: {} }, w),
      null,
      ['node bare: skipped, its capacity cannot be read']],
    ['volume capacity', (w: Warn) => toPersistentVolumeRecord({ metadata: { name: 'pv-1' }, spec: { capacity: { storage: '20 Gi' } } }, w),
      null,
      ['persistentvolume pv-1: capacity storage "20 Gi": not a valid quantity']],
    ['claim without a request', (w: Warn) => toPersistentVolumeClaimRecord({ metadata: { name: 'data', namespace: 'db' }, spec: {} }, w),
      null,
      ['persistentvolumeclaim db/data: skipped, no requested storage']],
    ['claim capacity (request kept)', (w: Warn) => toPersistentVolumeClaimRecord({ metadata: { name: 'data', namespace: 'db' }, spec: { resources: { requests: { storage: '1Gi' } } }, status: { capacity: { storage: 'Gi' } } }, w),
      { requestedBytes: 1_073_741_824, capacityBytes: null },
      ['persistentvolumeclaim db/data: capacity storage "Gi": not a valid quantity']],
    ['pod metrics: only the bad container is left out', (w: Warn) => toContainerUsageRecords({ metadata: { name: 'api-7f9', namespace: 'shop' }, timestamp: '2026-11-25T11:59:45Z', containers: [{ name: 'app', usage: { cpu: '3250u', memory: '128Mi' } }, { name: 'sidecar', usage: { cpu: 'lots', memory: '1Mi' } }] }, w),
      [{ namespace: 'shop', pod: 'api-7f9', container: 'app', cpuUsageMillicores: 4, memoryUsageBytes: 134_217_728, usageAt: '2026-11-25T11:59:45.000Z' }],
      ['podmetrics shop/api-7f9 container "sidecar": cpu usage "lots": not a valid quantity']],
    ['node metrics without a timestamp', (w: Warn) => toNodeUsageRecord({ metadata: { name: 'n1' }, usage: { cpu: '1', memory: '1Gi' } }, w),
      null,
      ['nodemetrics n1: skipped, timestamp null is not a time']],
  ])('%s', (_case, map, expected, expectedWarnings) => {
    const { result, warnings } = run(map);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toMatchObject(expected);
    expect(warnings).toEqual(expectedWarnings);
  });
});

describe('shapes and defaults', () => {
  test.each([
    ['nvidia limit only → request defaults to it', { limits: { 'nvidia.com/gpu': '2' } }, 2],
    ['request wins over limit', { requests: { 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '2' } }, 1],
    ['defaulted per resource, then summed', { requests: { 'amd.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '2' } }, 3],
    ['intel i915', { limits: { 'gpu.intel.com/i915': '1' } }, 1],
    ['no GPUs', { requests: { cpu: '1' } }, 0],
  ])('GPU request: %s', (_case, resources, gpuRequest) => {
    expect(toPodRecord(podWith([{ name: 'c', resources }]), noLookups, () => {})?.containers[0]?.gpuRequest).toBe(gpuRequest);
  });

  test('client-node Date timestamps, PVC names once each, init containers first', () => {
    const record = toPodRecord(
      {
        metadata: { name: 'db-0', namespace: 'shop', uid: 'u', creationTimestamp: new Date('2026-11-01T00:00:00Z') },
        spec: {
          containers: [{ name: 'db', image: 'pg:17' }],
          initContainers: [{ name: 'init', image: 'busybox' }],
          volumes: [{ persistentVolumeClaim: { claimName: 'data' } }, {}, { persistentVolumeClaim: { claimName: 'data' } }, { persistentVolumeClaim: { claimName: 'wal' } }],
        },
      },
      noLookups,
      () => {},
    )!;
    expect(record.createdAt).toBe('2026-11-01T00:00:00.000Z');
    expect(record.claimNames).toEqual(['data', 'wal']);
    expect(record.containers.map((c) => [c.name, c.isInit, c.image])).toEqual([['init', true, 'busybox'], ['db', false, 'pg:17']]);
  });

  test('objects without uid, namespace or phase (kubelet-style) get stable defaults', () => {
    expect(toPodRecord({ metadata: { name: 'static' } }, noLookups, () => {})).toMatchObject({
      uid: 'pod:default/static', namespace: 'default', phase: 'Unknown', nodeName: null, createdAt: null, containers: [], claimNames: [],
    });
    expect(toNodeRecord({ metadata: { name: 'n' }, status: { capacity: { cpu: '2', memory: '4041568Ki', 'amd.com/gpu': '1' } } }, () => {})).toMatchObject({
      uid: 'node:n', cpuAllocatableMillicores: 2000, memoryAllocatableBytes: 4_138_565_632, gpuCapacity: 1, gpuAllocatable: 1,
    });
    expect(toNamespaceRecord({ metadata: { name: 'shop', labels: { team: 'checkout' }, creationTimestamp: '2026-01-01T00:00:00Z' } })).toEqual({
      name: 'shop', labels: { team: 'checkout' }, createdAt: '2026-01-01T00:00:00.000Z',
    });
  });

  test('an object without a name is skipped with a warning', () => {
    const { result, warnings } = run((w) => toPodRecord({ metadata: {} }, noLookups, w));
    expect(result).toBeNull();
    expect(warnings).toEqual(['pod (unnamed): skipped, no metadata.name']);
  });
});
