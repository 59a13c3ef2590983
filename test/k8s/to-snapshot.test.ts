import { describe, expect, test } from 'vitest';
import { toContainerUsageRecords, toNodeRecord, toNodeUsageRecord, toPodRecord } from '../../lib/k8s/to-snapshot';

const lookups = { replicaSetOwners: new Map(), jobOwners: new Map() };

function collectWarnings() {
  const warnings: string[] = [];
  return { warnings, warn: (m: string) => warnings.push(m) };
}

describe('toPodRecord', () => {
  const pod = {
    metadata: { name: 'api-1', namespace: 'shop', uid: 'u1', creationTimestamp: new Date('2026-11-01T00:00:00Z'), labels: { team: 'checkout' } },
    spec: {
      nodeName: 'node-a',
      initContainers: [{ name: 'migrate', image: 'm:1', resources: { requests: { cpu: '1', memory: '1Gi' } } }],
      containers: [
        { name: 'app', image: 'a:1', resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } } },
        { name: 'gpu', image: 'g:1', resources: { limits: { 'nvidia.com/gpu': '2' } } },
        { name: 'broken', image: 'b:1', resources: { requests: { cpu: '12x', memory: '64Mi' } } },
      ],
      volumes: [{ persistentVolumeClaim: { claimName: 'data' } }, {}],
    },
    status: { phase: 'Running' },
  };

  test('containers, init containers, GPUs defaulted from limits, PVCs, Date timestamps', () => {
    const { warnings, warn } = collectWarnings();
    const record = toPodRecord(pod, lookups, warn)!;
    expect(record.createdAt).toBe('2026-11-01T00:00:00.000Z');
    expect(record.claimNames).toEqual(['data']);
    expect(record.controllerKind).toBe('Pod');
    expect(record.containers.map((c) => [c.name, c.isInit, c.cpuRequestMillicores, c.memoryRequestBytes, c.gpuRequest])).toEqual([
      ['migrate', true, 1000, 1_073_741_824, 0],
      ['app', false, 250, 536_870_912, 0],
      ['gpu', false, null, null, 2],
      ['broken', false, null, 67_108_864, 0],
    ]);
    expect(record.containers[1]).toMatchObject({ cpuLimitMillicores: 1000, memoryLimitBytes: 1_073_741_824 });
    expect(warnings).toEqual(['pod shop/api-1 container "broken" cpu request: "12x": not a valid quantity']);
  });

  test('a kubelet-style pod without uid or namespace gets stable defaults', () => {
    const record = toPodRecord({ metadata: { name: 'static' }, spec: { containers: [] } }, lookups, () => {})!;
    expect(record).toMatchObject({ uid: 'pod:default/static', namespace: 'default', phase: 'Unknown', nodeName: null });
  });
});

describe('toNodeRecord', () => {
  test('a node whose capacity is malformed is skipped with a warning naming it', () => {
    const { warnings, warn } = collectWarnings();
    const record = toNodeRecord({ metadata: { name: 'bad-node' }, status: { capacity: { cpu: 'four', memory: '16Gi' } } }, warn);
    expect(record).toBeNull();
    expect(warnings).toEqual(['node bad-node capacity cpu: "four": not a valid quantity', 'node bad-node: skipped, its capacity cannot be read']);
  });

  test('allocatable falls back to capacity', () => {
    const record = toNodeRecord({ metadata: { name: 'n', uid: 'x' }, status: { capacity: { cpu: '2', memory: '4041568Ki', 'amd.com/gpu': '1' } } }, () => {})!;
    expect(record).toMatchObject({ cpuAllocatableMillicores: 2000, memoryAllocatableBytes: 4_138_565_632, gpuCapacity: 1, gpuAllocatable: 1 });
  });
});

describe('metrics', () => {
  test('node metrics in nanocores and Ki, at the metrics timestamp', () => {
    expect(
      toNodeUsageRecord({ metadata: { name: 'minikube' }, timestamp: '2022-01-27T18:48:43Z', usage: { cpu: '487558164n', memory: '732212Ki' } }, () => {}),
    ).toEqual({ name: 'minikube', cpuUsageMillicores: 488, memoryUsageBytes: 749_785_088, usageAt: '2022-01-27T18:48:43.000Z' });
  });

  test('pod metrics: a container with a malformed value is skipped, the others kept', () => {
    const { warnings, warn } = collectWarnings();
    const records = toContainerUsageRecords(
      {
        metadata: { name: 'api-1', namespace: 'shop' },
        timestamp: '2026-11-25T11:59:45Z',
        containers: [
          { name: 'app', usage: { cpu: '3250u', memory: '128Mi' } },
          { name: 'sidecar', usage: { cpu: 'lots', memory: '1Mi' } },
        ],
      },
      warn,
    );
    expect(records).toEqual([{ namespace: 'shop', pod: 'api-1', container: 'app', cpuUsageMillicores: 4, memoryUsageBytes: 134_217_728, usageAt: '2026-11-25T11:59:45.000Z' }]);
    expect(warnings).toEqual(['podmetrics shop/api-1 container "sidecar" cpu usage: "lots": not a valid quantity']);
  });
});
