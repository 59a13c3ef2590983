import type { ContainerAllocation } from '../cost';
import type { Column } from './unnest';

export interface NodeHourRow {
  hourStart: Date;
  nodeUid: string;
  nodeName: string;
  nodePool: string | null;
  instanceType: string | null;
  capacityType: string;
  priceSource: string;
  runningSeconds: number;
  cpuCores: number;
  memoryBytes: number;
  gpus: number;
  usdPerHour: number;
  prices: { usdPerCoreHour: number; usdPerGiBHour: number; usdPerGpuHour: number };
  costUsd: number;
  cpuIdleUsd: number;
  ramIdleUsd: number;
  gpuIdleUsd: number;
  idleClamped: boolean;
  /** Idle no container on the node could take, per resource (lib/cost shareNodeIdle). */
  unshared: { cpuCostUsd: number; ramCostUsd: number; gpuCostUsd: number };
}

/** One container-hour: where it ran and whose it is, plus its allocation (lib/cost). */
export interface ContainerHourRow extends ContainerAllocation {
  hourStart: Date;
  podUid: string;
  container: string;
  namespace: string;
  pod: string;
  nodeName: string;
  /** The node it ran on, by uid (matched by name in the same scrape); null when its node had no sample. */
  nodeUid: string | null;
  /** Its node had no sample this hour (priced at the default rates). Volume rows: false. */
  nodeUnsampled: boolean;
  controllerKind: string;
  controllerName: string;
  team: string;
  /** A shared cost (tally.yaml `shared`) as of the rollup; kept with a closed month's hour; null: not recorded. */
  shared: boolean | null;
  /** The container's part of its pod's volumes this hour (lib/ingest/rollup-volumes). */
  pvByteHours: number;
  pvCostUsd: number;
  /** The container's share of its node's idle this hour, per resource (shareIdle). */
  idleShare: { cpuCostUsd: number; ramCostUsd: number; gpuCostUsd: number };
  /** CPU usage of the samples taken in the hour, flat [bucket, count, …] (rollup-usage); volume rows: none. */
  cpuUsageHistogram?: number[];
  cpuUsageSamples?: number;
}

// Costs are stored as numeric(20,10): the one rounding, at the edge of storage.
export const NODE_HOUR_COLUMNS: Column<NodeHourRow>[] = [
  { name: 'node_uid', type: 'text', value: (n) => n.nodeUid },
  { name: 'node_name', type: 'text', value: (n) => n.nodeName },
  { name: 'node_pool', type: 'text', value: (n) => n.nodePool },
  { name: 'instance_type', type: 'text', value: (n) => n.instanceType },
  { name: 'capacity_type', type: 'text', value: (n) => n.capacityType },
  { name: 'price_source', type: 'text', value: (n) => n.priceSource },
  { name: 'running_seconds', type: 'int4', value: (n) => Math.round(n.runningSeconds) },
  { name: 'cpu_cores', type: 'float8', value: (n) => n.cpuCores },
  { name: 'memory_bytes', type: 'int8', value: (n) => n.memoryBytes },
  { name: 'gpus', type: 'int4', value: (n) => n.gpus },
  { name: 'usd_per_hour', type: 'numeric', value: (n) => n.usdPerHour },
  { name: 'usd_per_core_hour', type: 'numeric', value: (n) => n.prices.usdPerCoreHour },
  { name: 'usd_per_gib_hour', type: 'numeric', value: (n) => n.prices.usdPerGiBHour },
  { name: 'usd_per_gpu_hour', type: 'numeric', value: (n) => n.prices.usdPerGpuHour },
  { name: 'cost_usd', type: 'numeric', value: (n) => n.costUsd },
  { name: 'cpu_idle_usd', type: 'numeric', value: (n) => n.cpuIdleUsd },
  { name: 'ram_idle_usd', type: 'numeric', value: (n) => n.ramIdleUsd },
  { name: 'gpu_idle_usd', type: 'numeric', value: (n) => n.gpuIdleUsd },
  { name: 'idle_clamped', type: 'bool', value: (n) => n.idleClamped },
  { name: 'cpu_idle_unshared_usd', type: 'numeric', value: (n) => n.unshared.cpuCostUsd },
  { name: 'ram_idle_unshared_usd', type: 'numeric', value: (n) => n.unshared.ramCostUsd },
  { name: 'gpu_idle_unshared_usd', type: 'numeric', value: (n) => n.unshared.gpuCostUsd },
];

export const CONTAINER_HOUR_COLUMNS: Column<ContainerHourRow>[] = [
  { name: 'pod_uid', type: 'text', value: (c) => c.podUid },
  { name: 'container', type: 'text', value: (c) => c.container },
  { name: 'namespace', type: 'text', value: (c) => c.namespace },
  { name: 'pod', type: 'text', value: (c) => c.pod },
  { name: 'node_name', type: 'text', value: (c) => c.nodeName },
  { name: 'node_uid', type: 'text', value: (c) => c.nodeUid },
  { name: 'node_unsampled', type: 'bool', value: (c) => c.nodeUnsampled },
  { name: 'shared', type: 'bool', value: (c) => c.shared },
  { name: 'controller_kind', type: 'text', value: (c) => c.controllerKind },
  { name: 'controller_name', type: 'text', value: (c) => c.controllerName },
  { name: 'team', type: 'text', value: (c) => c.team },
  { name: 'running_seconds', type: 'int4', value: (c) => Math.round(c.runningSeconds) },
  { name: 'cpu_request_avg_millicores', type: 'float8', value: (c) => c.cpuRequestAvgMillicores },
  { name: 'cpu_usage_avg_millicores', type: 'float8', value: (c) => c.cpuUsageAvgMillicores },
  { name: 'cpu_usage_max_millicores', type: 'int4', value: (c) => c.cpuUsageMaxMillicores },
  { name: 'cpu_allocated_avg_millicores', type: 'float8', value: (c) => c.cpuAllocatedAvgMillicores },
  { name: 'memory_request_avg_bytes', type: 'float8', value: (c) => c.memoryRequestAvgBytes },
  { name: 'memory_usage_avg_bytes', type: 'float8', value: (c) => c.memoryUsageAvgBytes },
  { name: 'memory_usage_max_bytes', type: 'int8', value: (c) => c.memoryUsageMaxBytes },
  { name: 'memory_allocated_avg_bytes', type: 'float8', value: (c) => c.memoryAllocatedAvgBytes },
  { name: 'cpu_core_hours', type: 'float8', value: (c) => c.cpuCoreHours },
  { name: 'ram_byte_hours', type: 'float8', value: (c) => c.ramByteHours },
  { name: 'gpu_hours', type: 'float8', value: (c) => c.gpuHours },
  { name: 'cpu_cost_usd', type: 'numeric', value: (c) => c.cpuCostUsd },
  { name: 'ram_cost_usd', type: 'numeric', value: (c) => c.ramCostUsd },
  { name: 'gpu_cost_usd', type: 'numeric', value: (c) => c.gpuCostUsd },
  { name: 'total_cost_usd', type: 'numeric', value: (c) => c.totalCostUsd },
  { name: 'pv_byte_hours', type: 'float8', value: (c) => c.pvByteHours },
  { name: 'pv_cost_usd', type: 'numeric', value: (c) => c.pvCostUsd },
  { name: 'cpu_idle_share_usd', type: 'numeric', value: (c) => c.idleShare.cpuCostUsd },
  { name: 'ram_idle_share_usd', type: 'numeric', value: (c) => c.idleShare.ramCostUsd },
  { name: 'gpu_idle_share_usd', type: 'numeric', value: (c) => c.idleShare.gpuCostUsd },
  // Sent as an array literal in a text[] and cast in the SELECT (CONTAINER_HOUR_SELECT): unnest would flatten int4[][].
  { name: 'cpu_usage_histogram', type: 'text', value: (c) => `{${(c.cpuUsageHistogram ?? []).join(',')}}` },
  { name: 'cpu_usage_samples', type: 'int4', value: (c) => c.cpuUsageSamples ?? 0 },
];

export const CONTAINER_HOUR_SELECT = { cpu_usage_histogram: 'u."cpu_usage_histogram"::int4[]' };
