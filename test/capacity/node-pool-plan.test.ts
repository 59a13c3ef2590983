import { describe, expect, test } from 'vitest';
import { packOntoType, type NodeType, type PackGroup } from '../../lib/capacity/bin-pack';
import { INSTANCE_SHAPES, estimateAllocatable } from '../../lib/capacity/instance-shapes';
import { planNodePools } from '../../lib/capacity/node-pool-plan';
import { PROFILES } from '../../lib/capacity/pool-plan';
import type { InventoryNode, InventoryPod } from '../../lib/capacity/pool-summary';
import { labelsAdmit, toleratesAll } from '../../lib/capacity/scheduling';
import { lookupListPrice } from '../../lib/cost/catalog';

const GIB = 1024 ** 3;
const price = (q: { provider: string; instanceType: string; region: string | null; capacityType: 'on-demand' | 'spot' }) => lookupListPrice(q)?.usdPerHour ?? null;

const node = (name: string, extra: Partial<InventoryNode> = {}): InventoryNode => ({
  cluster: 'prod', name, pool: 'general', instanceType: 'm5.2xlarge', capacityType: 'on-demand', provider: 'aws', region: 'us-east-1',
  labels: { 'eks.amazonaws.com/nodegroup': 'general', 'kubernetes.io/hostname': name }, taints: [],
  cpuAllocatableMillicores: 7910, memoryAllocatableBytes: 30 * GIB, gpuAllocatable: 0, maxPods: 58, usdPerHour: 0.384, ...extra,
});
const pod = (name: string, nodeName: string, cpu: number, memoryGiB: number, extra: Partial<InventoryPod> = {}): InventoryPod => ({
  cluster: 'prod', namespace: 'shop', name, nodeName, controllerKind: 'Deployment', controllerName: name.replace(/-\d+$/, ''), team: 'shop',
  labels: { app: name.replace(/-\d+$/, '') }, isDaemonSet: false, isMirror: false,
  containers: [{ name: 'app', isInit: false, cpuRequestMillicores: cpu, memoryRequestBytes: memoryGiB * GIB, gpuRequest: 0 }],
  constraints: null, cpuUsageMillicores: cpu / 4, memoryUsageBytes: (memoryGiB * GIB) / 2, ...extra,
});

describe('node-pool plan', () => {
  // 4 × m5.2xlarge at ~19% CPU requests: a production plan packs them onto 2 smaller nodes.
  const nodes = [node('n1'), node('n2'), node('n3'), node('n4')];
  const pods = [
    ...nodes.map((n, i) => pod(`api-${i}`, n.name, 1000, 2)),
    ...nodes.map((n) => pod(`agent-${n.name}`, n.name, 100, 0.25, { isDaemonSet: true, controllerKind: 'DaemonSet', controllerName: 'agent', team: 'platform' })),
    pod('worker-0', 'n1', 500, 1, { team: 'search' }),
  ];
  const run = (extra: Partial<Parameters<typeof planNodePools>[0]> = {}) =>
    planNodePools({ nodes, pods, shapes: INSTANCE_SHAPES, price, profile: PROFILES.production, overrides: null, ...extra });

  test('today: utilisation without DaemonSets, overhead per node, largest pod, cost', () => {
    const [pool] = run().pools;
    expect(pool).toMatchObject({ pool: 'general', nodes: 4, instanceTypes: ['m5.2xlarge'], capacityType: 'on-demand', daemonSetOverhead: { cpuMillicores: 100, memoryBytes: 0.25 * GIB, pods: 1 } });
    expect(pool!.cpuRequestUtilization).toBeCloseTo(4500 / (4 * 7810), 6);
    expect(pool!.monthlyCostUsd).toBeCloseTo(4 * 0.384 * 730, 6);
    expect(pool!.largestPod).toMatchObject({ cpuRequestMillicores: 1000 });
  });

  test('the plan is cheaper, at least the profile minimum, under its target, and the saving is today − plan', () => {
    const { pools, cluster } = run();
    const pool = pools[0]!;
    const count = pool.plan.nodes.reduce((s, l) => s + l.count, 0);
    expect(count).toBeGreaterThanOrEqual(2);
    expect(pool.plan.monthlyCostUsd).toBeLessThan(pool.monthlyCostUsd);
    expect(pool.plan.cpuUtilization).toBeLessThanOrEqual(0.65 + 1e-9);
    expect(pool.monthlySavingUsd).toBeCloseTo(pool.monthlyCostUsd - pool.plan.monthlyCostUsd, 6);
    expect(cluster.monthlySavingUsd).toBeCloseTo(pool.monthlySavingUsd, 6);
    expect(cluster.splitBasis).toBe('requests');
    expect(cluster.teams.map((t) => t.team)).toEqual(['shop', 'search']);
  });

  test('high availability needs 3 nodes; the minimum shows as a blocker when requests need fewer', () => {
    const pool = run({ profile: PROFILES.ha }).pools[0]!;
    expect(pool.plan.nodes.reduce((s, l) => s + l.count, 0)).toBeGreaterThanOrEqual(3);
  });

  test('a plan that would cost more than today is shown as saving 0 with the reason', () => {
    // Two nodes today at a negotiated price; High availability keeps at least three.
    const cheap = nodes.slice(0, 2).map((n) => ({ ...n, usdPerHour: 0.001 }));
    const { pools, cluster } = planNodePools({ nodes: cheap, pods: pods.filter((p) => p.nodeName === 'n1' || p.nodeName === 'n2'), shapes: INSTANCE_SHAPES, price, profile: PROFILES.ha, overrides: null });
    expect(pools[0]!.monthlySavingUsd).toBe(0);
    expect(pools[0]!.savingNote).toMatch(/costs more than today/);
    expect(cluster.monthlySavingUsd).toBe(0);
  });

  test('recommended requests (a Map of overrides) shrink the plan and split the saving by freed requests', () => {
    const overrides = new Map([['shop/Deployment/api/app', { cpuRequestMillicores: 250, memoryRequestBytes: 0.5 * GIB }]]);
    const current = run().cluster;
    const recommended = run({ overrides }).cluster;
    expect(recommended.monthlyCostUsd).toBeLessThanOrEqual(current.monthlyCostUsd);
    expect(recommended.splitBasis).toBe('freed-requests');
    expect(recommended.teams[0]).toMatchObject({ team: 'shop', share: 1 });
  });

  test('a pod pinned to its instance type keeps the plan on it and is named as a blocker', () => {
    const pinned = [...pods, pod('pinned-0', 'n2', 200, 1, { constraints: { nodeSelector: { 'node.kubernetes.io/instance-type': 'm5.2xlarge' } } })];
    const pool = planNodePools({ nodes, pods: pinned, shapes: INSTANCE_SHAPES, price, profile: PROFILES.production, overrides: null }).pools[0]!;
    expect(pool.plan.blockers.map((b) => b.kind)).toContain('selector');
    expect(pool.plan.nodes.some((l) => l.instanceType === 'm5.2xlarge')).toBe(true);
  });
});

describe('bin packing', () => {
  const type = (extra: Partial<NodeType> = {}): NodeType => ({ instanceType: 't', cpuAllocatableMillicores: 4000, memoryAllocatableBytes: 16 * GIB, gpuAllocatable: 0, maxPods: 110, usdPerHour: 1, labels: {}, taints: [], ...extra });
  const group = (extra: Partial<PackGroup> = {}): PackGroup => ({ cpuMillicores: 1000, memoryBytes: GIB, gpus: 0, count: 6, namespace: 'a', labels: { app: 'x' }, constraints: null, ...extra });
  const options = { targetUtilization: 1, overhead: { cpuMillicores: 0, memoryBytes: 0, pods: 0 } };

  test.each([
    ['by CPU', group(), type(), 2],
    ['with DaemonSet overhead on every node', group(), type(), 3, { cpuMillicores: 1500, memoryBytes: 0, pods: 1 }],
    ['by max pods', group({ cpuMillicores: 10 }), type({ maxPods: 2 }), 3],
    ['one per host with required anti-affinity', group({ cpuMillicores: 10, constraints: { hostAntiAffinity: [{ matchLabels: { app: 'x' } }] } }), type(), 6],
    ['by GPUs', group({ cpuMillicores: 10, gpus: 1 }), type({ gpuAllocatable: 4 }), 2],
  ])('%s', (_name, g, t, nodes, overhead = options.overhead) => {
    const packed = packOntoType([g], t, { ...options, overhead });
    expect(packed.nodes).toHaveLength(nodes);
    expect(packed.unplaced.size).toBe(0);
  });

  test('a pod needing a GPU, a label or a toleration the type lacks is unplaced', () => {
    expect(packOntoType([group({ gpus: 1 })], type(), options).unplaced.get(0)).toBe(6);
    expect(packOntoType([group({ constraints: { nodeSelector: { disk: 'ssd' } } })], type(), options).unplaced.get(0)).toBe(6);
    expect(packOntoType([group()], type({ taints: [{ key: 'gpu', effect: 'NoSchedule' }] }), options).unplaced.get(0)).toBe(6);
    expect(packOntoType([group({ constraints: { tolerations: [{ key: 'gpu', operator: 'Exists' }] } })], type({ taints: [{ key: 'gpu', effect: 'NoSchedule' }] }), options).nodes).toHaveLength(2);
  });
});

describe('scheduling predicates and shapes', () => {
  test.each([
    [{ nodeAffinity: [[{ key: 'zone', operator: 'In' as const, values: ['a'] }], [{ key: 'zone', operator: 'In' as const, values: ['b'] }]] }, { zone: 'b' }, true],
    [{ nodeAffinity: [[{ key: 'zone', operator: 'NotIn' as const, values: ['b'] }]] }, { zone: 'b' }, false],
    [{ nodeAffinity: [[{ key: 'cpus', operator: 'Gt' as const, values: ['4'] }]] }, { cpus: '8' }, true],
    [{ nodeSelector: { pool: 'x' } }, { pool: 'y' }, false],
  ])('labelsAdmit %j on %j → %s', (constraints, labels, expected) => expect(labelsAdmit(constraints, labels)).toBe(expected));

  test('PreferNoSchedule never blocks; an operator-Exists toleration without key tolerates all', () => {
    expect(toleratesAll(null, [{ key: 'a', effect: 'PreferNoSchedule' }])).toBe(true);
    expect(toleratesAll({ tolerations: [{ operator: 'Exists' }] }, [{ key: 'a', value: 'b', effect: 'NoExecute' }])).toBe(true);
    expect(toleratesAll({ tolerations: [{ key: 'a', operator: 'Equal', value: 'c' }] }, [{ key: 'a', value: 'b', effect: 'NoSchedule' }])).toBe(false);
  });

  test('allocatable estimate: 4 vCPU / 16 GiB → 3920 m, 14,283,282,841 B', () => {
    expect(estimateAllocatable({ vcpus: 4, memoryGiB: 16 })).toEqual({ cpuMillicores: 3920, memoryBytes: 14_283_282_841 });
  });
});
