// Reference cases from OpenCost's own test suite, reproduced on Tally's pure engine:
// core/pkg/opencost/allocation_test.go (TestAllocationSet_AggregateBy, TestAllocation_Add)
// with the fixture of core/pkg/opencost/mock.go (GenerateMockAllocationSetClusterIdle).
import { describe, expect, test } from 'vitest';
import { aggregate, type AggregateOptions, type IdleCost } from '../../lib/cost/aggregate';
import {
  IDLE, UNALLOCATED, cpuEfficiency, emptyAllocation, ramEfficiency, sumAllocations, totalCost, totalEfficiency,
  type Allocation, type AllocationProperties,
} from '../../lib/cost/allocation-set';

const DAY_MS = 24 * 3_600_000;
const start = Date.UTC(2021, 0, 1);

// NewMockUnitAllocation: every cost 1. Tally models no network or load-balancer cost, so the
// fixture's $1 network + $1 load balancer ride in pvCost (3 = 1 PV + 1 + 1): totals match
// OpenCost's ($6 per allocation) and idle, shared per CPU/RAM/GPU, is unaffected.
function unit(properties: AllocationProperties, ramCost = 1): Allocation {
  const name = [properties.cluster, properties.namespace, properties.pod, properties.container].join('/');
  return {
    ...emptyAllocation(name, properties, start, start + DAY_MS),
    cpuCoreHours: 1, cpuCoreRequestAverage: 1, cpuCoreUsageAverage: 1, cpuCost: 1,
    ramByteHours: 1, ramByteRequestAverage: 1, ramByteUsageAverage: 1, ramCost,
    gpuHours: 1, gpuCost: 1, pvByteHours: 1, pvCost: 3,
  };
}

const c = (cluster: string, node: string, namespace: string, pod: string, container: string, extra: AllocationProperties = {}) =>
  ({ cluster, node, namespace, pod, container, ...extra });

const ALLOCATIONS: Allocation[] = [
  unit(c('cluster1', 'c1nodes', 'namespace1', 'pod1', 'container1', { labels: { app: 'app1', env: 'env1' } }), 11),
  unit(c('cluster1', 'c1nodes', 'namespace1', 'pod-abc', 'container2', { controllerKind: 'deployment', controller: 'deployment1' })),
  unit(c('cluster1', 'c1nodes', 'namespace1', 'pod-def', 'container3', { controllerKind: 'deployment', controller: 'deployment1' })),
  unit(c('cluster1', 'c1nodes', 'namespace2', 'pod-ghi', 'container4', { controllerKind: 'deployment', controller: 'deployment2', labels: { app: 'app2', env: 'env2' } })),
  unit(c('cluster1', 'c1nodes', 'namespace2', 'pod-ghi', 'container5', { controllerKind: 'deployment', controller: 'deployment2', labels: { app: 'app2', env: 'env2' } })),
  unit(c('cluster1', 'c1nodes', 'namespace2', 'pod-jkl', 'container6', { controllerKind: 'daemonset', controller: 'daemonset1' })),
  unit(c('cluster2', 'node1', 'namespace2', 'pod-mno', 'container4', { controllerKind: 'deployment', controller: 'deployment2', labels: { app: 'app2' } })),
  unit(c('cluster2', 'node1', 'namespace2', 'pod-mno', 'container5', { controllerKind: 'deployment', controller: 'deployment2', labels: { app: 'app2' } })),
  unit(c('cluster2', 'node2', 'namespace2', 'pod-pqr', 'container6', { controllerKind: 'daemonset', controller: 'daemonset1' })),
  unit(c('cluster2', 'node2', 'namespace3', 'pod-stu', 'container7', { controllerKind: 'deployment', controller: 'deployment3' })),
  unit(c('cluster2', 'node3', 'namespace3', 'pod-vwx', 'container8', { controllerKind: 'statefulset', controller: 'statefulset1' })),
  unit(c('cluster2', 'node3', 'namespace3', 'pod-vwx', 'container9', { controllerKind: 'statefulset', controller: 'statefulset1' })),
];

// GenerateMockAllocationSetClusterIdle: cluster1 idle CPU $5 + RAM $15, cluster2 CPU $5 + RAM $5.
const IDLE_BY_CLUSTER: IdleCost[] = [
  { cluster: 'cluster1', startMs: start, endMs: start + DAY_MS, cpuCost: 5, ramCost: 15, gpuCost: 0 },
  { cluster: 'cluster2', startMs: start, endMs: start + DAY_MS, cpuCost: 5, ramCost: 5, gpuCost: 0 },
];

function totals(options: Omit<AggregateOptions, 'idleScope'>): Record<string, number> {
  const result = aggregate(ALLOCATIONS, IDLE_BY_CLUSTER, { ...options, idleScope: 'cluster' });
  return Object.fromEntries(result.map((a) => [a.name, Math.round(totalCost(a) * 1e6) / 1e6]));
}

const inNamespace = (ns: string) => (a: Allocation) => a.properties.namespace === ns;

describe('TestAllocationSet_AggregateBy fixture: $82 active + $30 idle over two clusters', () => {
  test.each<[string, Omit<AggregateOptions, 'idleScope'>, Record<string, number>]>([
    ['1a namespace', { by: ['namespace'], idle: 'separate' }, { namespace1: 28, namespace2: 36, namespace3: 18, [IDLE]: 30 }],
    ['1b cluster', { by: ['cluster'], idle: 'separate' }, { cluster1: 46, cluster2: 36, [IDLE]: 30 }],
    ['1e controllerKind', { by: ['controllerKind'], idle: 'separate' }, { daemonset: 12, deployment: 42, statefulset: 12, [IDLE]: 30, [UNALLOCATED]: 16 }],
    ['1f controller', { by: ['controller'], idle: 'separate' }, {
      'deployment:deployment2': 24, 'daemonset:daemonset1': 12, 'deployment:deployment3': 6, 'statefulset:statefulset1': 12,
      'deployment:deployment1': 12, [IDLE]: 30, [UNALLOCATED]: 16,
    }],
    ['1h label:app', { by: ['label:app'], idle: 'separate' }, { app1: 16, app2: 24, [IDLE]: 30, [UNALLOCATED]: 42 }],
    ['2d label:app, label:env', { by: ['label:app', 'label:env'], idle: 'separate' }, {
      'app1/env1': 16, 'app2/env2': 12, [`app2/${UNALLOCATED}`]: 12, [IDLE]: 30, [`${UNALLOCATED}/${UNALLOCATED}`]: 42,
    }],
    // namespace1: 42.6875 = 28 + 5·(3/6) + 15·(13/16); namespace2: 46.3125; namespace3: 23
    ['3a namespace, shareIdle weighted', { by: ['namespace'], idle: 'share' }, { namespace1: 42.6875, namespace2: 46.3125, namespace3: 23 }],
    // namespace1: 37 = 28 + 18/2; namespace2: 45 = 36 + 18/2
    ['4a share namespace3 evenly', { by: ['namespace'], idle: 'separate', shared: inNamespace('namespace3'), shareSplit: 'even' }, { namespace1: 37, namespace2: 45, [IDLE]: 30 }],
    // namespace1: 35.875 = 28 + 18·28/64; namespace2: 46.125 = 36 + 18·36/64
    ['4b share namespace3 weighted', { by: ['namespace'], idle: 'separate', shared: inNamespace('namespace3'), shareSplit: 'weighted' }, { namespace1: 35.875, namespace2: 46.125, [IDLE]: 30 }],
    // namespace1: 17.3333 = 28 − 16 + 16/3 (the app1 allocation shared evenly)
    ['4c share label app=app1 evenly', { by: ['namespace'], idle: 'separate', shared: (a) => a.properties.labels?.app === 'app1', shareSplit: 'even' }, {
      namespace1: 17.333333, namespace2: 41.333333, namespace3: 23.333333, [IDLE]: 30,
    }],
    ['5a filter cluster1, separate idle', { by: ['cluster'], idle: 'separate', filter: (a) => a.properties.cluster === 'cluster1' }, { cluster1: 46, [IDLE]: 20 }],
    ['5b filter cluster1, shared idle', { by: ['cluster'], idle: 'share', filter: (a) => a.properties.cluster === 'cluster1' }, { cluster1: 66 }],
    ['5d filter namespace2 by cluster, separate idle', { by: ['cluster'], idle: 'separate', filter: inNamespace('namespace2') }, { cluster1: 18, cluster2: 18, [IDLE]: 10.3125 }],
    ['6b filter namespace2, shared idle = the unfiltered 3a', { by: ['namespace'], idle: 'share', filter: inNamespace('namespace2') }, { namespace2: 46.3125 }],
  ])('%s', (_name, options, expected) => {
    expect(totals(options)).toEqual(expected);
  });

  test('4d a $7/hour shared overhead over the day, weighted: 85.366, 109.756, 54.878', () => {
    const result = totals({ by: ['namespace'], idle: 'separate', sharedOverheadUsd: 7 * 24, shareSplit: 'weighted' });
    expect(result.namespace1).toBeCloseTo(85.366, 3); // 28 + 168·28/82
    expect(result.namespace2).toBeCloseTo(109.756, 3);
    expect(result.namespace3).toBeCloseTo(54.878, 3);
    expect(result[IDLE]).toBe(30);
  });

  test('every option keeps the total: active + idle (+ overhead) is never lost or doubled', () => {
    for (const idle of ['separate', 'share'] as const) {
      for (const shareSplit of ['even', 'weighted'] as const) {
        const sum = Object.values(totals({ by: ['team'], idle, shared: inNamespace('namespace3'), shareSplit, sharedOverheadUsd: 10 })).reduce((a, b) => a + b, 0);
        expect(sum).toBeCloseTo(82 + 30 + 10, 9);
      }
    }
  });
});

describe('TestAllocation_Add: summing two allocations', () => {
  const hours = (h: number) => h * 3_600_000;
  const gib = 1024 ** 3;
  const s1 = Date.UTC(2021, 0, 1);
  const a1: Allocation = {
    ...emptyAllocation('a1', {}, s1, s1 + hours(12)),
    cpuCoreHours: 24, cpuCoreRequestAverage: 2, cpuCoreUsageAverage: 1, cpuCost: 24 * 0.02, cpuCostAdjustment: 3,
    gpuHours: 12, gpuCost: 12 * 2, gpuCostAdjustment: 2,
    ramByteHours: 8 * gib * 12, ramByteRequestAverage: 8 * gib, ramByteUsageAverage: 4 * gib, ramCost: 8 * 12 * 0.01, ramCostAdjustment: 1,
    pvByteHours: 100 * gib * 12, pvCost: 100 * 12 * 0.00005, pvCostAdjustment: 4, sharedCost: 2,
  };
  const a2: Allocation = {
    ...emptyAllocation('a2', {}, s1 + hours(6), s1 + hours(24)),
    cpuCoreHours: 12, cpuCoreRequestAverage: 1, cpuCoreUsageAverage: 1, cpuCost: 12 * 0.02,
    ramByteHours: 8 * gib * 12, ramByteRequestAverage: 0, ramByteUsageAverage: 8 * gib, ramCost: 8 * 12 * 0.01,
  };
  const sum = sumAllocations('sum', [a1, a2]);

  test('costs, hours and adjustments add; the window spans both (1440 minutes)', () => {
    expect(totalCost(sum)).toBeCloseTo(totalCost(a1) + totalCost(a2), 12);
    expect(sum.cpuCostAdjustment).toBe(3);
    expect((sum.endMs - sum.startMs) / 60_000).toBe(1440);
  });

  test('averages are time-weighted over the window: CPU request 1.75, usage 1.25, RAM request 4 GiB, usage 8 GiB', () => {
    expect(sum.cpuCoreRequestAverage).toBeCloseTo(1.75, 12); // (2·12 + 1·18) / 24
    expect(sum.cpuCoreUsageAverage).toBeCloseTo(1.25, 12); // (1·12 + 1·18) / 24
    expect(sum.ramByteRequestAverage).toBeCloseTo(4 * gib, 3); // (8·12 + 0·18) / 24
    expect(sum.ramByteUsageAverage).toBeCloseTo(8 * gib, 3); // (4·12 + 8·18) / 24
  });

  test('efficiency: CPU 0.7142857, RAM 2.0, total 1.279690 (weighted by cost with adjustments)', () => {
    expect(cpuEfficiency(sum)).toBeCloseTo(0.7142857, 6);
    expect(ramEfficiency(sum)).toBeCloseTo(2, 9);
    expect(totalEfficiency(sum)).toBeCloseTo(1.27969, 5);
  });
});
