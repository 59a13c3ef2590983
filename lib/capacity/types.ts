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

/**
 * One hour or one UTC day of a container, all its pods merged: the VPA's input. Day rows are the
 * hours merged with the VPA's decay referenced to the day's start (mergePeriodsByDay), so they
 * combine exactly as their hours would.
 */
export interface UsagePeriod {
  startMs: number;
  /** CPU samples per bucket, each weighted 2^((its hour − startMs) ÷ 24 h); an hour's are plain counts. */
  cpuDecayedHistogram: UsageHistogram;
  /** CPU samples taken (unweighted). */
  cpuSamples: number;
  /** The first and last hour start with a CPU sample; null when none. */
  firstSampleHourMs: number | null;
  lastSampleHourMs: number | null;
  /** Peak memory of each pod (for a day: the rank-wise maxima of its hours' peaks), descending. */
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
  /** Hours and UTC days, not overlapping, ascending; empty when not read (the simple strategy needs none). */
  periods: UsagePeriod[];
  /** OOM kills seen: when, and the memory limit in force then. */
  oomKills: Array<{ atMs: number; memoryLimitBytes: number | null }>;
  restarts: number;
  /** Price of the nodes its pods ran on, weighted by the hours run there. */
  usdPerCoreHour: number;
  usdPerGiBHour: number;
  /** Resources an HPA scales this workload on. */
  hpa: { cpu: boolean; memory: boolean };
}
