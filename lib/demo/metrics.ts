/**
 * metrics.k8s.io for the generated organisation, as metrics-server reports it: one sample per
 * 15-second scrape, `window: "30s"`, CPU in nanocores and memory in KiB, for running pods only.
 */
import { k8sTime } from './clock';
import { addedNodeAt } from './added-nodes';
import { planBurstNodesAt } from './burst';
import type { OrgPlan } from './model';
import { nodeLabels } from './node-objects';
import type { NodePlan } from './pools';
import { formatKibibytes, formatNanocores } from './quantity';
import { type Entry, LazyEntry, type Snapshot } from './store';
import { IDS, PodEntry } from './units';
import { type Usage, containerUsageAt, systemUsageAt } from './usage';

/** metrics-server's default --metric-resolution. */
export const SCRAPE_INTERVAL_MS = 15_000;

interface Scrape {
  atMs: number;
  nodes: Snapshot;
  pods: Snapshot;
}

export class MetricsCache {
  private scrapes: Scrape[] = [];

  constructor(
    private readonly plan: OrgPlan,
    private readonly podsAt: (ms: number) => readonly Entry[],
  ) {}

  snapshot(resourceId: string, ms: number): Snapshot {
    const atMs = Math.floor(ms / SCRAPE_INTERVAL_MS) * SCRAPE_INTERVAL_MS;
    let scrape = this.scrapes.find((s) => s.atMs === atMs);
    if (!scrape) {
      scrape = this.scrape(atMs);
      this.scrapes.unshift(scrape);
      if (this.scrapes.length > 2) this.scrapes.pop();
    }
    return resourceId === IDS.nodeMetrics ? scrape.nodes : scrape.pods;
  }

  private scrape(atMs: number): Scrape {
    const { seed } = this.plan;
    const timestamp = k8sTime(atMs);
    const perNode = new Map<string, Usage>();
    const pods: Entry[] = [];
    for (const entry of this.podsAt(atMs)) {
      if (!(entry instanceof PodEntry)) continue;
      const pod = entry.instance;
      if (pod.phase !== 'Running' || !pod.node) continue;
      const containers = pod.workload.containers.map((c) => ({ name: c.name, usage: containerUsageAt(seed, pod, c, atMs) }));
      const total = perNode.get(pod.node.name) ?? { cpuMillicores: 0, memoryBytes: 0 };
      for (const c of containers) {
        total.cpuMillicores += c.usage.cpuMillicores;
        total.memoryBytes += c.usage.memoryBytes;
      }
      perNode.set(pod.node.name, total);
      pods.push(
        new LazyEntry(entry.namespace, entry.name, atMs, entry.labels, {}, () => ({
          metadata: { name: entry.name, namespace: entry.namespace, creationTimestamp: timestamp, labels: { ...entry.labels } },
          timestamp,
          window: '30s',
          containers: containers.map((c) => ({ name: c.name, usage: { cpu: formatNanocores(c.usage.cpuMillicores), memory: formatKibibytes(c.usage.memoryBytes) } })),
        })),
      );
    }
    const added = this.plan.workloads.flatMap((w) => (w.scenario === 'unschedulable' && atMs >= w.createdMs ? [addedNodeAt(seed, w, atMs)?.node ?? null] : []));
    const burst = planBurstNodesAt(this.plan, atMs);
    const nodes = [...this.plan.nodes, ...[...added, ...burst].filter((n): n is NodePlan => n !== null && (n.readyMs ?? n.createdMs) <= atMs)]
      .filter((node) => node.createdMs <= atMs)
      .map((node) => {
        const system = systemUsageAt(seed, node.name, atMs);
        const podsUsage = perNode.get(node.name) ?? { cpuMillicores: 0, memoryBytes: 0 };
        const usage = { cpu: formatNanocores(system.cpuMillicores + podsUsage.cpuMillicores), memory: formatKibibytes(system.memoryBytes + podsUsage.memoryBytes) };
        const labels = nodeLabels(node);
        return new LazyEntry(null, node.name, atMs, labels, {}, () => ({ metadata: { name: node.name, creationTimestamp: timestamp, labels }, timestamp, window: '30s', usage }));
      })
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { atMs, nodes: { entries: nodes }, pods: { entries: pods } };
  }
}
