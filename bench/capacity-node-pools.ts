// Node-pool plan benchmark (issue 10, Performance): the pure planner (lib/capacity/node-pool-plan)
// for 1,000 nodes / 30,000 pods in 10 pools against 300 candidate instance types, and how the
// time grows with pods (3k, 10k, 30k; nodes in proportion). Median of BENCH_RUNS runs each and
// the process's peak RSS. Synthetic, deterministic inventory: workloads of 5–95 replicas, every 7th of 3 replicas with required hostname anti-affinity.
import { planNodePools } from '../lib/capacity/node-pool-plan';
import type { InstanceShape } from '../lib/capacity/instance-shapes';
import { PROFILES } from '../lib/capacity/pool-plan';
import type { InventoryNode, InventoryPod } from '../lib/capacity/pool-summary';

const GIB = 1024 ** 3;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** 300 types: 3 families × 100 sizes (1–100 vCPU; 2, 4, 8 GiB per vCPU). */
export const SHAPES: InstanceShape[] = ['c', 'm', 'r'].flatMap((family, f) =>
  Array.from({ length: 100 }, (_, i) => ({ provider: 'aws', instanceType: `${family}x.${i + 1}`, vcpus: i + 1, memoryGiB: (i + 1) * 2 ** (f + 1), gpus: 0, maxPods: 110 })),
);
const priceOf = (q: { cpuCores: number; memoryGiB: number }) => q.cpuCores * 0.031 + q.memoryGiB * 0.0042;

function inventory(pods: number): { nodes: InventoryNode[]; pods: InventoryPod[] } {
  const nodeCount = Math.round(pods / 30);
  const nodes: InventoryNode[] = Array.from({ length: nodeCount }, (_, i) => ({
    cluster: 'bench', name: `node-${i}`, pool: `pool-${i % 10}`, instanceType: 'mx.16', capacityType: 'on-demand', provider: 'aws', region: 'us-east-1',
    labels: { pool: `pool-${i % 10}`, 'kubernetes.io/hostname': `node-${i}` }, taints: i % 10 === 9 ? [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }] : [],
    cpuAllocatableMillicores: 15_890, memoryAllocatableBytes: 60 * GIB, gpuAllocatable: 0, maxPods: 110, usdPerHour: priceOf({ cpuCores: 16, memoryGiB: 64 }),
  }));
  const out: InventoryPod[] = [];
  const container = (cpu: number, memory: number) => [{ name: 'app', isInit: false, cpuRequestMillicores: cpu, memoryRequestBytes: memory, gpuRequest: 0 }];
  for (const [i, n] of nodes.entries()) out.push({ cluster: 'bench', namespace: 'kube-system', name: `agent-${i}`, nodeName: n.name, controllerKind: 'DaemonSet', controllerName: 'agent', team: 'platform', labels: {}, isDaemonSet: true, isMirror: false, containers: container(100, 256 * 1024 ** 2), constraints: null, cpuUsageMillicores: 20, memoryUsageBytes: 100 * 1024 ** 2 });
  for (let w = 0; out.length < pods + nodes.length; w++) {
    const replicas = w % 7 === 0 ? 3 : 5 + ((w * 37) % 91);
    const cpu = 50 + ((w * 131) % 650), memory = (64 + ((w * 97) % 1500)) * 1024 ** 2;
    const anti = w % 7 === 0 ? { hostAntiAffinity: [{ matchLabels: { app: `w${w}` } }] } : null;
    for (let r = 0; r < replicas && out.length < pods + nodes.length; r++) {
      const n = nodes[(w * 13 + r * 10) % nodes.length]!;
      const pool = Number(n.pool.slice(5));
      const constraints = pool === 9 ? { ...anti, tolerations: [{ key: 'dedicated', operator: 'Equal' as const, value: 'batch' }] } : anti;
      out.push({ cluster: 'bench', namespace: `ns-${w % 40}`, name: `w${w}-${r}`, nodeName: n.name, controllerKind: 'Deployment', controllerName: `w${w}`, team: `team-${w % 10}`, labels: { app: `w${w}` }, isDaemonSet: false, isMirror: false, containers: container(cpu, memory), constraints, cpuUsageMillicores: cpu / 5, memoryUsageBytes: memory / 2 });
    }
  }
  return { nodes, pods: out };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const thousands = (n: number) => n.toLocaleString('en-US');

/** Times the planner at 3k, 10k and 30k pods; markdown lines for BENCHMARKS.md, growth as ratios to the 3k case of the same run. */
export function benchNodePools(): { lines: string[] } {
  const rows: { pods: number; nodes: number; times: number[]; rssMb: number; planNodes: number; planTypes: number }[] = [];
  for (const pods of [3_000, 10_000, 30_000]) {
    const input = inventory(pods);
    const times: number[] = [];
    let result: ReturnType<typeof planNodePools> | null = null;
    for (let run = 0; run < RUNS; run++) {
      const startedAt = performance.now();
      result = planNodePools({ ...input, shapes: SHAPES, price: priceOf, profile: PROFILES.production, overrides: null });
      times.push(performance.now() - startedAt);
    }
    rows.push({
      pods, nodes: input.nodes.length, times, rssMb: process.resourceUsage().maxRSS / 1024,
      planNodes: result!.cluster.nodes.reduce((s, l) => s + l.count, 0), planTypes: result!.cluster.nodes.length,
    });
  }
  const base = median(rows[0]!.times);
  return {
    lines: [
      '## Node-pool plan (`npm run bench:capacity`, part "node pools", bench/capacity-node-pools.ts)',
      '',
      `The pure planner (lib/capacity/node-pool-plan.ts) on a synthetic deterministic inventory in 10 pools (one tainted), workloads of 5–95 replicas ` +
        `(every 7th of 3 replicas with required hostname anti-affinity), ${SHAPES.length} candidate types, profile Production, current requests. ` +
        `Median of ${RUNS} runs each, one process; peak RSS is the process's so far.`,
      '',
      '| pods | nodes | median | × the 3k case | runs | plan | peak RSS | target |',
      '|---|---|---|---|---|---|---|---|',
      ...rows.map((r) => `| ${thousands(r.pods)} | ${thousands(r.nodes)} | **${median(r.times).toFixed(0)} ms** | ${(median(r.times) / base).toFixed(2)} | ` +
        `${r.times.map((t) => t.toFixed(0)).join(', ')} ms | ${thousands(r.planNodes)} nodes of ${r.planTypes} types | ${r.rssMb.toFixed(0)} MB | ${r.pods === 30_000 ? '≤ 5 s, ≤ 500 MB' : '—'} |`),
      '',
      'Time grows far slower than pods: identical replicas are packed as one group (work ∝ groups × nodes), and candidate types are simulated in order of a cost lower bound, stopping when none can beat the best plan found.',
    ],
  };
}
