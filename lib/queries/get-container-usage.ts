import type { FilterClause } from '../allocation/filter';
import { FilterError } from '../allocation/filter';
import type { ContainerResources, ContainerUsageHistory, PodUsage, UsagePeriod, WorkloadContainer } from '../capacity/types';
import { decodeHistogram, mergeHistograms, type UsageHistogram } from '../capacity/usage-histogram';
import { hourPeriod } from '../capacity/usage-periods';
import { UNMOUNTED } from '../cost';
import type { Database } from '../db/client';
import { splitWindow } from './filters';
import { getHpaTargets, hpaTargetKey } from './get-hpa-targets';

const HOUR_MS = 3_600_000;
const GIB = 1024 ** 3;

export interface ContainerUsageOptions {
  /** The lookback [startMs, endMs), UTC milliseconds; whole hours are read (a row counts when its hour starts inside). */
  startMs: number;
  endMs: number;
  /** Only these clusters (ids); all when unset. */
  clusterIds?: number[];
  /** OpenCost filter clauses (lib/allocation/filter) on cluster, namespace, controllerKind, controllerName, container, team. */
  filter?: FilterClause[];
  /** Also read the VPA's periods (whole days and edge hours); without it `periods` is empty. */
  withPeriods?: boolean;
}

interface PodRow {
  cluster: string;
  pod_uid: string;
  container: string;
  namespace: string;
  controller_kind: string;
  controller_name: string;
  team: string;
  /** The flat histogram as a Postgres array literal: split here, far faster than the driver's array parser. */
  histogram: string | null;
  samples: number;
  cpu_max: number | null;
  memory_max: number | null;
  first_ms: number;
  last_ms: number;
  running_seconds: number;
  cpu_cost_usd: number;
  cpu_core_hours: number;
  ram_cost_usd: number;
  ram_byte_hours: number;
}

/**
 * The usage history of every workload container with usage in [startMs, endMs), for the
 * right-sizing recommenders (lib/capacity): per pod its CPU histogram, peaks and samples, read
 * from container_day for the whole UTC days and container_hour for the edge hours (never raw
 * samples); with `withPeriods`, per UTC day (workload_container_day) and edge hour
 * (workload_container_hour) the pods' merged histogram and memory peaks, for the VPA;
 * the requests and limits of the latest pod seen; OOM kills and restarts of its pods.
 * Node prices are what its container-hours were charged per allocated core-hour and GiB-hour
 * (the node_hour price of the node each hour ran on, weighted by allocated hours).
 */
export async function getContainerUsage(db: Database, options: ContainerUsageOptions): Promise<ContainerUsageHistory[]> {
  const { startMs, endMs } = options;
  const { dayFrom, dayTo } = splitWindow(new Date(startMs), new Date(endMs));
  const clusters = options.clusterIds ?? null;
  const clauses = options.filter ?? [];
  for (const c of clauses) if (!(c.field in FIELD)) throw new FilterError(`recommendations cannot be filtered by ${c.field}`);
  const start = new Date(startMs);
  const end = new Date(endMs);
  const [pods, periods, latest, terminated] = await db.session(async (s) => [
    await s.query<PodRow>(
      `SELECT c.name AS cluster, r.pod_uid, r.container, r.namespace, r.controller_kind, r.controller_name, r.team, r.histogram::text AS histogram,
              r.samples, r.cpu_max, r.memory_max::float8 AS memory_max, (extract(epoch FROM r.first_at) * 1000)::float8 AS first_ms,
              (extract(epoch FROM r.last_at) * 1000)::float8 AS last_ms, r.running_seconds, r.cpu_cost_usd::float8 AS cpu_cost_usd,
              r.cpu_core_hours, r.ram_cost_usd::float8 AS ram_cost_usd, r.ram_byte_hours
         FROM (SELECT cluster_id, pod_uid, container, namespace, controller_kind, controller_name, team, cpu_usage_histogram AS histogram,
                      cpu_usage_samples AS samples, cpu_usage_max_millicores AS cpu_max, memory_usage_max_bytes AS memory_max,
                      first_hour_start AS first_at, last_hour_start AS last_at, running_seconds, cpu_cost_usd, cpu_core_hours, ram_cost_usd, ram_byte_hours
                 FROM "container_day" WHERE day_start >= $1 AND day_start < $2 AND ($5::int4[] IS NULL OR cluster_id = ANY($5))
               UNION ALL
               SELECT cluster_id, pod_uid, container, namespace, controller_kind, controller_name, team, cpu_usage_histogram, cpu_usage_samples,
                      cpu_usage_max_millicores, memory_usage_max_bytes, hour_start, hour_start, running_seconds, cpu_cost_usd, cpu_core_hours,
                      ram_cost_usd, ram_byte_hours
                 FROM "container_hour"
                WHERE ((hour_start >= $3 AND hour_start < $1) OR (hour_start >= $2 AND hour_start < $4)) AND ($5::int4[] IS NULL OR cluster_id = ANY($5))) r
         JOIN "cluster" c ON c.id = r.cluster_id
        WHERE r.container <> $6
        ORDER BY r.last_at`,
      [dayFrom, dayTo, start, end, clusters, UNMOUNTED],
    ),
    options.withPeriods
      ? await s.query<PeriodRow>(
        `SELECT c.name AS cluster, w.namespace, w.controller_kind, w.controller_name, w.container, (extract(epoch FROM w.start_at) * 1000)::float8 AS start_ms,
                w.histogram::text AS histogram, w.samples, (extract(epoch FROM w.first_at) * 1000)::float8 AS first_ms,
                (extract(epoch FROM w.last_at) * 1000)::float8 AS last_ms, w.peaks::text AS peaks, w.is_day
           FROM (SELECT cluster_id, day_start AS start_at, namespace, controller_kind, controller_name, container, cpu_decayed_histogram AS histogram,
                        cpu_usage_samples AS samples, first_sample_hour AS first_at, last_sample_hour AS last_at, memory_peaks_bytes AS peaks, true AS is_day
                   FROM "workload_container_day" WHERE day_start >= $1 AND day_start < $2 AND ($5::int4[] IS NULL OR cluster_id = ANY($5))
                 UNION ALL
                 SELECT cluster_id, hour_start, namespace, controller_kind, controller_name, container, cpu_usage_histogram::float8[], cpu_usage_samples,
                        hour_start, hour_start, memory_peaks_bytes, false
                   FROM "workload_container_hour"
                  WHERE ((hour_start >= $3 AND hour_start < $1) OR (hour_start >= $2 AND hour_start < $4)) AND ($5::int4[] IS NULL OR cluster_id = ANY($5))) w
           JOIN "cluster" c ON c.id = w.cluster_id`,
        [dayFrom, dayTo, start, end, clusters],
      )
      : [],
    // The latest pod seen of each workload, with its containers' requests and limits.
    await s.query<{ cluster: string; namespace: string; controller_kind: string; controller_name: string; container: string; containers: number } & ResourceRow>(
      `SELECT DISTINCT ON (p.cluster_id, p.namespace, p.controller_kind, p.controller_name, k.name)
              c.name AS cluster, p.namespace, p.controller_kind, p.controller_name, k.name AS container,
              k.cpu_request_millicores, k.cpu_limit_millicores, k.memory_request_bytes::float8 AS memory_request_bytes,
              k.memory_limit_bytes::float8 AS memory_limit_bytes,
              (SELECT count(*)::int FROM "container" o WHERE o.cluster_id = p.cluster_id AND o.pod_uid = p.uid AND NOT o.is_init) AS containers
         FROM "pod" p JOIN "container" k ON k.cluster_id = p.cluster_id AND k.pod_uid = p.uid AND NOT k.is_init
         JOIN "cluster" c ON c.id = p.cluster_id
        WHERE p.first_seen_at < $1 AND ($2::int4[] IS NULL OR p.cluster_id = ANY($2))
        ORDER BY p.cluster_id, p.namespace, p.controller_kind, p.controller_name, k.name, p.last_seen_at DESC`,
      [end, clusters],
    ),
    // Pods seen in the window: their restarts, and an OOM kill as their last termination.
    await s.query<{ cluster: string; pod_uid: string; restarts: number; oom_ms: number | null; container: string; memory_limit_bytes: number | null }>(
      `SELECT c.name AS cluster, p.uid AS pod_uid, p.restarts, k.name AS container, k.memory_limit_bytes::float8 AS memory_limit_bytes,
              CASE WHEN p.last_termination_reason = 'OOMKilled' THEN (extract(epoch FROM p.last_seen_at) * 1000)::float8 END AS oom_ms
         FROM "pod" p JOIN "container" k ON k.cluster_id = p.cluster_id AND k.pod_uid = p.uid AND NOT k.is_init
         JOIN "cluster" c ON c.id = p.cluster_id
        WHERE p.last_seen_at >= $1 AND p.first_seen_at < $2 AND ($3::int4[] IS NULL OR p.cluster_id = ANY($3))
          AND (p.restarts > 0 OR p.last_termination_reason = 'OOMKilled')`,
      [start, end, clusters],
    ),
  ] as const);

  const windowSeconds = Math.max(endMs - startMs, HOUR_MS) / 1000;
  const byContainer = new Map<string, Building>();
  for (const row of pods) {
    const key = keyOf(row.cluster, row.namespace, row.controller_kind, row.controller_name, row.container);
    const b = byContainer.get(key) ?? newBuilding(row);
    byContainer.set(key, b);
    b.team = row.team; // rows come oldest first: the latest team wins
    b.runningSeconds += row.running_seconds;
    b.cpuCostUsd += row.cpu_cost_usd;
    b.cpuCoreHours += row.cpu_core_hours;
    b.ramCostUsd += row.ram_cost_usd;
    b.ramGiBHours += row.ram_byte_hours / GIB;
    const pod = b.pods.get(row.pod_uid) ?? { parts: [], cpuMax: null, memoryMax: null, samples: 0, firstMs: row.first_ms, lastMs: row.last_ms };
    b.pods.set(row.pod_uid, pod);
    if (row.histogram && row.histogram.length > 2) pod.parts.push(decodeHistogram(numbersOf(row.histogram)));
    pod.samples += row.samples;
    pod.cpuMax = maxOf(pod.cpuMax, row.cpu_max);
    pod.memoryMax = maxOf(pod.memoryMax, row.memory_max);
    pod.firstMs = Math.min(pod.firstMs, row.first_ms);
    pod.lastMs = Math.max(pod.lastMs, row.last_ms);
  }
  for (const p of periods) {
    const b = byContainer.get(keyOf(p.cluster, p.namespace, p.controller_kind, p.controller_name, p.container));
    b?.periods.push(periodOf(p));
  }
  for (const l of latest) {
    const b = byContainer.get(keyOf(l.cluster, l.namespace, l.controller_kind, l.controller_name, l.container));
    if (!b) continue;
    b.current = resourcesOf(l);
    b.containersInPod = Math.max(1, l.containers);
  }
  const podOwner = new Map<string, Building>();
  for (const b of byContainer.values()) for (const uid of b.pods.keys()) podOwner.set(`${b.cluster}/${uid}/${b.container}`, b);
  const restartsCounted = new Set<string>();
  for (const t of terminated) {
    const b = podOwner.get(`${t.cluster}/${t.pod_uid}/${t.container}`);
    if (!b) continue;
    // Restarts and the last termination are the pod's (Kubernetes keeps them per container, Tally per pod).
    if (!restartsCounted.has(`${t.cluster}/${t.pod_uid}/${b.container}`)) b.restarts += t.restarts;
    restartsCounted.add(`${t.cluster}/${t.pod_uid}/${b.container}`);
    if (t.oom_ms !== null) b.oomKills.push({ atMs: t.oom_ms, memoryLimitBytes: t.memory_limit_bytes });
  }

  const hpas = await getHpaTargets(db, { clusterIds: options.clusterIds });
  const out: ContainerUsageHistory[] = [];
  for (const b of byContainer.values()) {
    if (!clauses.every((c) => matches(c, b))) continue;
    out.push({
      cluster: b.cluster, namespace: b.namespace, controllerKind: b.controllerKind, controllerName: b.controllerName, container: b.container,
      team: b.team, current: b.current, replicas: b.runningSeconds / windowSeconds, containersInPod: b.containersInPod,
      pods: [...b.pods.entries()].sort(([x], [y]) => x.localeCompare(y)).map(([podUid, p]): PodUsage => ({
        podUid, cpuHistogram: mergeHistograms(p.parts), cpuMaxMillicores: p.cpuMax, memoryPeakBytes: p.memoryMax, samples: p.samples,
        firstHourStartMs: p.firstMs, lastHourEndMs: p.lastMs + HOUR_MS,
      })),
      periods: b.periods.sort((x, y) => x.startMs - y.startMs), oomKills: b.oomKills.sort((x, y) => x.atMs - y.atMs), restarts: b.restarts,
      usdPerCoreHour: b.cpuCoreHours > 0 ? b.cpuCostUsd / b.cpuCoreHours : 0,
      usdPerGiBHour: b.ramGiBHours > 0 ? b.ramCostUsd / b.ramGiBHours : 0,
      hpa: hpas.get(hpaTargetKey(b.cluster, b.namespace, b.controllerKind, b.controllerName)) ?? { cpu: false, memory: false },
    });
  }
  return out.sort((x, y) => keyOf(x.cluster, x.namespace, x.controllerKind, x.controllerName, x.container).localeCompare(
    keyOf(y.cluster, y.namespace, y.controllerKind, y.controllerName, y.container)));
}

interface PeriodRow {
  cluster: string;
  namespace: string;
  controller_kind: string;
  controller_name: string;
  container: string;
  start_ms: number;
  histogram: string | null;
  samples: number;
  first_ms: number | null;
  last_ms: number | null;
  peaks: string | null;
  is_day: boolean;
}

/** A day row as stored (its peaks already descending); an hour through hourPeriod (its samples counted, its peaks sorted). */
function periodOf(row: PeriodRow): UsagePeriod {
  const histogram = decodeHistogram(numbersOf(row.histogram));
  const peaks = numbersOf(row.peaks);
  if (!row.is_day) return hourPeriod(row.start_ms, histogram, peaks);
  return {
    startMs: row.start_ms, cpuDecayedHistogram: histogram, cpuSamples: row.samples,
    firstSampleHourMs: row.first_ms, lastSampleHourMs: row.last_ms, memoryPeaksBytes: peaks,
  };
}

interface ResourceRow {
  cpu_request_millicores: number | null;
  cpu_limit_millicores: number | null;
  memory_request_bytes: number | null;
  memory_limit_bytes: number | null;
}

interface Building extends WorkloadContainer {
  current: ContainerResources;
  containersInPod: number;
  runningSeconds: number;
  cpuCostUsd: number;
  cpuCoreHours: number;
  ramCostUsd: number;
  ramGiBHours: number;
  pods: Map<string, { parts: UsageHistogram[]; cpuMax: number | null; memoryMax: number | null; samples: number; firstMs: number; lastMs: number }>;
  periods: UsagePeriod[];
  oomKills: Array<{ atMs: number; memoryLimitBytes: number | null }>;
  restarts: number;
}

const NO_RESOURCES: ContainerResources = { cpuRequestMillicores: null, cpuLimitMillicores: null, memoryRequestBytes: null, memoryLimitBytes: null };

function newBuilding(row: PodRow): Building {
  return {
    cluster: row.cluster, namespace: row.namespace, controllerKind: row.controller_kind, controllerName: row.controller_name, container: row.container,
    team: row.team, current: NO_RESOURCES, containersInPod: 1, runningSeconds: 0, cpuCostUsd: 0, cpuCoreHours: 0, ramCostUsd: 0, ramGiBHours: 0,
    pods: new Map(), periods: [], oomKills: [], restarts: 0,
  };
}

function resourcesOf(r: ResourceRow): ContainerResources {
  return {
    cpuRequestMillicores: r.cpu_request_millicores, cpuLimitMillicores: r.cpu_limit_millicores,
    memoryRequestBytes: r.memory_request_bytes, memoryLimitBytes: r.memory_limit_bytes,
  };
}

const FIELD = {
  cluster: (b: Building) => b.cluster,
  namespace: (b: Building) => b.namespace,
  controllerKind: (b: Building) => b.controllerKind,
  controllerName: (b: Building) => b.controllerName,
  container: (b: Building) => b.container,
  team: (b: Building) => b.team,
} as const;

function matches(clause: FilterClause, b: Building): boolean {
  const value = FIELD[clause.field as keyof typeof FIELD](b);
  return clause.values.includes(value) !== clause.negated;
}

/** The numbers of a one-dimensional Postgres array literal (`{1,2.5,3}`; null or `{}` → none). */
const numbersOf = (literal: string | null): number[] => (literal === null || literal.length <= 2 ? [] : literal.slice(1, -1).split(',').map(Number));
const keyOf = (...parts: string[]) => parts.join('\u0000');
const maxOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
