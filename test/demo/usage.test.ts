import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { podInstancesAt } from '../../lib/demo/instances';
import { generateOrg } from '../../lib/demo/org';
import { type DemoCluster, type SimulatedClock, fixedClock, startDemoCluster } from '../../lib/demo/server';
import { containerUsageAt, loadFactor } from '../../lib/demo/usage';
import { SUNDAY_NIGHT, WEDNESDAY_NOON, list } from './helpers';
import { bytes, cpuMillicores, nanoToMillicores } from './quantities';

interface PodMetrics {
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  timestamp: string;
  window: string;
  containers: Array<{ name: string; usage: { cpu: string; memory: string } }>;
}
interface PodSpec {
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: { containers: Array<{ name: string; resources: { requests?: Record<string, string> } }> };
  status: { containerStatuses?: Array<{ restartCount: number }> };
}

let cluster: DemoCluster;
let clock: SimulatedClock;

beforeAll(async () => {
  clock = fixedClock(WEDNESDAY_NOON);
  cluster = await startDemoCluster({ clock });
});
afterAll(() => cluster.close());

async function podMetricsAt(at: Date): Promise<PodMetrics[]> {
  clock.set(at);
  return (await list(cluster, '/apis/metrics.k8s.io/v1beta1/pods')).items as unknown as PodMetrics[];
}

const totalCpu = (metrics: PodMetrics[]) => metrics.reduce((sum, p) => sum + p.containers.reduce((s, c) => s + nanoToMillicores(c.usage.cpu), 0), 0);

describe('metrics.k8s.io shapes', () => {
  test('node and pod metrics: nanocores, KiB, 30s window, scrape timestamp', async () => {
    clock.set(new Date('2026-11-25T12:00:07Z'));
    const nodes = await list(cluster, '/apis/metrics.k8s.io/v1beta1/nodes');
    const first = nodes.items[0] as unknown as { timestamp: string; window: string; usage: { cpu: string; memory: string } };
    expect(first).toMatchObject({ timestamp: '2026-11-25T12:00:00Z', window: '30s', usage: { cpu: expect.stringMatching(/^\d+n$/), memory: expect.stringMatching(/^\d+Ki$/) } });
    expect(nodes.items).toHaveLength((await list(cluster, '/api/v1/nodes')).items.length);
    // The scrape at 12:00:00 reports exactly the pods running then.
    clock.set(WEDNESDAY_NOON);
    const pods = (await list(cluster, '/apis/metrics.k8s.io/v1beta1/pods')).items as unknown as PodMetrics[];
    const running = (await list(cluster, '/api/v1/pods?fieldSelector=status.phase%3DRunning')).items;
    expect(pods.map((p) => p.metadata.name).sort()).toEqual(running.map((p) => p.metadata.name).sort());
  });
});

describe('daily and weekly cycles', () => {
  test('a weekday noon is much busier than a Sunday night', async () => {
    const noon = totalCpu(await podMetricsAt(WEDNESDAY_NOON));
    const sunday = totalCpu(await podMetricsAt(SUNDAY_NIGHT));
    expect(noon).toBeGreaterThan(2 * sunday);
    expect(loadFactor(WEDNESDAY_NOON.getTime())).toBeGreaterThan(0.8);
    expect(loadFactor(SUNDAY_NIGHT.getTime())).toBeLessThan(0.1);
  });

  test('some workloads use ≈10% of their request, some their whole request or more', async () => {
    clock.set(WEDNESDAY_NOON);
    const specs = new Map(((await list(cluster, '/api/v1/pods')).items as unknown as PodSpec[]).map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]));
    const ratios = new Map<string, number[]>();
    for (const m of await podMetricsAt(WEDNESDAY_NOON)) {
      const spec = specs.get(`${m.metadata.namespace}/${m.metadata.name}`);
      const main = spec?.spec.containers[0];
      const usage = m.containers.find((c) => c.name === main?.name)?.usage;
      if (!main?.resources.requests?.cpu || !usage) continue;
      const key = `${m.metadata.namespace}/${m.metadata.labels.app}`;
      const list = ratios.get(key) ?? [];
      list.push(nanoToMillicores(usage.cpu) / cpuMillicores(main.resources.requests.cpu), bytes(usage.memory) / bytes(main.resources.requests.memory ?? '1'));
      ratios.set(key, list);
    }
    const cpuShare = (key: string) => ratios.get(key)?.[0] ?? Number.NaN;
    expect(cpuShare('payments/payout-scheduler')).toBeLessThan(0.2);
    expect(cpuShare('data-pipelines/airflow-worker')).toBeLessThan(0.2);
    const atOrAbove = [...ratios].filter(([, r]) => r.some((x) => x >= 1)).map(([k]) => k);
    expect(atOrAbove.length).toBeGreaterThan(0);
    expect(atOrAbove).toEqual(expect.arrayContaining(['payments/fraud-scoring']));
  });
});

describe('the leaking workload', () => {
  test('memory grows linearly while the container lives, through the API', async () => {
    const samples: Array<{ name: string; restarts: number; memory: number }> = [];
    for (const hours of [0, 1, 2, 3]) {
      const at = new Date(WEDNESDAY_NOON.getTime() + hours * 3600_000);
      clock.set(at);
      const pods = (await list(cluster, '/api/v1/namespaces/platform-web/pods?labelSelector=app%3Dcms-renderer')).items as unknown as PodSpec[];
      const metrics = (await list(cluster, '/apis/metrics.k8s.io/v1beta1/namespaces/platform-web/pods')).items as unknown as PodMetrics[];
      const pod = pods.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))[0];
      const usage = metrics.find((m) => m.metadata.name === pod?.metadata.name)?.containers[0]?.usage.memory ?? '0';
      samples.push({ name: pod?.metadata.name ?? '', restarts: pod?.status.containerStatuses?.[0]?.restartCount ?? -1, memory: bytes(usage) });
    }
    // Consecutive samples of the same container incarnation must grow.
    const comparable = samples.slice(1).filter((s, i) => s.name === samples[i]?.name && s.restarts === samples[i]?.restarts);
    expect(comparable.length).toBeGreaterThanOrEqual(2);
    samples.slice(1).forEach((s, i) => {
      const prev = samples[i];
      if (prev && s.name === prev.name && s.restarts === prev.restarts) expect(s.memory).toBeGreaterThan(prev.memory);
    });
  });

  test('over days the container is OOM-killed and restarts, and memory drops back', () => {
    const plan = generateOrg();
    const w = plan.workloads.find((x) => x.name === 'cms-renderer');
    expect(w?.profile).toBe('leak');
    if (!w) return;
    let restartsSeen = 0;
    let drops = 0;
    let prev: { name: string; restarts: number; memory: number } | null = null;
    for (let t = WEDNESDAY_NOON.getTime(); t < WEDNESDAY_NOON.getTime() + 4 * 86_400_000; t += 15 * 60_000) {
      const pod = podInstancesAt(plan.seed, w, t)[0];
      const container = w.containers[0];
      if (!pod || !container || pod.phase !== 'Running') continue;
      const memory = containerUsageAt(plan.seed, pod, container, t).memoryBytes;
      expect(memory).toBeLessThanOrEqual((container.memoryLimitBytes ?? 0) * 0.995 + 1);
      if (prev && prev.name === pod.name) {
        if (pod.restarts === prev.restarts) expect(memory).toBeGreaterThan(prev.memory);
        else {
          restartsSeen += 1;
          if (memory < prev.memory) drops += 1;
        }
      }
      prev = { name: pod.name, restarts: pod.restarts, memory };
    }
    expect(restartsSeen).toBeGreaterThan(0);
    expect(drops).toBe(restartsSeen);
  });
});
