/**
 * What each workload's rollouts were last derived from (workload_derivation): a digest of its
 * revisions, its annotations, its pods' crash signals and the delivery settings — every input of
 * lib/delivery's deriveWorkloadRollouts. A workload whose digest is unchanged has the same
 * rollouts; only their team and costs (from pods, namespaces and container hours) are refreshed.
 */
import { createHash } from 'node:crypto';
import type { SqlSession } from '../db/session';
import type { DeliverySettings } from '../delivery';
import type { WorkloadRef } from './derive-inputs';
import { ms, num } from './derive-sql';
import type { RowTarget } from './derive-target';
import { bulkWrite } from './unnest';

/** The revision columns lib/delivery reads, as one record text per revision (NULL and '' differ). */
const REVISION_TEXT = `ROW(r.revision, r.namespace, r.workload_kind, r.workload_name, r.template_hash, r.spec_hash, r.images, r.restarted_at,
  r.revision_history, r.started_at, r.completed_at, r.deadline_exceeded_at, r.template_annotations, r.history_lost, r.from_history)::text`;

export interface Candidate extends WorkloadRef {
  /** md5 of its revisions' columns that lib/delivery reads. */
  revisions: string;
  /** Its workload's annotations (jsonb text), or null. */
  annotations: string | null;
  /** A revision completes after `now` (recovery depends on now then): derive it anyway. */
  future: boolean;
  /** The digest stored by its last derivation, or null. */
  stored: string | null;
}

/**
 * The workloads with a revision started, completed or seen since `since`, with what their
 * inputs digest is made of (see inputsDigest) and the digest stored by their last derivation.
 * One pass over workload_revision; run it in a transaction (SET LOCAL).
 */
export async function readCandidates(s: SqlSession, o: { since: Date; now: Date; cluster: number | undefined }): Promise<Candidate[]> {
  // The per-workload sort of every revision spills to disk at the default work_mem (4 MB).
  await s.run(`SET LOCAL work_mem = '64MB'`);
  const rows = await s.query<{ cluster_id: number; workload_uid: string; revisions: string; annotations: string | null; future: boolean; stored: string | null }>(
    `SELECT c.cluster_id, c.workload_uid, c.revisions,
            c.future OR c.rollouts <> (SELECT count(*) FROM "rollout" o WHERE o.cluster_id = c.cluster_id AND o.workload_uid = c.workload_uid) AS future,
            (SELECT w.annotations::text FROM "workload" w WHERE w.cluster_id = c.cluster_id AND w.uid = c.workload_uid) AS annotations,
            (SELECT d.inputs_digest FROM "workload_derivation" d WHERE d.cluster_id = c.cluster_id AND d.workload_uid = c.workload_uid) AS stored
       FROM (SELECT r.cluster_id, r.workload_uid, md5(string_agg(${REVISION_TEXT}, E'\n' ORDER BY r.revision)) AS revisions,
                    COALESCE(bool_or(r.completed_at > $3), FALSE) AS future, count(*) FILTER (WHERE NOT r.history_lost) AS rollouts
               FROM "workload_revision" r
              WHERE $2::int IS NULL OR r.cluster_id = $2
              GROUP BY r.cluster_id, r.workload_uid
             HAVING bool_or(r.started_at >= $1 OR r.completed_at >= $1 OR r.last_seen_at >= $1)) c`,
    [o.since, o.cluster ?? null, o.now],
  );
  return rows.map((r) => ({ clusterId: r.cluster_id, uid: r.workload_uid, revisions: r.revisions, annotations: r.annotations, future: r.future, stored: r.stored }));
}

/** The digest of a candidate's inputs with its crash signals (text) and the settings; null when it must be derived anyway. */
export function inputsDigest(c: Candidate, signals: string, settings: DeliverySettings): string | null {
  if (c.future) return null;
  const settingsText = JSON.stringify([settings.failureWindowMs, settings.crashWindowMs, settings.commitTimeKeys]);
  return createHash('sha256').update([c.revisions, c.annotations ?? '', signals, settingsText].join('\u0000')).digest('hex');
}

/** Stores the digests the workloads' rollouts were just derived from. */
export async function writeInputDigests(s: SqlSession, entries: { ref: WorkloadRef; digest: string }[], now: Date): Promise<void> {
  await bulkWrite(
    s,
    {
      table: 'workload_derivation',
      fixed: [{ name: 'derived_at', type: 'timestamptz', value: now }],
      columns: [
        { name: 'cluster_id', type: 'int4', value: (e) => e.ref.clusterId },
        { name: 'workload_uid', type: 'text', value: (e) => e.ref.uid },
        { name: 'inputs_digest', type: 'text', value: (e) => e.digest },
      ],
      onConflict: `ON CONFLICT ("cluster_id", "workload_uid") DO UPDATE SET "inputs_digest" = EXCLUDED."inputs_digest", "derived_at" = EXCLUDED."derived_at"`,
    },
    entries,
  );
}

/**
 * The stored rollout rows of these (unchanged) workloads whose team or costs may change: those
 * of revisions started, completed or seen since `since`, and those started or finished at or
 * after costFromMs — the rows a full derivation would rewrite.
 */
export async function readRefreshTargets(s: SqlSession, refs: readonly WorkloadRef[], since: Date, costFromMs: number): Promise<RowTarget[]> {
  const rows = await s.query<{
    cluster_id: number; workload_uid: string; revision: number; namespace: string; workload_kind: string; controller_name: string;
    revision_namespace: string; template_hash: string | null; started_ms: number | null; finished_ms: number | null;
  }>(
    `SELECT o.cluster_id, o.workload_uid, o.revision, o.namespace, r.workload_kind, o.controller_name, r.namespace AS revision_namespace,
            r.template_hash, ${ms('o.started_at')} AS started_ms, ${ms('o.finished_at')} AS finished_ms
       FROM unnest($1::int[], $2::text[]) AS c(cluster_id, workload_uid)
       JOIN "rollout" o ON o.cluster_id = c.cluster_id AND o.workload_uid = c.workload_uid
       JOIN "workload_revision" r ON r.cluster_id = o.cluster_id AND r.workload_uid = o.workload_uid AND r.revision = o.revision
      WHERE r.started_at >= $3 OR r.completed_at >= $3 OR r.last_seen_at >= $3 OR o.started_at >= $4 OR o.finished_at >= $4`,
    [refs.map((r) => r.clusterId), refs.map((r) => r.uid), since, new Date(costFromMs)],
  );
  return rows.map((r) => ({
    clusterId: r.cluster_id, uid: r.workload_uid, revision: r.revision, namespace: r.namespace, kind: r.workload_kind, name: r.controller_name,
    revisionNamespace: r.revision_namespace, templateHash: r.template_hash, startedAtMs: num(r.started_ms), finishedAtMs: num(r.finished_ms),
    team: '', costBeforeUsd: null, costAfterUsd: null,
  }));
}

/** Writes the targets' team and costs (a null cost keeps the stored one) where they changed; resolves to the rows changed. */
export async function updateTeamsAndCosts(s: SqlSession, targets: readonly RowTarget[], now: Date): Promise<number> {
  if (targets.length === 0) return 0;
  return s.run(
    `UPDATE "rollout" o
        SET team = u.team, cost_per_hour_before_usd = COALESCE(u.before, o.cost_per_hour_before_usd),
            cost_per_hour_after_usd = COALESCE(u.after, o.cost_per_hour_after_usd), derived_at = $7
       FROM unnest($1::int[], $2::text[], $3::int[], $4::text[], $5::float8[], $6::float8[]) AS u(cluster_id, workload_uid, revision, team, before, after)
      WHERE o.cluster_id = u.cluster_id AND o.workload_uid = u.workload_uid AND o.revision = u.revision
        AND (o.team, o.cost_per_hour_before_usd, o.cost_per_hour_after_usd)
            IS DISTINCT FROM (u.team, COALESCE(u.before, o.cost_per_hour_before_usd), COALESCE(u.after, o.cost_per_hour_after_usd))`,
    [
      targets.map((t) => t.clusterId), targets.map((t) => t.uid), targets.map((t) => t.revision), targets.map((t) => t.team),
      targets.map((t) => t.costBeforeUsd), targets.map((t) => t.costAfterUsd), now,
    ],
  );
}
