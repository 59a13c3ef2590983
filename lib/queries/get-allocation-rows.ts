import type { Database } from '../db/client';
import { Prisma } from '../db/generated/client';
import { splitWindow } from './filters';

/** Properties a read can group by; each maps to whitelisted SQL. */
export type AllocationDimension = 'node' | 'namespace' | 'controller' | 'pod' | 'container' | 'team';

export interface AllocationRowsQuery {
  startMs: number;
  endMs: number;
  /** Step length; rows get the index of the step they fall in. Undefined: one step. */
  stepMs?: number;
  dimensions: ReadonlySet<AllocationDimension>;
  /** Pod label keys to return (joined from the pod inventory). */
  labelKeys: readonly string[];
  /** Also split rows by UTC month (for invoice reconciliation). */
  byMonth: boolean;
}

export interface AllocationRow {
  step: number;
  monthStart: Date | null;
  cluster: string;
  node: string | null;
  namespace: string | null;
  controllerKind: string | null;
  controllerName: string | null;
  pod: string | null;
  container: string | null;
  team: string | null;
  labels: (string | null)[];
  firstHourMs: number;
  lastHourMs: number;
  runningSeconds: number;
  cpuCoreHours: number;
  ramByteHours: number;
  gpuHours: number;
  cpuRequestCoreSeconds: number;
  cpuUsageCoreSeconds: number;
  ramRequestByteSeconds: number;
  ramUsageByteSeconds: number;
  cpuCost: number;
  ramCost: number;
  gpuCost: number;
}

export interface IdleRow {
  step: number;
  monthStart: Date | null;
  cluster: string;
  node: string;
  firstHourMs: number;
  lastHourMs: number;
  cpuCost: number;
  ramCost: number;
  gpuCost: number;
}

const DAY_MS = 86_400_000;

const DIMENSION_SQL: Record<AllocationDimension, string[]> = {
  node: ['node_name'],
  namespace: ['namespace'],
  controller: ['controller_kind', 'controller_name'],
  pod: ['namespace', 'pod'],
  container: ['namespace', 'pod', 'container'],
  team: ['team'],
};

/** Where the window's rows come from: whole days from the daily tables (unless steps are hourly), edges from the hourly ones. */
function sources(q: AllocationRowsQuery) {
  const from = new Date(q.startMs);
  const to = new Date(q.endMs);
  const hourlySteps = q.stepMs !== undefined && q.stepMs % DAY_MS !== 0;
  const { dayFrom, dayTo } = hourlySteps ? { dayFrom: to, dayTo: to } : splitWindow(from, to);
  return {
    days: Prisma.sql`day_start >= ${dayFrom} AND day_start < ${dayTo}`,
    hours: Prisma.sql`((hour_start >= ${from} AND hour_start < ${dayFrom}) OR (hour_start >= ${dayTo} AND hour_start < ${to}))`,
  };
}

function bucketSql(q: AllocationRowsQuery) {
  const step = q.stepMs === undefined ? Prisma.sql`0` : Prisma.sql`floor((extract(epoch from t) * 1000 - ${q.startMs}) / ${q.stepMs})::int`;
  const month = q.byMonth ? Prisma.sql`date_trunc('month', t, 'UTC')` : Prisma.sql`NULL::timestamptz`;
  return { step, month };
}

/**
 * Container costs over [startMs, endMs), summed per step, cluster and the requested
 * dimensions (plus node, always, for idle sharing): whole days from container_day, the edge
 * hours from container_hour, so a 90-day read sums ~days × containers rows, not hours.
 */
export async function getAllocationRows(db: Database, q: AllocationRowsQuery): Promise<AllocationRow[]> {
  const columns = [...new Set(['node_name', ...[...q.dimensions].flatMap((d) => DIMENSION_SQL[d])])];
  const all = ['namespace', 'controller_kind', 'controller_name', 'pod', 'container', 'team'];
  const select = Prisma.raw(all.map((c) => (columns.includes(c) ? `r.${c}` : `NULL::text AS ${c}`)).join(', '));
  const group = Prisma.raw(columns.map((c) => `r.${c}`).join(', '));
  const labels = q.labelKeys.length
    ? Prisma.sql`ARRAY[${Prisma.join(q.labelKeys.map((k) => Prisma.sql`p.labels ->> ${k}`))}]`
    : Prisma.sql`ARRAY[]::text[]`;
  const { days, hours } = sources(q);
  const { step, month } = bucketSql(q);
  const dims = Prisma.raw(columns.join(', '));
  return db.prisma.$queryRaw<AllocationRow[]>`
    WITH r AS (
      SELECT cluster_id, pod_uid, ${dims}, day_start AS t, first_hour_start, last_hour_start, running_seconds, cpu_core_hours,
             ram_byte_hours, gpu_hours, cpu_request_core_seconds, cpu_usage_core_seconds, ram_request_byte_seconds,
             ram_usage_byte_seconds, cpu_cost_usd, ram_cost_usd, gpu_cost_usd
        FROM "container_day" WHERE ${days}
      UNION ALL
      SELECT cluster_id, pod_uid, ${dims}, hour_start, hour_start, hour_start, running_seconds, cpu_core_hours, ram_byte_hours, gpu_hours,
             coalesce(cpu_request_avg_millicores * running_seconds / 1000, 0), coalesce(cpu_usage_avg_millicores * running_seconds / 1000, 0),
             coalesce(memory_request_avg_bytes * running_seconds, 0), coalesce(memory_usage_avg_bytes * running_seconds, 0),
             cpu_cost_usd, ram_cost_usd, gpu_cost_usd
        FROM "container_hour" WHERE ${hours}
    ), b AS (
      SELECT r.*, ${step} AS step, ${month} AS month_start FROM r
    )
    SELECT r.step, r.month_start AS "monthStart", c.name AS cluster, r.node_name AS node, ${select}, ${labels} AS labels,
           (extract(epoch from min(r.first_hour_start)) * 1000)::float8 AS "firstHourMs",
           (extract(epoch from max(r.last_hour_start)) * 1000)::float8 AS "lastHourMs",
           sum(r.running_seconds)::float8 AS "runningSeconds", sum(r.cpu_core_hours)::float8 AS "cpuCoreHours",
           sum(r.ram_byte_hours)::float8 AS "ramByteHours", sum(r.gpu_hours)::float8 AS "gpuHours",
           sum(r.cpu_request_core_seconds)::float8 AS "cpuRequestCoreSeconds", sum(r.cpu_usage_core_seconds)::float8 AS "cpuUsageCoreSeconds",
           sum(r.ram_request_byte_seconds)::float8 AS "ramRequestByteSeconds", sum(r.ram_usage_byte_seconds)::float8 AS "ramUsageByteSeconds",
           sum(r.cpu_cost_usd)::float8 AS "cpuCost", sum(r.ram_cost_usd)::float8 AS "ramCost", sum(r.gpu_cost_usd)::float8 AS "gpuCost"
      FROM b r JOIN "cluster" c ON c.id = r.cluster_id
      ${q.labelKeys.length ? Prisma.sql`LEFT JOIN "pod" p ON p.cluster_id = r.cluster_id AND p.uid = r.pod_uid` : Prisma.empty}
     GROUP BY r.step, r.month_start, c.name, ${group}${q.labelKeys.length ? Prisma.sql`, labels` : Prisma.empty}`;
}

/** Node idle per resource over the window, per step, cluster and node (node_day for whole days, node_hour at the edges). */
export async function getIdleRows(db: Database, q: AllocationRowsQuery): Promise<IdleRow[]> {
  const { days, hours } = sources(q);
  const { step, month } = bucketSql(q);
  return db.prisma.$queryRaw<IdleRow[]>`
    WITH r AS (
      SELECT cluster_id, node_name, day_start AS t, day_start AS first_t, day_start + interval '23 hours' AS last_t, cpu_idle_usd, ram_idle_usd, gpu_idle_usd
        FROM "node_day" WHERE ${days}
      UNION ALL
      SELECT cluster_id, node_name, hour_start, hour_start, hour_start, cpu_idle_usd, ram_idle_usd, gpu_idle_usd FROM "node_hour" WHERE ${hours}
    ), b AS (SELECT r.*, ${step} AS step, ${month} AS month_start FROM r)
    SELECT r.step, r.month_start AS "monthStart", c.name AS cluster, r.node_name AS node,
           (extract(epoch from min(r.first_t)) * 1000)::float8 AS "firstHourMs", (extract(epoch from max(r.last_t)) * 1000)::float8 AS "lastHourMs",
           sum(r.cpu_idle_usd)::float8 AS "cpuCost", sum(r.ram_idle_usd)::float8 AS "ramCost", sum(r.gpu_idle_usd)::float8 AS "gpuCost"
      FROM b r JOIN "cluster" c ON c.id = r.cluster_id
     GROUP BY r.step, r.month_start, c.name, r.node_name`;
}

/** What each cluster's month cost in the model (allocations + idle), for reconciling with its invoice. */
export async function getModelledMonths(db: Database, monthStarts: readonly Date[]): Promise<{ cluster: string; monthStart: Date; modelledUsd: number }[]> {
  if (monthStarts.length === 0) return [];
  const months = Prisma.join(monthStarts.map((m) => Prisma.sql`${m}::timestamptz`));
  return db.prisma.$queryRaw`
    SELECT c.name AS cluster, m.month_start AS "monthStart", sum(m.cost)::float8 AS "modelledUsd" FROM (
      SELECT cluster_id, date_trunc('month', day_start, 'UTC') AS month_start, cpu_cost_usd + ram_cost_usd + gpu_cost_usd AS cost FROM "container_day"
      UNION ALL
      SELECT cluster_id, date_trunc('month', day_start, 'UTC'), cpu_idle_usd + ram_idle_usd + gpu_idle_usd FROM "node_day"
    ) m JOIN "cluster" c ON c.id = m.cluster_id
    WHERE m.month_start IN (${months})
    GROUP BY c.name, m.month_start`;
}

