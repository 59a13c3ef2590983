/**
 * What a platform lead right-sizing the demo cluster notices: requests far above usage, some
 * workloads above theirs, an OOM-killed container, pools that are not optimal, node counts that
 * follow the daily and weekly cycle and grow through the month.
 */
import { describe, expect, test } from 'vitest';
import { planBurstNodesAt } from '../../lib/demo/burst';
import { buildHpa, planHpas } from '../../lib/demo/hpa-objects';
import { podInstancesAt } from '../../lib/demo/instances';
import { podRequests, type WorkloadPlan } from '../../lib/demo/model';
import { generateOrg } from '../../lib/demo/org';
import { buildPod } from '../../lib/demo/pod-objects';
import { containerUsageAt } from '../../lib/demo/usage';

const plan = generateOrg({ seed: 1 });
const HOUR = 3_600_000;
const MONDAY = Date.UTC(2026, 10, 16);
const find = (namespace: string, name: string) => plan.workloads.find((w) => w.namespace === namespace && w.name === name)!;
const nodesAt = (ms: number) => plan.nodes.length + planBurstNodesAt(plan, ms).length;

/** Node-hours of one UTC day, sampled every 10 minutes (as a backfill scrapes). */
function nodeHours(dayMs: number): number {
  let sum = 0;
  for (let t = dayMs; t < dayMs + 24 * HOUR; t += HOUR / 6) sum += nodesAt(t) / 6;
  return sum;
}

/** Request ÷ p95 of CPU usage of the workload's first running pod, every 15 minutes of a week. */
function overProvisioning(w: WorkloadPlan): { cpuRatio: number; memoryEfficiency: number } {
  const shares: number[] = [];
  let memoryUsage = 0;
  let memoryRequest = 0;
  for (let t = MONDAY; t < MONDAY + 7 * 24 * HOUR; t += HOUR / 4) {
    const pod = podInstancesAt(plan.seed, w, t).find((p) => p.phase === 'Running');
    const c = w.containers[0]!;
    if (!pod) continue;
    const usage = containerUsageAt(plan.seed, pod, c, t);
    shares.push(usage.cpuMillicores / (c.cpuRequestMillicores ?? Number.NaN));
    memoryUsage += usage.memoryBytes;
    memoryRequest += c.memoryRequestBytes ?? Number.NaN;
  }
  shares.sort((a, b) => a - b);
  return { cpuRatio: 1 / (shares[Math.floor(shares.length * 0.95)] ?? Number.NaN), memoryEfficiency: memoryUsage / memoryRequest };
}

describe('requests against usage', () => {
  const services = plan.workloads.filter((w) => (w.kind === 'Deployment' || w.kind === 'StatefulSet') && w.namespace !== 'kube-system' && w.profile !== 'gpu');
  const measured = services.map((w) => ({ w, ...overProvisioning(w) }));

  test('most services request 5–10× the CPU they use at their p95; idle ones more', () => {
    const inRange = measured.filter((m) => m.cpuRatio >= 5 && m.cpuRatio <= 10);
    expect(inRange.length / measured.length).toBeGreaterThan(0.55);
    expect(measured.filter((m) => m.w.profile === 'idle').every((m) => m.cpuRatio >= 7)).toBe(true);
  });

  test('some run above their requests (the hot ones), none above their CPU limit', () => {
    const above = measured.filter((m) => m.cpuRatio < 1).map((m) => `${m.w.namespace}/${m.w.name}`);
    expect(above).toEqual(expect.arrayContaining(['payments/fraud-scoring', 'platform-web/api-gateway', 'checkout/order-events-consumer']));
    const w = find('payments', 'fraud-scoring');
    const noon = Date.UTC(2026, 10, 18, 14);
    for (const pod of podInstancesAt(plan.seed, w, noon)) {
      const usage = containerUsageAt(plan.seed, pod, w.containers[0]!, noon);
      expect(usage.cpuMillicores).toBeGreaterThan(w.containers[0]!.cpuRequestMillicores!);
      expect(usage.cpuMillicores).toBeLessThanOrEqual(w.containers[0]!.cpuLimitMillicores!);
    }
  });

  test('memory efficiency differs between workloads (from under 20% to over 50%)', () => {
    const steady = measured.filter((m) => m.w.profile === 'steady' || m.w.profile === 'idle').map((m) => m.memoryEfficiency);
    expect(Math.min(...steady)).toBeLessThan(0.2);
    expect(Math.max(...steady)).toBeGreaterThan(0.5);
    expect(new Set(steady.map((e) => Math.round(e * 100))).size).toBeGreaterThan(steady.length * 0.6);
  });

  test('the leaking container is OOM-killed: restarts with last state OOMKilled (exit 137)', () => {
    const w = find('platform-web', 'cms-renderer');
    // Rollouts replace its pods about daily, the leak fills the limit in 20–28 h: some hours of a week show a restarted pod.
    const hours = Array.from({ length: 7 * 24 }, (_, h) => MONDAY + h * HOUR);
    const ms = hours.find((t) => podInstancesAt(plan.seed, w, t).some((p) => p.restarts > 0))!;
    expect(ms).toBeDefined();
    const pods = podInstancesAt(plan.seed, w, ms).filter((p) => p.restarts > 0);
    const status = (buildPod(plan.seed, pods[0]!, ms, plan.nodes.length).status as { containerStatuses: Array<{ lastState: { terminated?: { reason: string; exitCode: number } } }> }).containerStatuses[0]!;
    expect(status.lastState.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
  });
});

describe('node pools', () => {
  const utilisation = (pool: string) => {
    const nodes = plan.nodes.filter((n) => n.pool.name === pool);
    let cpu = 0;
    let memory = 0;
    for (const w of plan.workloads) {
      const r = podRequests(w);
      for (const node of w.slots) if (node?.pool.name === pool) {
        cpu += r.cpuMillicores;
        memory += r.memoryBytes;
      }
    }
    return { cpu: cpu / nodes.reduce((s, n) => s + n.cpuAllocatableMillicores, 0), memory: memory / nodes.reduce((s, n) => s + n.memoryAllocatableBytes, 0) };
  };

  test('the spot pool is at about 30% request utilisation (max of CPU and memory)', () => {
    const spot = utilisation('spot');
    expect(Math.max(spot.cpu, spot.memory)).toBeGreaterThan(0.25);
    expect(Math.max(spot.cpu, spot.memory)).toBeLessThan(0.4);
  });

  test('the memory-optimised pool holds CPU-bound pods: CPU requests fill it, memory half empty', () => {
    const pool = utilisation('memory-optimized');
    expect(pool.cpu).toBeGreaterThan(0.85);
    expect(pool.memory).toBeLessThan(0.6);
  });

  test('GPU nodes are tainted and only GPU pods (tolerating the taint) and DaemonSets run there', () => {
    const ms = Date.UTC(2026, 10, 25, 12);
    for (const w of plan.workloads) {
      for (const pod of podInstancesAt(plan.seed, w, ms)) {
        if (pod.node?.pool.name !== 'gpu') continue;
        const spec = buildPod(plan.seed, pod, ms, plan.nodes.length).spec as { tolerations?: Array<{ key?: string; operator: string }> };
        expect(spec.tolerations?.some((t) => t.key === 'nvidia.com/gpu' || (t.key === undefined && t.operator === 'Exists')), w.name).toBe(true);
        expect(w.kind === 'DaemonSet' || podRequests(w).gpus > 0, w.name).toBe(true);
      }
    }
  });

  test('StatefulSets with required hostname anti-affinity never share a node, and serve it in the pod spec', () => {
    const ms = Date.UTC(2026, 10, 25, 12);
    for (const [namespace, name] of [['data-pipelines', 'kafka'], ['search', 'elasticsearch'], ['checkout', 'cart-redis'], ['data-pipelines', 'zookeeper']] as const) {
      const w = find(namespace, name);
      const pods = podInstancesAt(plan.seed, w, ms);
      expect(new Set(pods.map((p) => p.node?.name)).size).toBe(pods.length);
      const spec = buildPod(plan.seed, pods[0]!, ms, plan.nodes.length).spec as { affinity?: { podAntiAffinity?: { requiredDuringSchedulingIgnoredDuringExecution: Array<{ topologyKey: string }> } } };
      expect(spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution[0]?.topologyKey).toBe('kubernetes.io/hostname');
    }
  });
});

describe('capacity follows demand', () => {
  test('over a week the node count peaks on weekday afternoons and stays low at night and at weekends', () => {
    const weekday = [0, 1, 2, 3, 4].map((d) => ({ night: nodesAt(MONDAY + d * 24 * HOUR + 3 * HOUR), peak: nodesAt(MONDAY + d * 24 * HOUR + 14 * HOUR) }));
    for (const day of weekday) {
      expect(day.night).toBe(plan.nodes.length);
      expect(day.peak).toBeGreaterThanOrEqual(plan.nodes.length + 3);
    }
    const sunday = nodesAt(MONDAY + 6 * 24 * HOUR + 14 * HOUR);
    expect(sunday).toBe(plan.nodes.length + 1);
  });

  test('node-hours (node cost) differ weekday vs weekend and grow through the month', () => {
    const wednesday = nodeHours(Date.UTC(2026, 10, 18));
    const saturday = nodeHours(Date.UTC(2026, 10, 21));
    expect(wednesday - saturday).toBeGreaterThan(60);
    const early = nodeHours(Date.UTC(2026, 10, 3));
    const late = nodeHours(Date.UTC(2026, 10, 26));
    expect(late - early).toBeGreaterThan(25);
  });

  test('cart-service\'s HPA scales it on CPU: more replicas on a weekday afternoon, its minimum at night, pods on the added nodes', () => {
    const hpa = planHpas(plan).find((h) => h.workload.name === 'cart-service')!;
    expect(hpa).toBeDefined();
    const afternoon = Date.UTC(2026, 10, 25, 14);
    const night = Date.UTC(2026, 10, 25, 3);
    const status = (ms: number) => buildHpa(plan.seed, hpa, ms).status as { currentReplicas: number; currentMetrics: Array<{ resource: { name: string; current: { averageUtilization: number } } }> };
    expect(status(night).currentReplicas).toBe(hpa.minReplicas);
    expect(status(afternoon).currentReplicas).toBeGreaterThanOrEqual(hpa.minReplicas + 9);
    expect(status(afternoon).currentReplicas).toBeLessThanOrEqual(hpa.maxReplicas);
    expect(status(afternoon).currentMetrics[0]?.resource.current.averageUtilization).toBeGreaterThan(50);
    const added = new Set(planBurstNodesAt(plan, afternoon).map((n) => n.name));
    const onAdded = podInstancesAt(plan.seed, hpa.workload, afternoon).filter((p) => p.node && added.has(p.node.name));
    expect(onAdded.length).toBe(status(afternoon).currentReplicas - hpa.minReplicas);
  });
});
