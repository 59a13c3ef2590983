import type { Database } from '../db/client';
import { Prisma } from '../db/generated/client';
import { clusterClause, splitWindow } from './filters';

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
  /** Only this cluster (by name); all when unset. */
  cluster?: string;
  /** Return each row's stored sharing (container_hour.shared) for the hours before this instant (closed months). */
  storedSharingBeforeMs?: number;
}

interface Sums {
  step: number;
  monthStart: Date | null;
  cluster: string;
  firstHourMs: number;
  lastHourMs: number;
  cpuCost: number;
  ramCost: number;
  gpuCost: number;
}

export interface AllocationRow extends Sums {
  node: string | null;
  namespace: string | null;
  controllerKind: string | null;
  controllerName: string | null;
  pod: string | null;
  container: string | null;
  team: string | null;
  labels: (string | null)[];
  /** Shared as stored with its hours (before storedSharingBeforeMs); null: not asked, later hours, or not recorded. */
  sharedStored: boolean | null;
  runningSeconds: number;
  cpuCoreHours: number;
  ramByteHours: number;
  gpuHours: number;
  cpuRequestCoreSeconds: number;
  cpuUsageCoreSeconds: number;
  ramRequestByteSeconds: number;
  ramUsageByteSeconds: number;
  pvByteHours: number;
  pvCost: number;
  /** This group's share of its nodes' idle, hour by hour, per resource. */
  cpuIdleShare: number;
  ramIdleShare: number;
  gpuIdleShare: number;
}

export interface IdleRow extends Sums {
  node: string | null;
  /** Idle no container on its node could take, per resource. */
  cpuUnshared: number;
  ramUnshared: number;
  gpuUnshared: number;
}

const DAY_MS = 86_400_000;

const WORKLOAD_DAY_COLUMNS = ['namespace', 'controller_kind', 'controller_name', 'team'];

const DIMENSION_SQL: Record<AllocationDimension, string[]> = {
  node: ['node_name'],
  namespace: ['namespace'],
  controller: ['controller_kind', 'controller_name'],
  pod: ['namespace', 'pod'],
  container: ['namespace', 'pod', 'container'],
  team: ['team'],
};

/**
 * Where the window's rows come from: whole days from the daily tables (unless steps are
 * hourly), the edge hours from the hourly ones. A window reaching past the newest hourly row
 * (any window ending now) reads its last, partial day from the daily row too: that row holds
 * exactly the hours so far.
 */
async function sources(db: Database, q: AllocationRowsQuery) {
  const from = new Date(q.startMs);
  const to = new Date(q.endMs);
  const hourlySteps = q.stepMs !== undefined && q.stepMs % DAY_MS !== 0;
  let { dayFrom, dayTo } = hourlySteps ? { dayFrom: to, dayTo: to } : splitWindow(from, to);
  const dayOfEnd = Math.floor(q.endMs / DAY_MS) * DAY_MS;
  if (!hourlySteps && dayOfEnd !== q.endMs && dayOfEnd >= q.startMs) {
    const [latest] = await db.prisma.$queryRaw<{ hour: Date | null }[]>`SELECT max(hour_start) AS hour FROM "container_hour"`;
    if (latest?.hour && latest.hour.getTime() < q.endMs) {
      if (dayFrom.getTime() === q.endMs) dayFrom = new Date(dayOfEnd);
      dayTo = new Date(dayOfEnd + DAY_MS); // past `to`: the trailing hour edge is empty
    }
  }
  const cluster = clusterClause(q.cluster);
  return {
    days: Prisma.sql`${cluster} AND day_start >= ${dayFrom} AND day_start < ${dayTo}`,
    hours: Prisma.sql`${cluster} AND ((hour_start >= ${from} AND hour_start < ${dayFrom}) OR (hour_start >= ${dayTo} AND hour_start < ${to}))`,
  };
}

function buckets(q: AllocationRowsQuery, t: string) {
  const time = Prisma.raw(t);
  return {
    step: q.stepMs === undefined ? Prisma.sql`0` : Prisma.sql`floor((date_part('epoch', ${time}) * 1000 - ${q.startMs}) / ${q.stepMs})::int`,
    month: q.byMonth ? Prisma.sql`date_trunc('month', ${time}, 'UTC')` : Prisma.sql`NULL::timestamptz`,
  };
}

/**
 * Container costs over [startMs, endMs), summed per step, cluster and the requested
 * dimensions only: whole days from container_day (workload_day when no node, pod,
 * container or label is asked for), the edge hours from container_hour, each
 * side summed first (in float8: the API rounds to 6 decimals at the edge), so a 90-day read
 * touches ~days × containers rows, not hours.
 */
export async function getAllocationRows(db: Database, q: AllocationRowsQuery): Promise<AllocationRow[]> {
  const columns = [...new Set([...q.dimensions].flatMap((d) => DIMENSION_SQL[d]))];
  const all = ['node_name', 'namespace', 'controller_kind', 'controller_name', 'pod', 'container', 'team'];
  const alias: Record<string, string> = { node_name: 'node', controller_kind: '"controllerKind"', controller_name: '"controllerName"' };
  const select = Prisma.raw(all.map((c) => `${columns.includes(c) ? `r.${c}` : 'NULL::text'} AS ${alias[c] ?? c}`).join(', '));
  const keys = q.labelKeys.length ? ['pod_uid', ...columns] : columns;
  const group = Prisma.raw(['cluster_id', ...keys].join(', '));
  const outerGroup = Prisma.raw(['r.step', 'r.month_start', 'r.shared_stored', 'c.name', ...columns.map((c) => `r.${c}`), ...(q.labelKeys.length ? ['labels'] : [])].join(', '));
  const labels = q.labelKeys.length
    ? Prisma.sql`ARRAY[${Prisma.join(q.labelKeys.map((k) => Prisma.sql`p.labels ->> ${k}`))}]`
    : Prisma.sql`ARRAY[]::text[]`;
  const { days, hours } = await sources(db, q);
  const day = buckets(q, 'day_start');
  const hour = buckets(q, 'hour_start');
  const before = q.storedSharingBeforeMs === undefined ? null : new Date(q.storedSharingBeforeMs);
  const stored = (t: string) => (before ? Prisma.sql`CASE WHEN ${Prisma.raw(t)} < ${before} THEN shared END` : Prisma.sql`NULL::boolean`);
  // Without node, pod, container or labels the workload-level daily rows hold the same sums in ~4× fewer rows.
  const workloadLevel = keys.every((k) => WORKLOAD_DAY_COLUMNS.includes(k));
  const daily = workloadLevel
    ? Prisma.sql`sum(cpu_request_millicore_seconds) / 1000 AS cq, sum(cpu_usage_millicore_seconds) / 1000 AS cu,
             sum(memory_request_byte_seconds) AS rq, sum(memory_usage_byte_seconds) AS ru`
    : Prisma.sql`sum(cpu_request_core_seconds) AS cq, sum(cpu_usage_core_seconds) AS cu, sum(ram_request_byte_seconds) AS rq,
             sum(ram_usage_byte_seconds) AS ru`;
  return rawQuery<AllocationRow>(db, Prisma.sql`
    WITH r AS (
      SELECT ${group}, ${stored('day_start')} AS shared_stored, ${day.step} AS step, ${day.month} AS month_start, min(first_hour_start) AS first_t, max(last_hour_start) AS last_t,
             sum(running_seconds) AS rs, sum(cpu_core_hours) AS ch, sum(ram_byte_hours) AS rh, sum(gpu_hours) AS gh, ${daily},
             sum(cpu_cost_usd::float8) AS cc, sum(ram_cost_usd::float8) AS rc, sum(gpu_cost_usd::float8) AS gc,
             sum(pv_byte_hours) AS pb, sum(pv_cost_usd::float8) AS pc,
             sum(cpu_idle_share_usd::float8) AS ci, sum(ram_idle_share_usd::float8) AS ri, sum(gpu_idle_share_usd::float8) AS gi
        FROM ${Prisma.raw(workloadLevel ? '"workload_day"' : '"container_day"')} WHERE ${days} GROUP BY ${group}, shared_stored, step, month_start
      UNION ALL
      SELECT ${group}, ${stored('hour_start')} AS shared_stored, ${hour.step} AS step, ${hour.month} AS month_start, min(hour_start), max(hour_start), sum(running_seconds), sum(cpu_core_hours),
             sum(ram_byte_hours), sum(gpu_hours), sum(coalesce(cpu_request_avg_millicores * running_seconds / 1000, 0)),
             sum(coalesce(cpu_usage_avg_millicores * running_seconds / 1000, 0)), sum(coalesce(memory_request_avg_bytes * running_seconds, 0)),
             sum(coalesce(memory_usage_avg_bytes * running_seconds, 0)), sum(cpu_cost_usd::float8), sum(ram_cost_usd::float8), sum(gpu_cost_usd::float8),
             sum(pv_byte_hours), sum(pv_cost_usd::float8),
             sum(cpu_idle_share_usd::float8), sum(ram_idle_share_usd::float8), sum(gpu_idle_share_usd::float8)
        FROM "container_hour" WHERE ${hours} GROUP BY ${group}, shared_stored, step, month_start
    )
    SELECT r.step, r.month_start AS "monthStart", c.name AS cluster, ${select}, ${labels} AS labels, r.shared_stored AS "sharedStored",
           (extract(epoch from min(r.first_t)) * 1000)::float8 AS "firstHourMs", (extract(epoch from max(r.last_t)) * 1000)::float8 AS "lastHourMs",
           sum(rs)::float8 AS "runningSeconds", sum(ch)::float8 AS "cpuCoreHours", sum(rh)::float8 AS "ramByteHours", sum(gh)::float8 AS "gpuHours",
           sum(cq)::float8 AS "cpuRequestCoreSeconds", sum(cu)::float8 AS "cpuUsageCoreSeconds", sum(rq)::float8 AS "ramRequestByteSeconds",
           sum(ru)::float8 AS "ramUsageByteSeconds", sum(cc) AS "cpuCost", sum(rc) AS "ramCost", sum(gc) AS "gpuCost",
           sum(pb)::float8 AS "pvByteHours", sum(pc) AS "pvCost",
           sum(ci) AS "cpuIdleShare", sum(ri) AS "ramIdleShare", sum(gi) AS "gpuIdleShare"
      FROM r JOIN "cluster" c ON c.id = r.cluster_id
      ${q.labelKeys.length ? Prisma.sql`LEFT JOIN "pod" p ON p.cluster_id = r.cluster_id AND p.uid = r.pod_uid` : Prisma.empty}
     GROUP BY ${outerGroup}`);
}

/** Node idle per resource over the window, per step, cluster and (when asked) node: node_day for whole days, node_hour at the edges. */
export async function getIdleRows(db: Database, q: AllocationRowsQuery): Promise<IdleRow[]> {
  const { days, hours } = await sources(db, q);
  const node = q.dimensions.has('node');
  const group = Prisma.raw(node ? 'cluster_id, node_name' : 'cluster_id');
  const day = buckets(q, 'day_start');
  const hour = buckets(q, 'hour_start');
  return rawQuery<IdleRow>(db, Prisma.sql`
    WITH r AS (
      SELECT ${group}, ${day.step} AS step, ${day.month} AS month_start, min(day_start) AS first_t, max(day_start + interval '23 hours') AS last_t,
             sum(cpu_idle_usd::float8) AS cc, sum(ram_idle_usd::float8) AS rc, sum(gpu_idle_usd::float8) AS gc,
             sum(cpu_idle_unshared_usd::float8) AS cu, sum(ram_idle_unshared_usd::float8) AS ru, sum(gpu_idle_unshared_usd::float8) AS gu
        FROM "node_day" WHERE ${days} GROUP BY ${group}, step, month_start
      UNION ALL
      SELECT ${group}, ${hour.step} AS step, ${hour.month} AS month_start, min(hour_start), max(hour_start), sum(cpu_idle_usd::float8), sum(ram_idle_usd::float8), sum(gpu_idle_usd::float8),
             sum(cpu_idle_unshared_usd::float8), sum(ram_idle_unshared_usd::float8), sum(gpu_idle_unshared_usd::float8)
        FROM "node_hour" WHERE ${hours} GROUP BY ${group}, step, month_start
    )
    SELECT r.step, r.month_start AS "monthStart", c.name AS cluster, ${node ? Prisma.sql`r.node_name` : Prisma.sql`NULL::text`} AS node,
           (extract(epoch from min(r.first_t)) * 1000)::float8 AS "firstHourMs", (extract(epoch from max(r.last_t)) * 1000)::float8 AS "lastHourMs",
           sum(cc) AS "cpuCost", sum(rc) AS "ramCost", sum(gc) AS "gpuCost",
           sum(cu) AS "cpuUnshared", sum(ru) AS "ramUnshared", sum(gu) AS "gpuUnshared"
      FROM r JOIN "cluster" c ON c.id = r.cluster_id
     GROUP BY r.step, r.month_start, c.name${node ? Prisma.sql`, r.node_name` : Prisma.empty}`);
}

/** Large reads go straight to the driver: thousands of rows skip Prisma's per-value conversion. */
function rawQuery<Row extends object>(db: Database, query: Prisma.Sql): Promise<Row[]> {
  return db.session((s) => s.query<Row>(query.text, query.values));
}
