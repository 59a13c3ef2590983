import type { SqlSession } from '../db/session';
import { allocateContainerHour, DEFAULT_RATES, nodeIdle, sampleDurations, splitNodePrice } from '../cost';
import { shareNodeIdle } from '../cost/idle';
import type { NodeShape } from '../cost/node-price';
import type { RateCard } from '../cost/rates';
import {
  readAttribution, readClaimSamples, readNamespaceLabels, readNodePrices, readNodes, readOldestScrapeMs, readSamples, readScrapeTimes,
  readStoredHour, type KeptAttribution, type KeptPrice, type NodeRow, type SampleRow, type StoredHour,
} from './rollup-read';
import { addVolumeCosts, type Attribute, type StoragePrice } from './rollup-volumes';
import { CONTAINER_HOUR_COLUMNS, CONTAINER_HOUR_SELECT, NODE_HOUR_COLUMNS, type ContainerHourRow, type NodeHourRow } from './rollup-columns';
import { bulkWrite } from './unnest';
import { usageOfHour, WORKLOAD_CONTAINER_HOUR_COLUMNS, WORKLOAD_CONTAINER_HOUR_SELECT, workloadContainerHours } from './rollup-usage';

const HOUR_MS = 3_600_000;
const GIB = 1024 ** 3;
const NO_COST = { cpuCostUsd: 0, ramCostUsd: 0, gpuCostUsd: 0 };
// Scrapes before the hour can cover its start: up to maxGap (3 intervals) back; 3 h allows hourly scrapes.
const LOOKBACK_MS = 3 * HOUR_MS;

/** How one hour is rolled up: prices, attribution, and what a closed month keeps. */
export interface HourSettings {
  priceNode: (node: NodeShape, hourStart: Date) => { usdPerHour: number; source: string };
  splitRates: RateCard;
  storagePrice: StoragePrice;
  /** Team and sharing of a container from its namespace's labels (read for the hour), namespace and pod labels. */
  attribute: (namespaceLabels: Map<string, Record<string, string>>) => Attribute;
  /** The hour lies in a closed month: keep its prices unless `reprice`, its teams and sharing unless `reattribute`. */
  closedMonth: boolean;
  reprice: boolean;
  reattribute: boolean;
}

export interface HourResult {
  rows: number;
  /** The hour's stored rows were kept: its raw samples cannot rebuild them. */
  kept: boolean;
  /** Container rows whose node had no sample this hour (priced at the default rates). */
  unsampledNode: number;
}

/**
 * Whether the raw samples still kept can rebuild an hour that has stored rows. `coveringMs` are
 * the scrapes that cover the hour now (ascending). The hour was rolled up from `stored.scrapes`
 * scrapes, the first at `stored.firstSampledAtMs`: fewer now, or a later first one (pruning
 * removes the oldest first, so an hour at the prune boundary loses its opening scrape, possibly
 * one of the previous day), means samples are gone and the stored rows are worth more. For
 * hours rolled up before that was recorded (scrapes null), the oldest scrape the cluster still
 * keeps must not be after the hour's start.
 */
export function canRebuild(stored: StoredHour, coveringMs: readonly number[], hourStartMs: number, oldestScrapeMs: number | null): boolean {
  if (coveringMs.length === 0) return false;
  if (stored.scrapes === null || stored.firstSampledAtMs === null) return oldestScrapeMs !== null && oldestScrapeMs <= hourStartMs;
  return coveringMs.length >= stored.scrapes && coveringMs[0]! <= stored.firstSampledAtMs;
}

/** Typical gap between scrapes, for capping what one sample may stand for (3 intervals). */
function maxGapMs(times: number[]): number {
  const gaps = times.slice(1).map((t, i) => t - times[i]!).sort((a, b) => a - b);
  const median = gaps.length ? gaps[Math.floor(gaps.length / 2)]! : 60_000;
  return 3 * Math.max(median, 60_000);
}

/**
 * Replaces one cluster's hour of container_hour, node_hour and cluster_hour rows, unless its
 * stored rows cannot be rebuilt from the raw samples left (canRebuild): then they stay as they are.
 */
export async function rollupHour(s: SqlSession, clusterId: number, hourStart: Date, settings: HourSettings): Promise<HourResult> {
  const start = hourStart.getTime();
  const end = start + HOUR_MS;
  const times = await readScrapeTimes(s, clusterId, hourStart, new Date(end), LOOKBACK_MS);
  const durations = sampleDurations(times, start, end, maxGapMs(times));
  const secondsAt = new Map<number, number>();
  times.forEach((t, i) => durations[i]! > 0 && secondsAt.set(t, durations[i]!));
  const coveringMs = [...secondsAt.keys()];
  const stored = await readStoredHour(s, clusterId, hourStart);
  if (stored.hasRows) {
    const oldest = stored.scrapes === null ? await readOldestScrapeMs(s, clusterId) : null;
    if (!canRebuild(stored, coveringMs, start, oldest)) return { rows: 0, kept: true, unsampledNode: 0 };
  }
  const keptPrices = settings.closedMonth && !settings.reprice ? await readNodePrices(s, clusterId, hourStart) : new Map<string, KeptPrice>();
  const keptTeams = settings.closedMonth && !settings.reattribute ? await readAttribution(s, clusterId, hourStart) : new Map<string, KeptAttribution>();
  for (const table of ['container_hour', 'workload_container_hour', 'node_hour', 'cluster_hour']) {
    await s.run(`DELETE FROM "${table}" WHERE cluster_id = $1 AND hour_start = $2`, [clusterId, hourStart]);
  }
  if (coveringMs.length === 0) return { rows: 0, kept: false, unsampledNode: 0 };
  const covered = coveringMs.map((t) => new Date(t));
  // One session runs one query at a time: read in sequence.
  const samples = await readSamples(s, clusterId, covered);
  const nodeSamples = await readNodes(s, clusterId, covered);
  const namespaceLabels = await readNamespaceLabels(s, clusterId);
  const claims = await readClaimSamples(s, clusterId, covered);
  const seconds = (at: Date) => secondsAt.get(new Date(at).getTime()) ?? 0;
  const { nodes, uidAt } = nodeHours(nodeSamples, seconds, hourStart, keptPrices, settings);
  const attribute = settings.attribute(namespaceLabels);
  const containers = containerHours(samples, seconds, nodes, uidAt, attribute, hourStart);
  // Node idle counts CPU, RAM and GPU only: volumes are priced apart from nodes.
  containers.push(...addVolumeCosts(containers, claims, seconds, attribute, hourStart, settings.storagePrice));
  for (const c of containers) {
    const kept = keptTeams.get(`${c.podUid}/${c.container}`);
    if (kept) Object.assign(c, kept);
  }
  addIdle(nodes, containers);
  const fixed = [
    { name: 'cluster_id', type: 'int4' as const, value: clusterId },
    { name: 'hour_start', type: 'timestamptz' as const, value: hourStart },
  ];
  let rows = await bulkWrite(s, { table: 'node_hour', fixed, columns: NODE_HOUR_COLUMNS, onConflict: '' }, [...nodes.values()]);
  rows += await bulkWrite(s, { table: 'container_hour', fixed, columns: CONTAINER_HOUR_COLUMNS, select: CONTAINER_HOUR_SELECT, onConflict: '' }, containers);
  const workloads = workloadContainerHours(containers);
  await bulkWrite(s, { table: 'workload_container_hour', fixed, columns: WORKLOAD_CONTAINER_HOUR_COLUMNS, select: WORKLOAD_CONTAINER_HOUR_SELECT, onConflict: '' }, workloads);
  await s.run('INSERT INTO "cluster_hour" (cluster_id, hour_start, scrapes, first_sampled_at) VALUES ($1, $2, $3, $4)', [clusterId, hourStart, covered.length, covered[0]]);
  return { rows, kept: false, unsampledNode: containers.filter((c) => c.nodeUnsampled).length };
}

/** Each node's idle this hour and each container's share of it (so shareIdle reads need no node dimension). */
function addIdle(nodes: Map<string, NodeHourRow>, containers: ContainerHourRow[]): void {
  const byNode = new Map<string, ContainerHourRow[]>();
  for (const c of containers) if (c.nodeUid !== null) byNode.set(c.nodeUid, [...(byNode.get(c.nodeUid) ?? []), c]);
  for (const node of nodes.values()) {
    const onNode = byNode.get(node.nodeUid) ?? [];
    const costs = onNode.map((c) => ({ cpuCostUsd: c.cpuCostUsd, ramCostUsd: c.ramCostUsd, gpuCostUsd: c.gpuCostUsd }));
    const idle = nodeIdle(
      { ...node.prices, cpuCores: node.cpuCores, memoryGiB: node.memoryBytes / GIB, gpus: node.gpus, durationSeconds: node.runningSeconds },
      {
        cpuCostUsd: costs.reduce((sum, c) => sum + c.cpuCostUsd, 0),
        ramCostUsd: costs.reduce((sum, c) => sum + c.ramCostUsd, 0),
        gpuCostUsd: costs.reduce((sum, c) => sum + c.gpuCostUsd, 0),
      },
    );
    const { shares, unshared } = shareNodeIdle(idle, costs);
    onNode.forEach((c, i) => (c.idleShare = shares[i]!));
    Object.assign(node, {
      costUsd: idle.nodeCostUsd, cpuIdleUsd: idle.cpuIdleUsd, ramIdleUsd: idle.ramIdleUsd, gpuIdleUsd: idle.gpuIdleUsd,
      idleClamped: idle.clamped.cpu || idle.clamped.ram || idle.clamped.gpu, unshared,
    });
  }
}

/**
 * One row per node uid (a node replaced under the same name is two nodes, each with its own
 * price), and per scrape the uid each node name stood for, to place that scrape's containers.
 */
function nodeHours(rows: NodeRow[], seconds: (at: Date) => number, hourStart: Date, kept: Map<string, KeptPrice>, settings: HourSettings) {
  const nodes = new Map<string, NodeHourRow>();
  const uidAt = new Map<number, Map<string, string>>();
  for (const row of rows) {
    const at = new Date(row.sampled_at).getTime();
    const names = uidAt.get(at) ?? new Map<string, string>();
    names.set(row.node_name, row.node_uid);
    uidAt.set(at, names);
    const existing = nodes.get(row.node_uid);
    if (existing) {
      existing.runningSeconds += seconds(row.sampled_at);
      continue;
    }
    const cpuCores = row.cpu_capacity_millicores / 1000;
    const memoryBytes = Number(row.memory_capacity_bytes);
    const price = kept.get(row.node_uid) ?? settings.priceNode({
      provider: row.provider, instanceType: row.instance_type, region: row.region,
      capacityType: row.capacity_type === 'spot' ? 'spot' : 'on-demand', cpuCores, memoryGiB: memoryBytes / GIB, gpus: row.gpu_capacity,
    }, hourStart);
    nodes.set(row.node_uid, {
      hourStart, nodeUid: row.node_uid, nodeName: row.node_name, nodePool: row.node_pool, instanceType: row.instance_type,
      capacityType: row.capacity_type, priceSource: price.source, runningSeconds: seconds(row.sampled_at), cpuCores, memoryBytes,
      gpus: row.gpu_capacity, usdPerHour: price.usdPerHour, prices: splitNodePrice(price.usdPerHour, cpuCores, memoryBytes / GIB, row.gpu_capacity, settings.splitRates),
      costUsd: 0, cpuIdleUsd: 0, ramIdleUsd: 0, gpuIdleUsd: 0, idleClamped: false, unshared: NO_COST,
    });
  }
  return { nodes, uidAt };
}

/** The node uid a container's samples ran on, by name in the same scrape: the one holding most of its time; null if none had a node sample. */
function nodeOf(group: SampleRow[], seconds: (at: Date) => number, uidAt: Map<number, Map<string, string>>): string | null {
  const byUid = new Map<string, number>();
  for (const r of group) {
    const uid = uidAt.get(new Date(r.sampled_at).getTime())?.get(r.node_name);
    if (uid !== undefined) byUid.set(uid, (byUid.get(uid) ?? 0) + seconds(r.sampled_at));
  }
  let best: string | null = null;
  for (const [uid, total] of byUid) if (best === null || total > byUid.get(best)!) best = uid;
  return best;
}

function containerHours(
  rows: SampleRow[],
  seconds: (at: Date) => number,
  nodes: Map<string, NodeHourRow>,
  uidAt: Map<number, Map<string, string>>,
  attribute: Attribute,
  hourStart: Date,
): ContainerHourRow[] {
  const groups = new Map<string, SampleRow[]>();
  for (const row of rows) {
    const key = `${row.pod_uid}/${row.container}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const out: ContainerHourRow[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const nodeUid = nodeOf(group, seconds, uidAt);
    // A node with no sample this hour: the default rates, and the row says so (node_unsampled).
    const prices = (nodeUid !== null ? nodes.get(nodeUid)?.prices : undefined) ?? DEFAULT_RATES;
    const allocation = allocateContainerHour(
      group.map((r) => ({
        durationSeconds: seconds(r.sampled_at),
        cpuRequestMillicores: r.cpu_request_millicores,
        cpuUsageMillicores: r.cpu_usage_millicores,
        memoryRequestBytes: r.memory_request_bytes === null ? null : Number(r.memory_request_bytes),
        memoryUsageBytes: r.memory_usage_bytes === null ? null : Number(r.memory_usage_bytes),
        gpuRequest: r.gpu_request,
      })),
      prices,
    );
    out.push({
      ...allocation, hourStart, podUid: first.pod_uid, container: first.container, namespace: first.namespace, pod: first.pod,
      nodeName: first.node_name, nodeUid, nodeUnsampled: nodeUid === null, controllerKind: first.controller_kind ?? 'Pod',
      controllerName: first.controller_name ?? first.pod, ...attribute(first.namespace, first.pod_labels ?? {}),
      pvByteHours: 0, pvCostUsd: 0, idleShare: NO_COST, ...usageOfHour(group, hourStart.getTime()),
    });
  }
  return out;
}
