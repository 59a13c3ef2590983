/**
 * Writes one scrape's workloads and revisions, order-independently (a backfill replays newer
 * chunks before older ones): times LEAST, seen-range widened, counts from the newest scrape,
 * template facts COALESCEd; then history_lost placeholders for revision numbers between a
 * workload's lowest and highest stored revision that no row accounts for.
 */
import type { SqlSession } from '../db/session';
import type { Snapshot, WorkloadRecord } from '../k8s/types';
import { revisionRows, type RevisionRow } from './rollout-rows';
import { bulkWrite, type Column } from './unnest';

const json = (value: unknown) => JSON.stringify(value);

const WORKLOAD_COLUMNS: Column<WorkloadRecord>[] = [
  { name: 'uid', type: 'text', value: (w) => w.uid },
  { name: 'namespace', type: 'text', value: (w) => w.namespace },
  { name: 'kind', type: 'text', value: (w) => w.kind },
  { name: 'name', type: 'text', value: (w) => w.name },
  { name: 'created_at', type: 'timestamptz', value: (w) => w.createdAt },
  { name: 'generation', type: 'int8', value: (w) => w.generation },
  { name: 'observed_generation', type: 'int8', value: (w) => w.observedGeneration },
  { name: 'replicas', type: 'int4', value: (w) => w.replicas },
  { name: 'updated_replicas', type: 'int4', value: (w) => w.updatedReplicas },
  { name: 'ready_replicas', type: 'int4', value: (w) => w.readyReplicas },
  { name: 'available_replicas', type: 'int4', value: (w) => w.availableReplicas },
  { name: 'current_revision', type: 'text', value: (w) => w.currentRevision },
  { name: 'update_revision', type: 'text', value: (w) => w.updateRevision },
  { name: 'progress_deadline_seconds', type: 'int4', value: (w) => w.progressDeadlineSeconds },
  { name: 'conditions', type: 'jsonb', value: (w) => json(w.conditions) },
  { name: 'annotations', type: 'jsonb', value: (w) => json(w.annotations) },
];

const REVISION_COLUMNS: Column<RevisionRow>[] = [
  { name: 'workload_uid', type: 'text', value: (r) => r.workloadUid },
  { name: 'revision', type: 'int4', value: (r) => r.revision },
  { name: 'namespace', type: 'text', value: (r) => r.namespace },
  { name: 'workload_kind', type: 'text', value: (r) => r.workloadKind },
  { name: 'workload_name', type: 'text', value: (r) => r.workloadName },
  { name: 'source', type: 'text', value: (r) => r.source },
  { name: 'template_hash', type: 'text', value: (r) => r.templateHash },
  { name: 'spec_hash', type: 'text', value: (r) => r.specHash },
  { name: 'images', type: 'jsonb', value: (r) => json(r.images) },
  { name: 'template_annotations', type: 'jsonb', value: (r) => json(r.templateAnnotations) },
  { name: 'restarted_at', type: 'text', value: (r) => r.restartedAt },
  { name: 'revision_history', type: 'jsonb', value: (r) => json(r.revisionHistory) },
  { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt },
  { name: 'started_at', type: 'timestamptz', value: (r) => r.startedAt },
  { name: 'completed_at', type: 'timestamptz', value: (r) => r.completedAt },
  { name: 'deadline_exceeded_at', type: 'timestamptz', value: (r) => r.deadlineExceededAt },
  { name: 'replicas', type: 'int4', value: (r) => r.replicas },
  { name: 'ready_replicas', type: 'int4', value: (r) => r.readyReplicas },
  { name: 'available_replicas', type: 'int4', value: (r) => r.availableReplicas },
  { name: 'from_history', type: 'bool', value: (r) => r.fromHistory },
];

const REVISION_SELECT = { revision_history: 'ARRAY(SELECT jsonb_array_elements_text(u."revision_history")::int)' };

const T = '"workload_revision"';
const NEWER = `${T}.last_seen_at <= EXCLUDED.last_seen_at`;
const newerWins = (c: string) => `"${c}" = CASE WHEN ${NEWER} THEN COALESCE(EXCLUDED."${c}", ${T}."${c}") ELSE COALESCE(${T}."${c}", EXCLUDED."${c}") END`;
const REVISION_CONFLICT = `ON CONFLICT ON CONSTRAINT "workload_revision_pkey" DO UPDATE SET ${[
  'first_seen_at = LEAST(' + T + '.first_seen_at, EXCLUDED.first_seen_at)',
  'last_seen_at = GREATEST(' + T + '.last_seen_at, EXCLUDED.last_seen_at)',
  ...['namespace', 'workload_kind', 'workload_name'].map((c) => `"${c}" = EXCLUDED."${c}"`),
  // A real object's facts beat a revision-history copy's; among equals the newer scrape wins.
  ...['source', 'template_hash', 'spec_hash', 'images', 'template_annotations', 'restarted_at'].map(
    (c) => `"${c}" = CASE WHEN ${T}.from_history AND NOT EXCLUDED.from_history THEN EXCLUDED."${c}" WHEN EXCLUDED.from_history AND NOT ${T}.from_history THEN COALESCE(${T}."${c}", EXCLUDED."${c}") ELSE COALESCE(${T}."${c}", EXCLUDED."${c}") END`,
  ),
  `revision_history = CASE WHEN ${NEWER} AND cardinality(EXCLUDED.revision_history) > 0 THEN EXCLUDED.revision_history WHEN cardinality(${T}.revision_history) = 0 THEN EXCLUDED.revision_history ELSE ${T}.revision_history END`,
  ...['created_at', 'started_at', 'completed_at', 'deadline_exceeded_at'].map((c) => `"${c}" = LEAST(${T}."${c}", EXCLUDED."${c}")`),
  ...['replicas', 'ready_replicas', 'available_replicas'].map(newerWins),
  `history_lost = ${T}.history_lost AND EXCLUDED.history_lost`,
  `from_history = ${T}.from_history AND EXCLUDED.from_history`,
].join(', ')}`;

function workloadUpsert(): string {
  const t = '"workload"';
  const newer = `${t}.last_seen_at <= EXCLUDED.last_seen_at`;
  const sets = [
    `first_seen_at = LEAST(${t}.first_seen_at, EXCLUDED.first_seen_at)`,
    `last_seen_at = GREATEST(${t}.last_seen_at, EXCLUDED.last_seen_at)`,
    ...WORKLOAD_COLUMNS.filter((c) => c.name !== 'uid').map((c) => `"${c.name}" = CASE WHEN ${newer} THEN EXCLUDED."${c.name}" ELSE ${t}."${c.name}" END`),
  ];
  return `ON CONFLICT ON CONSTRAINT "workload_pkey" DO UPDATE SET ${sets.join(', ')}`;
}

/** Workloads, revisions and gap placeholders of one scrape; returns the rows written. */
export async function writeRollouts(s: SqlSession, clusterId: number, at: Date, snapshot: Pick<Snapshot, 'workloads' | 'revisions' | 'sampledAt'>): Promise<number> {
  const seenAt = [
    { name: 'cluster_id', type: 'int4' as const, value: clusterId },
    { name: 'first_seen_at', type: 'timestamptz' as const, value: at },
    { name: 'last_seen_at', type: 'timestamptz' as const, value: at },
  ];
  let rows = await bulkWrite(s, { table: 'workload', fixed: seenAt, columns: WORKLOAD_COLUMNS, onConflict: workloadUpsert() }, snapshot.workloads);
  const revisions = revisionRows(snapshot);
  rows += await bulkWrite(s, { table: 'workload_revision', fixed: seenAt, columns: REVISION_COLUMNS, select: REVISION_SELECT, onConflict: REVISION_CONFLICT }, revisions);
  const uids = [...new Set(revisions.map((r) => r.workloadUid))];
  if (uids.length > 0) rows += await fillGaps(s, clusterId, at, uids);
  return rows;
}

/** history_lost rows for the numbers missing between each workload's lowest and highest revision. */
async function fillGaps(s: SqlSession, clusterId: number, at: Date, uids: string[]): Promise<number> {
  return s.run(
    `INSERT INTO "workload_revision" (cluster_id, workload_uid, revision, namespace, workload_kind, workload_name, first_seen_at, last_seen_at, history_lost)
     SELECT r.cluster_id, r.workload_uid, n, r.namespace, r.workload_kind, r.workload_name, $2::timestamptz, $2::timestamptz, true
       FROM (SELECT cluster_id, workload_uid, MIN(revision) AS lo, MAX(revision) AS hi,
                    MAX(namespace) AS namespace, MAX(workload_kind) AS workload_kind, MAX(workload_name) AS workload_name
               FROM "workload_revision" WHERE cluster_id = $1 AND workload_uid = ANY($3::text[])
              GROUP BY cluster_id, workload_uid) r,
            generate_series(r.lo, r.hi) AS n
     ON CONFLICT ON CONSTRAINT "workload_revision_pkey" DO NOTHING`,
    [clusterId, at, uids],
  );
}
