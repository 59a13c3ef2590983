/**
 * The delivery derivation's reads (lib/ingest/derive-rollouts): candidate workloads and their
 * revisions, their pods' crash signals, the labels that attribute a rollout to a team, and the
 * rollout rows already stored. Each is one query whatever the number of workloads.
 */
import type { SqlSession } from '../db/session';
import type { RevisionFacts, RevisionPodSignals } from '../delivery';
import { jsonOf, labelsOf, ms, num, rkey, wkey, type Labels } from './derive-sql';

/** What the derivation needs of a revision besides its facts. */
export interface RevisionMeta {
  namespace: string;
  templateHash: string | null;
  /** Started, completed or seen since `since`: its rollout row is rewritten (team, costs) even when unchanged. */
  recent: boolean;
}

export interface Workload {
  clusterId: number;
  uid: string;
  namespace: string;
  kind: string;
  name: string;
  annotations: Labels;
  revisions: RevisionFacts[];
  meta: Map<number, RevisionMeta>;
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
  recent: boolean;
}

export interface WorkloadRef {
  clusterId: number;
  uid: string;
}

const refParams = (refs: readonly WorkloadRef[]) => [refs.map((w) => w.clusterId), refs.map((w) => w.uid)];

/**
 * Every revision of these workloads (kinds, rollbacks and recoveries see the whole history),
 * revision ascending, keyed by wkey; `since` marks the revisions active since then (meta.recent).
 */
export async function readWorkloads(s: SqlSession, refs: readonly WorkloadRef[], since: Date): Promise<Map<string, Workload>> {
  // No ORDER BY and no join to workload (read apart): both made Postgres sort on disk.
  const [rows, annotations] = await Promise.all([
    s.query<RevisionRow>(
      `SELECT r.cluster_id, r.workload_uid, r.revision, r.namespace, r.workload_kind, r.workload_name, r.template_hash, r.spec_hash,
              r.images, r.restarted_at, r.revision_history, ${ms('r.started_at')} AS started_ms, ${ms('r.completed_at')} AS completed_ms,
              ${ms('r.deadline_exceeded_at')} AS deadline_ms, r.template_annotations, r.history_lost, r.from_history,
              COALESCE(r.started_at >= $3 OR r.completed_at >= $3 OR r.last_seen_at >= $3, FALSE) AS recent
         FROM unnest($1::int[], $2::text[]) AS c(cluster_id, workload_uid)
         JOIN "workload_revision" r ON r.cluster_id = c.cluster_id AND r.workload_uid = c.workload_uid`,
      [...refParams(refs), since],
    ),
    s.query<{ cluster_id: number; uid: string; annotations: unknown }>(
      `SELECT w.cluster_id, w.uid, w.annotations FROM unnest($1::int[], $2::text[]) AS c(cluster_id, uid)
         JOIN "workload" w ON w.cluster_id = c.cluster_id AND w.uid = c.uid`,
      refParams(refs),
    ),
  ]);
  const annotationsBy = new Map(annotations.map((a) => [wkey(a.cluster_id, a.uid), a.annotations]));
  rows.sort((a, b) => a.revision - b.revision);
  const workloads = new Map<string, Workload>();
  for (const r of rows) {
    const key = wkey(r.cluster_id, r.workload_uid);
    let w = workloads.get(key);
    if (w === undefined) {
      w = {
        clusterId: r.cluster_id, uid: r.workload_uid, namespace: r.namespace, kind: r.workload_kind, name: r.workload_name,
        annotations: labelsOf(annotationsBy.get(key)), revisions: [], meta: new Map(),
      };
      workloads.set(key, w);
    }
    if (!r.history_lost) {
      // The newest real revision names the workload (kind and name are fixed; namespace too).
      w.namespace = r.namespace;
      w.kind = r.workload_kind;
      w.name = r.workload_name;
    }
    w.meta.set(r.revision, { namespace: r.namespace, templateHash: r.template_hash, recent: r.recent });
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

export interface CrashSignals {
  /** rkey → the revision's pods' earliest crash signals. */
  byRevision: Map<string, RevisionPodSignals>;
  /** wkey → all of a workload's signals as text (part of its inputs digest). */
  byWorkload: Map<string, string>;
}

/**
 * Per revision: its pods' earliest crash signals. Only pods with a signal are read (indexed; a
 * pod without one adds nothing to lib/delivery's failure test), for every revision of the
 * cluster(s): few pods crash.
 */
export async function readCrashSignals(s: SqlSession, cluster: number | undefined): Promise<CrashSignals> {
  const rows = await s.query<{ cluster_id: number; workload_uid: string; revision: number; crash_ms: number | null; restarts3_ms: number | null }>(
    `WITH p AS MATERIALIZED (
       SELECT cluster_id, namespace, revision_hash, crash_loop_at, restarts3_at FROM "pod"
        WHERE (crash_loop_at IS NOT NULL OR restarts3_at IS NOT NULL) AND revision_hash IS NOT NULL AND ($1::int IS NULL OR cluster_id = $1))
     SELECT r.cluster_id, r.workload_uid, r.revision, ${ms('min(p.crash_loop_at)')} AS crash_ms, ${ms('min(p.restarts3_at)')} AS restarts3_ms
       FROM p JOIN "workload_revision" r ON r.cluster_id = p.cluster_id AND r.namespace = p.namespace AND r.template_hash = p.revision_hash
      GROUP BY r.cluster_id, r.workload_uid, r.revision
      ORDER BY r.cluster_id, r.workload_uid, r.revision`,
    [cluster ?? null],
  );
  const out: CrashSignals = { byRevision: new Map(), byWorkload: new Map() };
  for (const r of rows) {
    const signals = { revision: r.revision, crashLoopAtMs: num(r.crash_ms), restarts3AtMs: num(r.restarts3_ms) };
    out.byRevision.set(rkey(r.cluster_id, r.workload_uid, r.revision), signals);
    const key = wkey(r.cluster_id, r.workload_uid);
    out.byWorkload.set(key, `${out.byWorkload.get(key) ?? ''}${JSON.stringify(signals)}`);
  }
  return out;
}

export interface RevisionRef {
  clusterId: number;
  namespace: string;
  templateHash: string | null;
}

/** Per ref (same order): the labels of the revision's oldest pod, or undefined when it has none. */
export async function readRevisionLabels(s: SqlSession, refs: readonly RevisionRef[]): Promise<(Labels | undefined)[]> {
  const out: (Labels | undefined)[] = refs.map(() => undefined);
  const withHash = refs.flatMap((r, i) => (r.templateHash === null ? [] : [{ ...r, templateHash: r.templateHash, i }]));
  if (withHash.length === 0) return out;
  const rows = await s.query<{ i: number; labels: unknown }>(
    `SELECT t.i, p.labels
       FROM unnest($1::int[], $2::text[], $3::text[], $4::int[]) AS t(cluster_id, namespace, hash, i)
       JOIN LATERAL (SELECT p.labels FROM "pod" p
                      WHERE p.cluster_id = t.cluster_id AND p.namespace = t.namespace AND p.revision_hash = t.hash
                      ORDER BY p.created_at NULLS LAST, p.uid LIMIT 1) p ON TRUE`,
    [withHash.map((r) => r.clusterId), withHash.map((r) => r.namespace), withHash.map((r) => r.templateHash), withHash.map((r) => r.i)],
  );
  for (const r of rows) out[Number(r.i)] = labelsOf(r.labels);
  return out;
}

export const ckey = (clusterId: number, namespace: string, kind: string, name: string) => `${clusterId}\u0000${namespace}\u0000${kind}\u0000${name}`;

export interface WorkloadName {
  clusterId: number;
  namespace: string;
  kind: string;
  name: string;
}

/** One pod's labels per workload (by controller kind and name, the last seen), for revisions with no pod left; keyed by ckey. */
export async function readWorkloadPodLabels(s: SqlSession, workloads: readonly WorkloadName[]): Promise<Map<string, Labels>> {
  if (workloads.length === 0) return new Map();
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

/** Namespace labels, keyed `cluster\0name`. */
export async function readNamespaceLabels(s: SqlSession, cluster: number | undefined): Promise<Map<string, Labels>> {
  const rows = await s.query<{ cluster_id: number; name: string; labels: unknown }>(
    `SELECT cluster_id, name, labels FROM "namespace" WHERE $1::int IS NULL OR cluster_id = $1`,
    [cluster ?? null],
  );
  return new Map(rows.map((r) => [`${r.cluster_id}\u0000${r.name}`, labelsOf(r.labels)]));
}
