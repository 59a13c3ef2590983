/**
 * Derives the delivery tables (issue 9) from the collected rollout history: `rollout` (one
 * classified row per workload revision, lib/delivery) and `pod_startup_day` (per UTC day,
 * namespace and team: pod startup and scheduling waits as log-bucket histograms).
 * Batched: a handful of queries whatever the number of workloads, multi-row upserts.
 */
import type { Database } from '../db/client';
import type { SqlSession } from '../db/session';
import { attributeTeam, type AttributionConfig } from '../cost/attribution';
import { countedAtMs, deriveWorkloadRollouts, toHistogram, type DeliverySettings, type RevisionFacts, type RevisionPodSignals, type Rollout } from '../delivery';
import { bulkWrite, type Column } from './unnest';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Cost per hour is compared over this long before a rollout's start and after its finish. */
export const COST_WINDOW_MS = 24 * HOUR_MS;

export interface DeriveRolloutsOptions {
  /** Rollouts touched since `from − failureWindow`, and pod_startup_day for the UTC days overlapping [from, to). */
  from: Date;
  to: Date;
  /** What "now" is for progressing rollouts and still-unschedulable pods. */
  now: Date;
  /** One cluster id, or every cluster when omitted. */
  cluster?: number;
  settings: DeliverySettings;
  attribution: AttributionConfig;
}

export interface DeriveRolloutsResult {
  /** rollout rows upserted. */
  rollouts: number;
  /** pod_startup_day rows written. */
  podStartupDays: number;
}

type Labels = Record<string, string>;

const ms = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;
const iso = (valueMs: number | null) => (valueMs === null ? null : new Date(valueMs).toISOString());

function jsonOf<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as T;
    } catch {
      return fallback;
    }
  }
  return value as T;
}

function labelsOf(value: unknown): Labels {
  const parsed = jsonOf<unknown>(value, {});
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  const out: Labels = {};
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
  return out;
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/**
 * Derives rollouts of every workload with a revision started, completed or seen since
 * `from − failureWindow` (all of such a workload's revisions, so kinds, rollbacks and recoveries
 * see the whole history) and rewrites pod_startup_day for the UTC days overlapping [from, to).
 * Idempotent: a second run writes the same rows. Returns the rows written (rollout rows that
 * changed, pod_startup_day rows rewritten).
 */
export async function deriveRollouts(db: Database, options: DeriveRolloutsOptions): Promise<DeriveRolloutsResult> {
  const rollouts = await deriveRolloutRows(db, options);
  const podStartupDays = await db.transaction((s) => derivePodStartupDays(s, options));
  return { rollouts, podStartupDays };
}

interface RevisionRow {
  cluster_id: number;
  workload_uid: string;
  revision: number;
  namespace: string;
  workload_kind: string;
  workload_name: string;
  template_hash: string | null;
  spec_hash: string | null;
  images: unknown;
  restarted_at: string | null;
  revision_history: number[] | null;
  started_ms: number | null;
  completed_ms: number | null;
  deadline_ms: number | null;
  template_annotations: unknown;
  history_lost: boolean;
  from_history: boolean;
  workload_annotations: unknown;
}

interface Workload {
  clusterId: number;
  uid: string;
  namespace: string;
  kind: string;
  name: string;
  annotations: Labels;
  revisions: RevisionFacts[];
}

interface RolloutRow {
  clusterId: number;
  workload: Workload;
  team: string;
  rollout: Rollout;
  costBeforeUsd: number | null;
  costAfterUsd: number | null;
}

const wkey = (clusterId: number, uid: string) => `${clusterId}\u0000${uid}`;
const rkey = (clusterId: number, uid: string, revision: number) => `${clusterId}\u0000${uid}\u0000${revision}`;
const ckey = (clusterId: number, namespace: string, kind: string, name: string) => `${clusterId}\u0000${namespace}\u0000${kind}\u0000${name}`;

async function readWorkloads(s: SqlSession, o: DeriveRolloutsOptions): Promise<Map<string, Workload>> {
  const since = new Date(o.from.getTime() - o.settings.failureWindowMs);
  const rows = await s.query<RevisionRow>(
    `WITH cand AS (
       SELECT DISTINCT cluster_id, workload_uid FROM "workload_revision"
        WHERE ($2::int IS NULL OR cluster_id = $2)
          AND (started_at >= $1 OR completed_at >= $1 OR last_seen_at >= $1))
     SELECT r.cluster_id, r.workload_uid, r.revision, r.namespace, r.workload_kind, r.workload_name, r.template_hash, r.spec_hash,
            r.images, r.restarted_at, r.revision_history, ${ms('r.started_at')} AS started_ms, ${ms('r.completed_at')} AS completed_ms,
            ${ms('r.deadline_exceeded_at')} AS deadline_ms, r.template_annotations, r.history_lost, r.from_history,
            w.annotations AS workload_annotations
       FROM "workload_revision" r
       JOIN cand c ON c.cluster_id = r.cluster_id AND c.workload_uid = r.workload_uid
       LEFT JOIN "workload" w ON w.cluster_id = r.cluster_id AND w.uid = r.workload_uid
      ORDER BY r.cluster_id, r.workload_uid, r.revision`,
    [since, o.cluster ?? null],
  );
  const workloads = new Map<string, Workload>();
  for (const r of rows) {
    const key = wkey(r.cluster_id, r.workload_uid);
    let w = workloads.get(key);
    if (w === undefined) {
      w = { clusterId: r.cluster_id, uid: r.workload_uid, namespace: r.namespace, kind: r.workload_kind, name: r.workload_name, annotations: labelsOf(r.workload_annotations), revisions: [] };
      workloads.set(key, w);
    }
    if (!r.history_lost) {
      // The newest real revision names the workload (kind and name are fixed; namespace too).
      w.namespace = r.namespace;
      w.kind = r.workload_kind;
      w.name = r.workload_name;
    }
    w.revisions.push({
      revision: r.revision,
      templateHash: r.template_hash,
      specHash: r.spec_hash,
      images: jsonOf<string[] | null>(r.images, null),
      restartedAt: r.restarted_at,
      revisionHistory: r.revision_history ?? [],
      startedAtMs: num(r.started_ms),
      completedAtMs: num(r.completed_ms),
      deadlineExceededAtMs: num(r.deadline_ms),
      templateAnnotations: labelsOf(r.template_annotations),
      historyLost: r.history_lost,
      fromHistory: r.from_history,
    });
  }
  return workloads;
}

interface PodSignalRow {
  cluster_id: number;
  workload_uid: string;
  revision: number;
  crash_ms: number | null;
  restarts3_ms: number | null;
  labels: unknown;
}

/** Per revision: its pods' earliest crash signals and one pod's labels (the oldest pod). */
async function readRevisionPods(s: SqlSession, workloads: Workload[]): Promise<Map<string, { signals: RevisionPodSignals; labels: Labels }>> {
  const rows = await s.query<PodSignalRow>(
    `WITH cand AS (SELECT * FROM unnest($1::int[], $2::text[]) AS c(cluster_id, workload_uid))
     SELECT r.cluster_id, r.workload_uid, r.revision,
            ${ms('min(p.crash_loop_at)')} AS crash_ms, ${ms('min(p.restarts3_at)')} AS restarts3_ms,
            (array_agg(p.labels ORDER BY p.created_at NULLS LAST, p.uid))[1] AS labels
       FROM cand c
       JOIN "workload_revision" r ON r.cluster_id = c.cluster_id AND r.workload_uid = c.workload_uid AND r.template_hash IS NOT NULL
       JOIN "pod" p ON p.cluster_id = r.cluster_id AND p.namespace = r.namespace AND p.revision_hash = r.template_hash
      GROUP BY r.cluster_id, r.workload_uid, r.revision`,
    [workloads.map((w) => w.clusterId), workloads.map((w) => w.uid)],
  );
  const out = new Map<string, { signals: RevisionPodSignals; labels: Labels }>();
  for (const r of rows) {
    out.set(rkey(r.cluster_id, r.workload_uid, r.revision), {
      signals: { revision: r.revision, crashLoopAtMs: num(r.crash_ms), restarts3AtMs: num(r.restarts3_ms) },
      labels: labelsOf(r.labels),
    });
  }
  return out;
}

/** One pod's labels per workload (by controller kind and name), for revisions with no pod left. */
async function readWorkloadPodLabels(s: SqlSession, workloads: Workload[]): Promise<Map<string, Labels>> {
  const rows = await s.query<{ cluster_id: number; namespace: string; controller_kind: string; controller_name: string; labels: unknown }>(
    `SELECT DISTINCT ON (p.cluster_id, p.namespace, p.controller_kind, p.controller_name)
            p.cluster_id, p.namespace, p.controller_kind, p.controller_name, p.labels
       FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS w(cluster_id, namespace, kind, name)
       JOIN "pod" p ON p.cluster_id = w.cluster_id AND p.namespace = w.namespace AND p.controller_kind = w.kind AND p.controller_name = w.name
      ORDER BY p.cluster_id, p.namespace, p.controller_kind, p.controller_name, p.last_seen_at DESC, p.uid`,
    [workloads.map((w) => w.clusterId), workloads.map((w) => w.namespace), workloads.map((w) => w.kind), workloads.map((w) => w.name)],
  );
  return new Map(rows.map((r) => [ckey(r.cluster_id, r.namespace, r.controller_kind, r.controller_name), labelsOf(r.labels)]));
}

async function readNamespaceLabels(s: SqlSession, cluster: number | undefined): Promise<Map<string, Labels>> {
  const rows = await s.query<{ cluster_id: number; name: string; labels: unknown }>(
    `SELECT cluster_id, name, labels FROM "namespace" WHERE $1::int IS NULL OR cluster_id = $1`,
    [cluster ?? null],
  );
  return new Map(rows.map((r) => [`${r.cluster_id}\u0000${r.name}`, labelsOf(r.labels)]));
}

interface CostWindow {
  clusterId: number;
  namespace: string;
  kind: string;
  name: string;
  fromMs: number;
  toMs: number;
}

/**
 * USD per hour of each window's workload: Σ total_cost_usd of its container_hour rows whose hour
 * lies wholly in [fromMs, toMs), ÷ the number of such hours; null when it has none.
 */
async function readCostsPerHour(s: SqlSession, windows: CostWindow[]): Promise<(number | null)[]> {
  const out: (number | null)[] = windows.map(() => null);
  if (windows.length === 0) return out;
  const lo = Math.min(...windows.map((w) => w.fromMs));
  const hi = Math.max(...windows.map((w) => w.toMs));
  const rows = await s.query<{ i: number; cost_usd: number; hours: number }>(
    `WITH w AS (SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::int[])
                  AS w(cluster_id, namespace, kind, name, lo, hi, i))
     SELECT w.i, sum(c.total_cost_usd)::float8 AS cost_usd, count(DISTINCT c.hour_start)::int AS hours
       FROM w JOIN "container_hour" c
         ON c.cluster_id = w.cluster_id AND c.namespace = w.namespace AND c.controller_kind = w.kind AND c.controller_name = w.name
        AND c.hour_start >= w.lo AND c.hour_start + interval '1 hour' <= w.hi
      WHERE c.hour_start >= $8 AND c.hour_start < $9
      GROUP BY w.i`,
    [
      windows.map((w) => w.clusterId), windows.map((w) => w.namespace), windows.map((w) => w.kind), windows.map((w) => w.name),
      windows.map((w) => iso(w.fromMs)), windows.map((w) => iso(w.toMs)), windows.map((_, i) => i), iso(lo), iso(hi),
    ],
  );
  for (const r of rows) if (Number(r.hours) > 0) out[Number(r.i)] = Number(r.cost_usd) / Number(r.hours);
  return out;
}

async function deriveRolloutRows(db: Database, o: DeriveRolloutsOptions): Promise<number> {
  const workloads = [...(await db.session((s) => readWorkloads(s, o))).values()];
  if (workloads.length === 0) return 0;
  // Independent reads: on Postgres each takes its own pooled connection.
  const [pods, workloadLabels, namespaceLabels] = await Promise.all([
    db.session((s) => readRevisionPods(s, workloads)),
    db.session((s) => readWorkloadPodLabels(s, workloads)),
    db.session((s) => readNamespaceLabels(s, o.cluster)),
  ]);
  const rows: RolloutRow[] = [];
  for (const w of workloads) {
    const signals = w.revisions.flatMap((r) => {
      const p = pods.get(rkey(w.clusterId, w.uid, r.revision));
      return p === undefined ? [] : [p.signals];
    });
    const nsLabels = namespaceLabels.get(`${w.clusterId}\u0000${w.namespace}`) ?? {};
    const fallback = workloadLabels.get(ckey(w.clusterId, w.namespace, w.kind, w.name));
    for (const rollout of deriveWorkloadRollouts(w.revisions, signals, w.annotations, o.settings, o.now.getTime())) {
      const podLabels = pods.get(rkey(w.clusterId, w.uid, rollout.revision))?.labels ?? fallback ?? {};
      const team = attributeTeam(podLabels, w.namespace, nsLabels, o.attribution).team;
      rows.push({ clusterId: w.clusterId, workload: w, team, rollout, costBeforeUsd: null, costAfterUsd: null });
    }
  }
  // Costs only for rollouts near the window: older ones keep the costs derived when they were recent.
  const costFromMs = o.from.getTime() - o.settings.failureWindowMs - COST_WINDOW_MS;
  const windows: CostWindow[] = [];
  const slots: { row: RolloutRow; side: 'before' | 'after' }[] = [];
  for (const row of rows) {
    const { startedAtMs, finishedAtMs } = row.rollout;
    const at = { clusterId: row.clusterId, namespace: row.workload.namespace, kind: row.workload.kind, name: row.workload.name };
    if (startedAtMs !== null && startedAtMs >= costFromMs) {
      windows.push({ ...at, fromMs: startedAtMs - COST_WINDOW_MS, toMs: startedAtMs });
      slots.push({ row, side: 'before' });
    }
    if (finishedAtMs !== null && finishedAtMs >= costFromMs) {
      windows.push({ ...at, fromMs: finishedAtMs, toMs: finishedAtMs + COST_WINDOW_MS });
      slots.push({ row, side: 'after' });
    }
  }
  const costs = await db.session((s) => readCostsPerHour(s, windows));
  slots.forEach((slot, i) => {
    if (slot.side === 'before') slot.row.costBeforeUsd = costs[i] ?? null;
    else slot.row.costAfterUsd = costs[i] ?? null;
  });
  return db.session((s) => bulkWrite(
    s,
    { table: 'rollout', fixed: [{ name: 'derived_at', type: 'timestamptz', value: o.now }], columns: ROLLOUT_COLUMNS, onConflict: ROLLOUT_CONFLICT },
    rows,
  ));
}

const ROLLOUT_COLUMNS: Column<RolloutRow>[] = [
  { name: 'cluster_id', type: 'int4', value: (r) => r.clusterId },
  { name: 'workload_uid', type: 'text', value: (r) => r.workload.uid },
  { name: 'revision', type: 'int4', value: (r) => r.rollout.revision },
  { name: 'namespace', type: 'text', value: (r) => r.workload.namespace },
  { name: 'controller_kind', type: 'text', value: (r) => r.workload.kind.toLowerCase() },
  { name: 'controller_name', type: 'text', value: (r) => r.workload.name },
  { name: 'team', type: 'text', value: (r) => r.team },
  { name: 'kind', type: 'text', value: (r) => r.rollout.kind },
  { name: 'status', type: 'text', value: (r) => r.rollout.status },
  { name: 'started_at', type: 'timestamptz', value: (r) => iso(r.rollout.startedAtMs) },
  { name: 'finished_at', type: 'timestamptz', value: (r) => iso(r.rollout.finishedAtMs) },
  { name: 'failed_at', type: 'timestamptz', value: (r) => iso(r.rollout.failedAtMs) },
  { name: 'counted_at', type: 'timestamptz', value: (r) => iso(countedAtMs(r.rollout)) },
  { name: 'failure_reason', type: 'text', value: (r) => r.rollout.failureReason },
  { name: 'commit_sha', type: 'text', value: (r) => r.rollout.commit.sha },
  { name: 'commit_time', type: 'timestamptz', value: (r) => iso(r.rollout.commit.timeMs) },
  { name: 'commit_source', type: 'text', value: (r) => r.rollout.commit.source },
  { name: 'lead_time_seconds', type: 'float8', value: (r) => r.rollout.leadTimeSeconds },
  { name: 'recovered_at', type: 'timestamptz', value: (r) => iso(r.rollout.recoveredAtMs) },
  { name: 'recovery_seconds', type: 'float8', value: (r) => r.rollout.recoverySeconds },
  { name: 'rework', type: 'bool', value: (r) => r.rollout.rework },
  { name: 'history_lost', type: 'bool', value: (r) => r.rollout.historyLost },
  { name: 'superseded_at', type: 'timestamptz', value: (r) => iso(r.rollout.supersededAtMs) },
  { name: 'images', type: 'jsonb', value: (r) => JSON.stringify(r.rollout.images) },
  { name: 'cost_per_hour_before_usd', type: 'float8', value: (r) => r.costBeforeUsd },
  { name: 'cost_per_hour_after_usd', type: 'float8', value: (r) => r.costAfterUsd },
];

const COSTS = new Set(['cost_per_hour_before_usd', 'cost_per_hour_after_usd']);
const KEYS = new Set(['cluster_id', 'workload_uid', 'revision']);
const UPDATED = ROLLOUT_COLUMNS.map((c) => c.name).filter((n) => !KEYS.has(n));
const newValue = (n: string) => (COSTS.has(n) ? `COALESCE(EXCLUDED."${n}", "rollout"."${n}")` : `EXCLUDED."${n}"`);
// Every column is replaced; a row nothing changed in is left alone (derived_at = when it last
// changed), so the rollup job's re-derivations every few minutes leave no dead rows behind.
// Costs of rollouts too old to be re-costed (see deriveRolloutRows) keep their stored value.
const ROLLOUT_CONFLICT = `ON CONFLICT ("cluster_id", "workload_uid", "revision") DO UPDATE SET ${[...UPDATED.map((n) => `"${n}" = ${newValue(n)}`), '"derived_at" = EXCLUDED."derived_at"'].join(', ')}
  WHERE (${UPDATED.map((n) => `"rollout"."${n}"`).join(', ')}) IS DISTINCT FROM (${UPDATED.map(newValue).join(', ')})`;

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

async function derivePodStartupDays(s: SqlSession, o: DeriveRolloutsOptions): Promise<number> {
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
