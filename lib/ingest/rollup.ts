import type { Database } from '../db/client';
import type { SqlSession } from '../db/session';
import { allocateContainerHour, DEFAULT_RATES, nodeHourlyPrice, nodeIdle, sampleDurations, splitNodePrice } from '../cost';
import { shareNodeIdle } from '../cost/idle';
import type { NodeShape } from '../cost/node-price';
import type { RateCard } from '../cost/rates';
import { attributeTeam, DEFAULT_ATTRIBUTION, type AttributionConfig } from '../cost/attribution';
import { readClaimSamples, readNamespaceLabels, readNodePrices, type KeptPrice, readNodes, readSamples, readScrapeTimes, type NodeRow, type SampleRow } from './rollup-read';
import { addVolumeCosts, DEFAULT_STORAGE_PRICE, type StoragePrice } from './rollup-volumes';
import { CONTAINER_HOUR_COLUMNS, NODE_HOUR_COLUMNS, type ContainerHourRow, type NodeHourRow } from './rollup-columns';
import { bulkWrite } from './unnest';
import { rollupDay } from './rollup-days';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const GIB = 1024 ** 3;
const NO_COST = { cpuCostUsd: 0, ramCostUsd: 0, gpuCostUsd: 0 };

export interface RollupOptions {
  from: Date;
  to: Date;
  /** One cluster by name; all clusters when omitted. */
  cluster?: string;
  attribution?: AttributionConfig;
  /** USD per GiB-hour of each storage class; OpenCost's $0.04/GiB-month by default. */
  storagePrice?: StoragePrice;
  /** The present, for the closed-month rule (default: the clock). */
  now?: Date;
  /** A node's hourly price at an hour (price sheet, rate card, catalog, defaults); the bundled catalog by default. */
  priceNode?: (node: NodeShape, hourStart: Date) => { usdPerHour: number; source: string };
  /** The rates whose ratio splits a node's price into CPU, RAM and GPU prices (OpenCost's defaults). */
  splitRates?: RateCard;
}

interface Pricing {
  priceNode: NonNullable<RollupOptions['priceNode']>;
  splitRates: RateCard;
}

/**
 * (Re)computes the hourly rows of every UTC hour overlapping [from, to), then the daily rows
 * of the days they touch: idempotent, each hour and day replaced in one transaction, so
 * re-running a past range gives identical rows.
 */
export async function rollupRange(db: Database, options: RollupOptions): Promise<number> {
  const clusters = await db.prisma.cluster.findMany({ where: options.cluster ? { name: options.cluster } : {}, select: { id: true } });
  let rows = 0;
  const first = Math.floor(options.from.getTime() / HOUR_MS) * HOUR_MS;
  const now = options.now ?? new Date();
  // A closed month keeps the prices it was rolled up with: a price change never rewrites it.
  const openFrom = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const pricing: Pricing = { priceNode: options.priceNode ?? ((node) => nodeHourlyPrice(node)), splitRates: options.splitRates ?? DEFAULT_RATES };
  for (const { id } of clusters) {
    const days = new Set<number>();
    for (let hour = first; hour < options.to.getTime(); hour += HOUR_MS) {
      rows += await db.transaction((s) =>
        rollupHour(s, id, new Date(hour), options.attribution ?? DEFAULT_ATTRIBUTION, options.storagePrice ?? DEFAULT_STORAGE_PRICE, hour < openFrom, pricing),
      );
      days.add(Math.floor(hour / DAY_MS) * DAY_MS);
    }
    for (const day of days) rows += await db.transaction((s) => rollupDay(s, id, new Date(day)));
  }
  return rows;
}

/** Typical gap between scrapes, for capping what one sample may stand for (3 intervals). */
function maxGapMs(times: number[]): number {
  const gaps = times.slice(1).map((t, i) => t - times[i]!).sort((a, b) => a - b);
  const median = gaps.length ? gaps[Math.floor(gaps.length / 2)]! : 60_000;
  return 3 * Math.max(median, 60_000);
}

async function rollupHour(
  s: SqlSession,
  clusterId: number,
  hourStart: Date,
  attribution: AttributionConfig,
  storagePrice: StoragePrice,
  closedMonth: boolean,
  pricing: Pricing,
): Promise<number> {
  const start = hourStart.getTime();
  const end = start + HOUR_MS;
  const keptPrices = closedMonth ? await readNodePrices(s, clusterId, hourStart) : new Map<string, KeptPrice>();
  await s.run('DELETE FROM "container_hour" WHERE cluster_id = $1 AND hour_start = $2', [clusterId, hourStart]);
  await s.run('DELETE FROM "node_hour" WHERE cluster_id = $1 AND hour_start = $2', [clusterId, hourStart]);
  // Scrapes before the hour can cover its start: up to maxGap (3 intervals) back; 3 h allows hourly scrapes.
  const lookback = 3 * HOUR_MS;
  const times = await readScrapeTimes(s, clusterId, hourStart, new Date(end), lookback);
  const durations = sampleDurations(times, start, end, maxGapMs(times));
  const secondsAt = new Map<number, number>();
  times.forEach((t, i) => durations[i]! > 0 && secondsAt.set(t, durations[i]!));
  if (secondsAt.size === 0) return 0;
  const covered = [...secondsAt.keys()].map((t) => new Date(t));
  // One session runs one query at a time: read in sequence.
  const samples = await readSamples(s, clusterId, covered);
  const nodeSamples = await readNodes(s, clusterId, covered);
  const namespaceLabels = await readNamespaceLabels(s, clusterId);
  const claims = await readClaimSamples(s, clusterId, covered);
  const seconds = (at: Date) => secondsAt.get(new Date(at).getTime()) ?? 0;
  const nodes = nodeHours(nodeSamples, seconds, hourStart, keptPrices, pricing);
  const containers = containerHours(samples, seconds, nodes, namespaceLabels, attribution, hourStart);
  // Node idle counts CPU, RAM and GPU only: volumes are priced apart from nodes.
  containers.push(...addVolumeCosts(containers, claims, seconds, namespaceLabels, attribution, hourStart, storagePrice));
  for (const node of nodes.values()) {
    const onNode = containers.filter((c) => c.nodeName === node.nodeName);
    const costs = onNode.map((c) => ({ cpuCostUsd: c.cpuCostUsd, ramCostUsd: c.ramCostUsd, gpuCostUsd: c.gpuCostUsd }));
    const idle = nodeIdle(
      { ...node.prices, cpuCores: node.cpuCores, memoryGiB: node.memoryBytes / GIB, gpus: node.gpus, durationSeconds: node.runningSeconds },
      {
        cpuCostUsd: costs.reduce((sum, c) => sum + c.cpuCostUsd, 0),
        ramCostUsd: costs.reduce((sum, c) => sum + c.ramCostUsd, 0),
        gpuCostUsd: costs.reduce((sum, c) => sum + c.gpuCostUsd, 0),
      },
    );
    // Each container's part of this hour's idle, so shareIdle reads need no node dimension.
    const { shares, unshared } = shareNodeIdle(idle, costs);
    onNode.forEach((c, i) => (c.idleShare = shares[i]!));
    Object.assign(node, {
      costUsd: idle.nodeCostUsd, cpuIdleUsd: idle.cpuIdleUsd, ramIdleUsd: idle.ramIdleUsd, gpuIdleUsd: idle.gpuIdleUsd,
      idleClamped: idle.clamped.cpu || idle.clamped.ram || idle.clamped.gpu, unshared,
    });
  }
  const fixed = [
    { name: 'cluster_id', type: 'int4' as const, value: clusterId },
    { name: 'hour_start', type: 'timestamptz' as const, value: hourStart },
  ];
  const written = await bulkWrite(s, { table: 'node_hour', fixed, columns: NODE_HOUR_COLUMNS, onConflict: '' }, [...nodes.values()]);
  return written + (await bulkWrite(s, { table: 'container_hour', fixed, columns: CONTAINER_HOUR_COLUMNS, onConflict: '' }, containers));
}

function nodeHours(rows: NodeRow[], seconds: (at: Date) => number, hourStart: Date, kept: Map<string, KeptPrice>, pricing: Pricing): Map<string, NodeHourRow> {
  const byName = new Map<string, NodeHourRow>();
  for (const row of rows) {
    const existing = byName.get(row.node_name);
    if (existing) {
      existing.runningSeconds += seconds(row.sampled_at);
      continue;
    }
    const cpuCores = row.cpu_capacity_millicores / 1000;
    const memoryBytes = Number(row.memory_capacity_bytes);
    const price = kept.get(row.node_uid) ?? pricing.priceNode({
      provider: row.provider, instanceType: row.instance_type, region: row.region,
      capacityType: row.capacity_type === 'spot' ? 'spot' : 'on-demand', cpuCores, memoryGiB: memoryBytes / GIB, gpus: row.gpu_capacity,
    }, hourStart);
    byName.set(row.node_name, {
      hourStart, nodeUid: row.node_uid, nodeName: row.node_name, nodePool: row.node_pool, instanceType: row.instance_type,
      capacityType: row.capacity_type, priceSource: price.source, runningSeconds: seconds(row.sampled_at), cpuCores, memoryBytes,
      gpus: row.gpu_capacity, usdPerHour: price.usdPerHour, prices: splitNodePrice(price.usdPerHour, cpuCores, memoryBytes / GIB, row.gpu_capacity, pricing.splitRates),
      costUsd: 0, cpuIdleUsd: 0, ramIdleUsd: 0, gpuIdleUsd: 0, idleClamped: false, unshared: NO_COST,
    });
  }
  return byName;
}

function containerHours(
  rows: SampleRow[],
  seconds: (at: Date) => number,
  nodes: Map<string, NodeHourRow>,
  namespaceLabels: Map<string, Record<string, string>>,
  attribution: AttributionConfig,
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
    const node = nodes.get(first.node_name);
    // A node missing from this hour's node samples: price the container at the default rates.
    const prices = node?.prices ?? DEFAULT_RATES;
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
    const { team } = attributeTeam(first.pod_labels ?? {}, first.namespace, namespaceLabels.get(first.namespace) ?? {}, attribution);
    out.push({
      ...allocation, hourStart, podUid: first.pod_uid, container: first.container, namespace: first.namespace, pod: first.pod,
      nodeName: first.node_name, controllerKind: first.controller_kind ?? 'Pod', controllerName: first.controller_name ?? first.pod, team,
      pvByteHours: 0, pvCostUsd: 0, idleShare: NO_COST,
    });
  }
  return out;
}
