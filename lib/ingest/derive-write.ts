/**
 * The rollout table's columns as the delivery derivation writes them, the upsert that leaves
 * unchanged rows alone, and the stored rows' "signature" (every derived column but team and
 * costs) that tells which rows a derivation would change.
 */
import type { SqlSession } from '../db/session';
import { countedAtMs, type Rollout } from '../delivery';
import type { WorkloadRef } from './derive-inputs';
import { iso, jsonOf, ms, num, rkey } from './derive-sql';
import type { RowTarget } from './derive-target';
import { bulkWrite, type Column } from './unnest';

/** A derived rollout row (a target the model's output comes with). */
export interface RolloutRow extends RowTarget {
  rollout: Rollout;
}

export const ROLLOUT_COLUMNS: Column<RolloutRow>[] = [
  { name: 'cluster_id', type: 'int4', value: (r) => r.clusterId },
  { name: 'workload_uid', type: 'text', value: (r) => r.uid },
  { name: 'revision', type: 'int4', value: (r) => r.rollout.revision },
  { name: 'namespace', type: 'text', value: (r) => r.namespace },
  { name: 'controller_kind', type: 'text', value: (r) => r.kind.toLowerCase() },
  { name: 'controller_name', type: 'text', value: (r) => r.name },
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

/** Upserts the rows; resolves to how many were inserted or changed. */
export function writeRollouts(s: SqlSession, rows: RolloutRow[], now: Date): Promise<number> {
  return bulkWrite(
    s,
    { table: 'rollout', fixed: [{ name: 'derived_at', type: 'timestamptz', value: now }], columns: ROLLOUT_COLUMNS, onConflict: ROLLOUT_CONFLICT },
    rows,
  );
}

/** The columns a derivation decides from revisions and crash signals alone (not team, not costs). */
const SIGNED = ROLLOUT_COLUMNS.filter((c) => !KEYS.has(c.name) && !COSTS.has(c.name) && c.name !== 'team');

/** A derived row's signed columns as one string, comparable with storedSignatures'. */
export function signature(row: RolloutRow): string {
  return JSON.stringify(SIGNED.map((c) => c.value(row)));
}

function storedValue(type: Column<RolloutRow>['type'], value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (type === 'timestamptz') return iso(num(value));
  if (type === 'jsonb') return JSON.stringify(jsonOf<unknown>(value, null));
  if (type === 'float8' || type === 'int4') return Number(value);
  return value as string | boolean;
}

/** The stored rollout rows of these workloads: rkey → signature (see `signature`). */
export async function storedSignatures(s: SqlSession, workloads: readonly WorkloadRef[]): Promise<Map<string, string>> {
  const select = SIGNED.map((c) => (c.type === 'timestamptz' ? `${ms(`r."${c.name}"`)} AS "${c.name}"` : `r."${c.name}"`));
  const rows = await s.query<Record<string, unknown>>(
    `SELECT r.cluster_id, r.workload_uid, r.revision, ${select.join(', ')}
       FROM unnest($1::int[], $2::text[]) AS c(cluster_id, workload_uid)
       JOIN "rollout" r ON r.cluster_id = c.cluster_id AND r.workload_uid = c.workload_uid`,
    [workloads.map((w) => w.clusterId), workloads.map((w) => w.uid)],
  );
  return new Map(rows.map((r) => [
    rkey(Number(r.cluster_id), String(r.workload_uid), Number(r.revision)),
    JSON.stringify(SIGNED.map((c) => storedValue(c.type, r[c.name]))),
  ]));
}
