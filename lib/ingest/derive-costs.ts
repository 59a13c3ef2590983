/**
 * A rollout's cost per hour before and after it (issue 9: cost impact of a deployment), from
 * the workload's container_hour rows over the 24 h before its start and after its finish.
 */
import type { SqlSession } from '../db/session';
import { iso } from './derive-sql';
import type { RowTarget } from './derive-target';

const HOUR_MS = 3_600_000;
/** Cost per hour is compared over this long before a rollout's start and after its finish. */
export const COST_WINDOW_MS = 24 * HOUR_MS;

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
  // One index range per window (container_hour_controller_hour_idx); a join over the whole hour range sorted on disk.
  const rows = await s.query<{ i: number; cost_usd: number; hours: number }>(
    `SELECT w.i, x.cost_usd, x.hours
       FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::int[]) AS w(cluster_id, namespace, kind, name, lo, hi, i)
      CROSS JOIN LATERAL (
        SELECT sum(c.total_cost_usd)::float8 AS cost_usd, count(DISTINCT c.hour_start)::int AS hours FROM "container_hour" c
         WHERE c.cluster_id = w.cluster_id AND c.namespace = w.namespace AND c.controller_kind = w.kind AND c.controller_name = w.name
           AND c.hour_start >= w.lo AND c.hour_start <= w.hi - interval '1 hour') x
      WHERE x.hours > 0`,
    [
      windows.map((w) => w.clusterId), windows.map((w) => w.namespace), windows.map((w) => w.kind), windows.map((w) => w.name),
      windows.map((w) => iso(w.fromMs)), windows.map((w) => iso(w.toMs)), windows.map((_, i) => i),
    ],
  );
  for (const r of rows) if (Number(r.hours) > 0) out[Number(r.i)] = Number(r.cost_usd) / Number(r.hours);
  return out;
}

/** Whether a rollout is recent enough (started or finished at or after costFromMs) to be (re)costed. */
export function costed(row: Pick<RowTarget, 'startedAtMs' | 'finishedAtMs'>, costFromMs: number): boolean {
  const { startedAtMs, finishedAtMs } = row;
  return (startedAtMs !== null && startedAtMs >= costFromMs) || (finishedAtMs !== null && finishedAtMs >= costFromMs);
}

/**
 * Sets costBeforeUsd (the 24 h before the start) of rows started at or after costFromMs and
 * costAfterUsd (the 24 h after the finish) of rows finished at or after it; others stay null
 * (the upsert then keeps the stored cost).
 */
export async function addCosts(s: SqlSession, rows: readonly RowTarget[], costFromMs: number): Promise<void> {
  const windows: CostWindow[] = [];
  const slots: { row: RowTarget; side: 'before' | 'after' }[] = [];
  for (const row of rows) {
    const { startedAtMs, finishedAtMs } = row;
    const at = { clusterId: row.clusterId, namespace: row.namespace, kind: row.kind, name: row.name };
    if (startedAtMs !== null && startedAtMs >= costFromMs) {
      windows.push({ ...at, fromMs: startedAtMs - COST_WINDOW_MS, toMs: startedAtMs });
      slots.push({ row, side: 'before' });
    }
    if (finishedAtMs !== null && finishedAtMs >= costFromMs) {
      windows.push({ ...at, fromMs: finishedAtMs, toMs: finishedAtMs + COST_WINDOW_MS });
      slots.push({ row, side: 'after' });
    }
  }
  const costs = await readCostsPerHour(s, windows);
  slots.forEach((slot, i) => {
    if (slot.side === 'before') slot.row.costBeforeUsd = costs[i] ?? null;
    else slot.row.costAfterUsd = costs[i] ?? null;
  });
}
