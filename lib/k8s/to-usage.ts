/** Pure mapping of metrics.k8s.io PodMetrics and NodeMetrics to usage records. */
import { describeObject, isoOrNull, readQuantity, type Warn } from './mapping';
import type { K8sNodeMetrics, K8sPodMetrics } from './objects';
import { toBytes, toMillicores } from './quantity';
import type { ContainerUsageRecord, NodeUsageRecord } from './types';

/**
 * PodMetrics → one record per container: CPU in millicores (ceil, so `9559630n` → 10), memory
 * in bytes (`22244Ki` → 22,777,856), at the metrics' own `timestamp` (ISO). A container with a
 * missing or malformed value is left out with a warning (the others are kept); metrics without
 * a name or a valid timestamp yield [] with a warning. No namespace → `default`.
 */
export function toContainerUsageRecords(metrics: K8sPodMetrics, warn: Warn): ContainerUsageRecord[] {
  const meta = metrics.metadata;
  const where = describeObject('podmetrics', meta);
  const usageAt = isoOrNull(metrics.timestamp);
  const name = meta?.name;
  if (!name || !usageAt) {
    warn(`${where}: skipped, ${name ? `timestamp ${JSON.stringify(metrics.timestamp ?? null)} is not a time` : 'no metadata.name'}`);
    return [];
  }
  const namespace = meta.namespace || 'default';
  return (metrics.containers ?? []).flatMap((c) => {
    const at = `${where} container "${c.name}"`;
    const cpu = readQuantity(toMillicores, c.usage?.cpu, at, 'cpu usage', warn);
    const memory = readQuantity(toBytes, c.usage?.memory, at, 'memory usage', warn);
    if (cpu === null || memory === null) {
      if (c.usage?.cpu === undefined || c.usage?.memory === undefined) warn(`${at}: skipped, no cpu or memory usage`);
      return [];
    }
    return [{ namespace, pod: name, container: c.name, cpuUsageMillicores: cpu, memoryUsageBytes: memory, usageAt }];
  });
}

/**
 * NodeMetrics → record: CPU in millicores (ceil: `487558164n` → 488), memory in bytes
 * (`732212Ki` → 749,785,088), at the metrics' `timestamp` (ISO). Null with a warning when the
 * name, the timestamp or either value is missing or malformed.
 */
export function toNodeUsageRecord(metrics: K8sNodeMetrics, warn: Warn): NodeUsageRecord | null {
  const meta = metrics.metadata;
  const where = describeObject('nodemetrics', meta);
  const usageAt = isoOrNull(metrics.timestamp);
  if (!meta?.name || !usageAt) {
    warn(`${where}: skipped, ${meta?.name ? `timestamp ${JSON.stringify(metrics.timestamp ?? null)} is not a time` : 'no metadata.name'}`);
    return null;
  }
  const cpu = readQuantity(toMillicores, metrics.usage?.cpu, where, 'cpu usage', warn);
  const memory = readQuantity(toBytes, metrics.usage?.memory, where, 'memory usage', warn);
  if (cpu === null || memory === null) {
    if (metrics.usage?.cpu === undefined || metrics.usage?.memory === undefined) warn(`${where}: skipped, no cpu or memory usage`);
    return null;
  }
  return { name: meta.name, cpuUsageMillicores: cpu, memoryUsageBytes: memory, usageAt };
}
