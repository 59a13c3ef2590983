/**
 * pod_startup_day (issue 9): per UTC day, namespace and team, the day's pods' startup and
 * scheduling waits as log-bucket histograms and their unschedulable time.
 */
import { attributeTeam } from '../cost/attribution';
import type { SqlSession } from '../db/session';
import { toHistogram } from '../delivery';
import { readNamespaceLabels } from './derive-inputs';
import type { DeriveRolloutsOptions } from './derive-options';
import { labelsOf, ms, num } from './derive-sql';
import { bulkWrite, type Column } from './unnest';

const DAY_MS = 86_400_000;

interface PodRow {
  cluster_id: number;
  namespace: string;
  labels: unknown;
  created_ms: number;
  scheduled_ms: number | null;
  ready_ms: number | null;
  unsched_since_ms: number | null;
  unsched_until_ms: number | null;
}

interface StartupDay {
  clusterId: number;
  dayStartMs: number;
  namespace: string;
  team: string;
  pods: number;
  startupSeconds: number[];
  schedulingSeconds: number[];
  unschedulablePods: number;
  unschedulableSeconds: number;
}

/** UTC day starts (ms) of the days overlapping [fromMs, toMs). */
export function utcDaysOverlapping(fromMs: number, toMs: number): { firstMs: number; endMs: number } {
  const firstMs = Math.floor(fromMs / DAY_MS) * DAY_MS;
  const endMs = toMs > fromMs ? Math.ceil(toMs / DAY_MS) * DAY_MS : firstMs;
  return { firstMs, endMs };
}

/** Rewrites pod_startup_day for the UTC days overlapping [from, to) from the pods created in them; resolves to the rows written. */
export async function derivePodStartupDays(s: SqlSession, o: DeriveRolloutsOptions): Promise<number> {
  const { firstMs, endMs } = utcDaysOverlapping(o.from.getTime(), o.to.getTime());
  if (endMs <= firstMs) return 0;
  const range = [new Date(firstMs), new Date(endMs), o.cluster ?? null];
  const pods = await s.query<PodRow>(
    `SELECT cluster_id, namespace, labels, ${ms('created_at')} AS created_ms, ${ms('scheduled_at')} AS scheduled_ms, ${ms('ready_at')} AS ready_ms,
            ${ms('unschedulable_since')} AS unsched_since_ms, ${ms('unschedulable_until')} AS unsched_until_ms
       FROM "pod" WHERE created_at >= $1 AND created_at < $2 AND ($3::int IS NULL OR cluster_id = $3)`,
    range,
  );
  const namespaceLabels = await readNamespaceLabels(s, o.cluster);
  const nowMs = o.now.getTime();
  const days = new Map<string, StartupDay>();
  for (const p of pods) {
    const createdMs = Number(p.created_ms);
    const dayStartMs = Math.floor(createdMs / DAY_MS) * DAY_MS;
    const team = attributeTeam(labelsOf(p.labels), p.namespace, namespaceLabels.get(`${p.cluster_id}\u0000${p.namespace}`) ?? {}, o.attribution).team;
    const key = `${p.cluster_id}\u0000${dayStartMs}\u0000${p.namespace}\u0000${team}`;
    let d = days.get(key);
    if (d === undefined) {
      d = { clusterId: p.cluster_id, dayStartMs, namespace: p.namespace, team, pods: 0, startupSeconds: [], schedulingSeconds: [], unschedulablePods: 0, unschedulableSeconds: 0 };
      days.set(key, d);
    }
    d.pods++;
    const readyMs = num(p.ready_ms);
    const scheduledMs = num(p.scheduled_ms);
    if (readyMs !== null) d.startupSeconds.push((readyMs - createdMs) / 1000);
    if (scheduledMs !== null) d.schedulingSeconds.push((scheduledMs - createdMs) / 1000);
    const sinceMs = num(p.unsched_since_ms);
    if (sinceMs !== null) {
      d.unschedulablePods++;
      const untilMs = num(p.unsched_until_ms) ?? scheduledMs ?? nowMs;
      d.unschedulableSeconds += Math.max(0, untilMs - sinceMs) / 1000;
    }
  }
  await s.run(`DELETE FROM "pod_startup_day" WHERE day_start >= $1 AND day_start < $2 AND ($3::int IS NULL OR cluster_id = $3)`, range);
  return bulkWrite(s, { table: 'pod_startup_day', fixed: [], columns: STARTUP_COLUMNS, select: STARTUP_SELECT, onConflict: '' }, [...days.values()]);
}

const STARTUP_COLUMNS: Column<StartupDay>[] = [
  { name: 'cluster_id', type: 'int4', value: (d) => d.clusterId },
  { name: 'day_start', type: 'timestamptz', value: (d) => new Date(d.dayStartMs).toISOString() },
  { name: 'namespace', type: 'text', value: (d) => d.namespace },
  { name: 'team', type: 'text', value: (d) => d.team },
  { name: 'pods', type: 'int4', value: (d) => d.pods },
  { name: 'startup_buckets', type: 'jsonb', value: (d) => JSON.stringify(toHistogram(d.startupSeconds)) },
  { name: 'scheduling_buckets', type: 'jsonb', value: (d) => JSON.stringify(toHistogram(d.schedulingSeconds)) },
  { name: 'unschedulable_pods', type: 'int4', value: (d) => d.unschedulablePods },
  { name: 'unschedulable_seconds', type: 'float8', value: (d) => d.unschedulableSeconds },
];

const intArray = (c: string) => `ARRAY(SELECT jsonb_array_elements_text(u."${c}")::int)`;
const STARTUP_SELECT = { startup_buckets: intArray('startup_buckets'), scheduling_buckets: intArray('scheduling_buckets') };
