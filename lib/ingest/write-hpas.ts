/**
 * Writes one scrape's HorizontalPodAutoscalers, order-independently (a backfill replays newer
 * chunks before older ones): seen-range widened, every other column from the newest scrape.
 */
import type { SqlSession } from '../db/session';
import type { HpaRecord } from '../k8s/types';
import { bulkWrite, type Column } from './unnest';

const scalesOn = (h: HpaRecord, resource: string) => h.metrics.some((m) => m.resource === resource);

const HPA_COLUMNS: Column<HpaRecord>[] = [
  { name: 'namespace', type: 'text', value: (h) => h.namespace },
  { name: 'name', type: 'text', value: (h) => h.name },
  { name: 'target_kind', type: 'text', value: (h) => h.targetKind },
  { name: 'target_name', type: 'text', value: (h) => h.targetName },
  { name: 'min_replicas', type: 'int4', value: (h) => h.minReplicas },
  { name: 'max_replicas', type: 'int4', value: (h) => h.maxReplicas },
  { name: 'metrics', type: 'jsonb', value: (h) => JSON.stringify(h.metrics) },
  { name: 'scales_cpu', type: 'bool', value: (h) => scalesOn(h, 'cpu') },
  { name: 'scales_memory', type: 'bool', value: (h) => scalesOn(h, 'memory') },
  { name: 'current_replicas', type: 'int4', value: (h) => h.currentReplicas },
  { name: 'desired_replicas', type: 'int4', value: (h) => h.desiredReplicas },
];

const T = '"horizontal_pod_autoscaler"';
const CONFLICT = `ON CONFLICT ON CONSTRAINT "horizontal_pod_autoscaler_pkey" DO UPDATE SET ${[
  `first_seen_at = LEAST(${T}.first_seen_at, EXCLUDED.first_seen_at)`,
  `last_seen_at = GREATEST(${T}.last_seen_at, EXCLUDED.last_seen_at)`,
  ...HPA_COLUMNS.filter((c) => c.name !== 'namespace' && c.name !== 'name').map(
    (c) => `"${c.name}" = CASE WHEN ${T}.last_seen_at <= EXCLUDED.last_seen_at THEN EXCLUDED."${c.name}" ELSE ${T}."${c.name}" END`,
  ),
].join(', ')}`;

/** Upserts the HPAs of one scrape at `at`; the number of rows written. */
export async function writeHpas(s: SqlSession, clusterId: number, at: Date, hpas: HpaRecord[]): Promise<number> {
  if (hpas.length === 0) return 0;
  const fixed = [
    { name: 'cluster_id', type: 'int4' as const, value: clusterId },
    { name: 'first_seen_at', type: 'timestamptz' as const, value: at },
    { name: 'last_seen_at', type: 'timestamptz' as const, value: at },
  ];
  return bulkWrite(s, { table: 'horizontal_pod_autoscaler', fixed, columns: HPA_COLUMNS, onConflict: CONFLICT }, hpas);
}
