import { encodeHistogram, histogramOf, mergeHistograms, decodeHistogram } from '../capacity/usage-histogram';
import type { Column } from './unnest';
import type { ContainerHourRow } from './rollup-columns';

/**
 * Usage history for right-sizing (issue 10): each container-hour keeps a CPU histogram of the
 * samples taken in the hour, so percentiles over 14 to 90 days come from rollups, not from raw
 * samples (pruned after 8 days). Samples are counted in the hour they were taken, so every sample
 * counts exactly once across hours (the scrape before the hour that also covers its start does
 * not count twice).
 */
export interface UsageOfHour {
  /** Flat [bucket, count, …] (lib/capacity/usage-histogram). */
  cpuUsageHistogram: number[];
  cpuUsageSamples: number;
}

/** The histogram of a container's samples in [hourStartMs, hourStartMs + 1 h) with a CPU usage. */
export function usageOfHour(rows: readonly { sampled_at: Date; cpu_usage_millicores: number | null }[], hourStartMs: number): UsageOfHour {
  const end = hourStartMs + 3_600_000;
  const usages: number[] = [];
  for (const r of rows) {
    const at = new Date(r.sampled_at).getTime();
    if (r.cpu_usage_millicores !== null && at >= hourStartMs && at < end) usages.push(r.cpu_usage_millicores);
  }
  return { cpuUsageHistogram: encodeHistogram(histogramOf(usages)), cpuUsageSamples: usages.length };
}

/** One workload container's hour, its pods merged (workload_container_hour). */
export interface WorkloadContainerHourRow {
  namespace: string;
  controllerKind: string;
  controllerName: string;
  container: string;
  pods: number;
  cpuUsageHistogram: number[];
  cpuUsageSamples: number;
  cpuUsageMaxMillicores: number | null;
  memoryPeaksBytes: number[];
}

/** Groups the hour's container rows with usage by workload container (volume rows have none). */
export function workloadContainerHours(containers: readonly ContainerHourRow[]): WorkloadContainerHourRow[] {
  const groups = new Map<string, ContainerHourRow[]>();
  for (const c of containers) {
    if (c.cpuUsageHistogram === undefined) continue;
    if (c.cpuUsageSamples === 0 && c.memoryUsageMaxBytes === null) continue;
    const key = JSON.stringify([c.namespace, c.controllerKind, c.controllerName, c.container]);
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    const maxima = group.map((c) => c.cpuUsageMaxMillicores).filter((m): m is number => m !== null);
    return {
      namespace: first.namespace, controllerKind: first.controllerKind, controllerName: first.controllerName, container: first.container,
      pods: group.length,
      cpuUsageHistogram: encodeHistogram(mergeHistograms(group.map((c) => decodeHistogram(c.cpuUsageHistogram ?? [])))),
      cpuUsageSamples: group.reduce((sum, c) => sum + (c.cpuUsageSamples ?? 0), 0),
      cpuUsageMaxMillicores: maxima.length ? Math.max(...maxima) : null,
      memoryPeaksBytes: group.map((c) => c.memoryUsageMaxBytes).filter((m): m is number => m !== null),
    };
  });
}

/** An integer array as a Postgres array literal, sent as text and cast in the SELECT (unnest would flatten a 2-D array). */
export const intArrayLiteral = (values: readonly number[]): string => `{${values.map((v) => Math.round(v)).join(',')}}`;

export const WORKLOAD_CONTAINER_HOUR_COLUMNS: Column<WorkloadContainerHourRow>[] = [
  { name: 'namespace', type: 'text', value: (w) => w.namespace },
  { name: 'controller_kind', type: 'text', value: (w) => w.controllerKind },
  { name: 'controller_name', type: 'text', value: (w) => w.controllerName },
  { name: 'container', type: 'text', value: (w) => w.container },
  { name: 'pods', type: 'int4', value: (w) => w.pods },
  { name: 'cpu_usage_histogram', type: 'text', value: (w) => intArrayLiteral(w.cpuUsageHistogram) },
  { name: 'cpu_usage_samples', type: 'int4', value: (w) => w.cpuUsageSamples },
  { name: 'cpu_usage_max_millicores', type: 'int4', value: (w) => w.cpuUsageMaxMillicores },
  { name: 'memory_peaks_bytes', type: 'text', value: (w) => intArrayLiteral(w.memoryPeaksBytes) },
];

export const WORKLOAD_CONTAINER_HOUR_SELECT = {
  cpu_usage_histogram: 'u."cpu_usage_histogram"::int4[]',
  memory_peaks_bytes: 'u."memory_peaks_bytes"::int8[]',
};
