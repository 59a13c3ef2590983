import type { UsageHistogram } from './usage-histogram';

/** A container's requests and limits; null = not set. */
export interface ContainerResources {
  cpuRequestMillicores: number | null;
  cpuLimitMillicores: number | null;
  memoryRequestBytes: number | null;
  memoryLimitBytes: number | null;
}

/** One pod's usage of one container over the lookback, from the stored hourly rollups. */
export interface PodUsage {
  podUid: string;
  /** CPU usage samples over the lookback (count = samples). */
  cpuHistogram: UsageHistogram;
  cpuMaxMillicores: number | null;
  memoryPeakBytes: number | null;
  /** Usage samples seen (CPU), the KRR "enough data" count. */
  samples: number;
  /** [firstHourStartMs, lastHourStartMs + 1 h): the hours the pod had usage in. */
  firstHourStartMs: number;
  lastHourEndMs: number;
}

/** One hour of a container (all its pods merged), for the VPA's decaying histograms. */
export interface HourUsage {
  hourStartMs: number;
  cpuHistogram: UsageHistogram;
  /** Peak memory of each pod this hour (the VPA keeps per-pod peaks). */
  memoryPeaksBytes: number[];
}

/** One container of one workload: what a recommendation row is keyed by, and its team. */
export interface WorkloadContainer {
  cluster: string;
  namespace: string;
  controllerKind: string;
  controllerName: string;
  container: string;
  team: string;
}

/** What the recommenders know of one container of one workload (a row of the recommendations). */
export interface ContainerUsageHistory extends WorkloadContainer {
  /** The requests and limits in force at the end of the lookback. */
  current: ContainerResources;
  /** Average running replicas over the lookback (running pod-seconds ÷ lookback seconds). */
  replicas: number;
  /** Containers in the pod (the VPA splits its per-pod minimum over them). */
  containersInPod: number;
  pods: PodUsage[];
  hours: HourUsage[];
  /** OOM kills seen: when, and the memory limit in force then. */
  oomKills: Array<{ atMs: number; memoryLimitBytes: number | null }>;
  restarts: number;
  /** Price of the nodes its pods ran on, weighted by the hours run there. */
  usdPerCoreHour: number;
  usdPerGiBHour: number;
  /** Resources an HPA scales this workload on. */
  hpa: { cpu: boolean; memory: boolean };
}
