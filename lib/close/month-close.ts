import { createHash } from 'node:crypto';
import { computeAllocation, type AllocationStep } from '../allocation/compute';
import { allocationDefaults } from '../allocation/defaults';
import { parseAllocationParams, type AllocationParams } from '../allocation/params';
import type { FocusInput } from '../cost/focus';
import type { Database } from '../db/client';
import { monthAllocations } from '../export/month-export';
import { liveMonthlyReport, monthRate, type MonthlyReportOut } from '../http/monthly-report';
import { getClusters } from '../queries/get-clusters';
import { getCostDataVersion } from '../queries/get-cost-data-version';
import { monthBounds } from '../queries/get-monthly-report';
import { currentConfig } from '../settings/current';
import { AppError } from '../util/errors';

export type ClosedBy = 'cli' | 'dashboard';
type Idle = 'separate' | 'share';
const IDLES: Idle[] = ['separate', 'share'];
const ALL = '*';
/** The allocation views a close freezes: per team, namespace and workload, each with idle none, separate and shared. */
export const CLOSED_AGGREGATES = ['team', 'namespace', 'namespace,controllerKind,controller', 'controller'] as const;
const ALLOCATION_IDLES = { none: {}, separate: { includeIdle: 'true' }, share: { shareIdle: 'true' } } as const;
const ROWS_PER_INSERT = 500;

/** A closed month: when and from where, its frozen total, and what a recompute with today's data and config gives. */
export interface MonthCloseInfo {
  month: string;
  closedAt: string;
  closedBy: ClosedBy;
  totalCostUsd: number;
  /** null until the rollup job recomputed the month after the close. */
  recompute: { totalCostUsd: number; differenceUsd: number; checkedAt: string } | null;
}

interface CloseRow {
  month: string; closed_at: Date; closed_by: string; total_cost_usd: number; recomputed_total_usd: number | null; recomputed_at: Date | null; ready: boolean;
}

const infoOf = (r: CloseRow): MonthCloseInfo => ({
  month: r.month, closedAt: new Date(r.closed_at).toISOString(), closedBy: r.closed_by === 'dashboard' ? 'dashboard' : 'cli', totalCostUsd: r.total_cost_usd,
  recompute: r.recomputed_total_usd === null || r.recomputed_at === null ? null : {
    totalCostUsd: r.recomputed_total_usd, differenceUsd: r.recomputed_total_usd - r.total_cost_usd, checkedAt: new Date(r.recomputed_at).toISOString(),
  },
});

/** The month's close when it is closed (its snapshot complete), else null. */
export async function getMonthClose(db: Database, month: string): Promise<MonthCloseInfo | null> {
  const rows = await db.session((s) => s.query<CloseRow>(`SELECT * FROM month_close WHERE month = $1 AND ready`, [month]));
  return rows[0] ? infoOf(rows[0]) : null;
}

/** Every closed month, newest first. */
export async function listMonthCloses(db: Database): Promise<MonthCloseInfo[]> {
  const rows = await db.session((s) => s.query<CloseRow>(`SELECT * FROM month_close WHERE ready ORDER BY month DESC`));
  return rows.map(infoOf);
}

const reportKey = (cluster: string | undefined, idle: Idle) => `${cluster ?? ALL}|${idle}`;

/**
 * Closes `month` (it must be over): computes, with the data and config of now, the report for
 * every cluster and all of them with idle separate and shared, the allocation views of
 * CLOSED_AGGREGATES, and the export's daily rows, and stores them; from then on they are served
 * from here. A second close, or a close racing another replica, is refused (CONFLICT).
 */
export async function closeMonth(db: Database, { month, by, now }: { month: string; by: ClosedBy; now: Date }): Promise<MonthCloseInfo> {
  const { startMs, endMs } = monthBounds(month);
  if (now.getTime() < endMs) throw new AppError('CONFLICT', `${month} is not over yet: a month can be closed from ${new Date(endMs).toISOString().slice(0, 10)}`);
  const existing = await db.session((s) => s.query<CloseRow>(`SELECT * FROM month_close WHERE month = $1`, [month]));
  if (existing[0]) {
    throw new AppError('CONFLICT', existing[0].ready
      ? `${month} was closed at ${new Date(existing[0].closed_at).toISOString()} (${existing[0].closed_by}); re-open it first to close it again`
      : `a close of ${month} started at ${new Date(existing[0].closed_at).toISOString()} and did not finish; re-open it to start again`);
  }
  const clusters = await getClusters(db);
  const reports: [string, MonthlyReportOut][] = [];
  for (const cluster of [undefined, ...clusters]) {
    for (const idle of IDLES) reports.push([reportKey(cluster, idle), await liveMonthlyReport({ month, cluster, idle }, now, db)]);
  }
  const allocations: [string, AllocationStep[]][] = [];
  for (const aggregate of CLOSED_AGGREGATES) {
    for (const [idle, extra] of Object.entries(ALLOCATION_IDLES)) {
      const search = new URLSearchParams({ window: `${new Date(startMs).toISOString()},${new Date(endMs).toISOString()}`, aggregate, ...extra });
      allocations.push([`${aggregate}|${idle}`, await computeAllocation(db, parseAllocationParams(search, now.getTime(), allocationDefaults(now)))]);
    }
  }
  const totalCostUsd = reports[0]![1].totals.totalCostUsd;
  const claimed = await db.session((s) => s.run(
    `INSERT INTO month_close (month, closed_at, closed_by, total_cost_usd) VALUES ($1, $2, $3, $4) ON CONFLICT (month) DO NOTHING`, [month, now, by, totalCostUsd],
  ));
  if (claimed === 0) throw new AppError('CONFLICT', `${month} is being closed by another process`);
  try {
    await db.session(async (s) => {
      for (const [key, body] of reports) await s.run(`INSERT INTO month_close_snapshot (month, kind, key, body) VALUES ($1, 'report', $2, $3)`, [month, key, JSON.stringify(body)]);
      for (const [key, body] of allocations) await s.run(`INSERT INTO month_close_snapshot (month, kind, key, body) VALUES ($1, 'allocation', $2, $3)`, [month, key, JSON.stringify(body)]);
    });
    const config = currentConfig();
    // Per cluster as well as for all: a cluster's export is computed with its filter (its own idle line), as when open.
    for (const cluster of [undefined, ...clusters]) {
      for (const idle of IDLES) {
        const rows = monthAllocations(db, { month, cluster, nowMs: now.getTime(), idle, defaults: allocationDefaults(now), granularity: 'daily', discountPercent: config.pricing.discountPercent, rate: monthRate(config, month) });
        await insertRows(db, month, cluster ?? ALL, idle, rows);
      }
    }
    await db.session((s) => s.run(`UPDATE month_close SET ready = true WHERE month = $1`, [month]));
  } catch (error) {
    await reopenMonth(db, month);
    throw error;
  }
  return (await getMonthClose(db, month))!;
}

async function insertRows(db: Database, month: string, scope: string, idle: Idle, rows: AsyncIterable<FocusInput>): Promise<void> {
  let batch: FocusInput[] = [];
  let seq = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const from = seq;
    const items = batch;
    batch = [];
    seq += items.length;
    await db.session((s) => s.run(
      `INSERT INTO month_close_row (month, idle, seq, cluster, body)
       SELECT $1, $2, $3 + o - 1, $4, b FROM unnest($5::text[]) WITH ORDINALITY AS t(b, o)`,
      [month, idle, from, scope, items.map((r) => JSON.stringify(r))],
    ));
  };
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= ROWS_PER_INSERT) await flush();
  }
  await flush();
}

/** Re-opens `month`: its snapshot is deleted and its figures are computed from the data again. Resolves to whether it was closed. */
export async function reopenMonth(db: Database, month: string): Promise<boolean> {
  return (await db.session((s) => s.run(`DELETE FROM month_close WHERE month = $1`, [month]))) > 0;
}

/** The closed month's report as it was closed, with when and from where, or null when the month is open. */
export async function closedReport(db: Database, params: { month: string; cluster: string | undefined; idle: Idle }): Promise<(MonthlyReportOut & { close: MonthCloseInfo }) | null> {
  const rows = await db.session((s) => s.query<CloseRow & { body: string | null }>(
    `SELECT c.*, n.body FROM month_close c LEFT JOIN month_close_snapshot n ON n.month = c.month AND n.kind = 'report' AND n.key = $2 WHERE c.month = $1 AND c.ready`,
    [params.month, reportKey(params.cluster, params.idle)],
  ));
  const row = rows[0];
  if (!row) return null;
  if (row.body === null) throw new AppError('NOT_FOUND', `${params.month} is closed and had no data for cluster ${JSON.stringify(params.cluster)} when it was closed`);
  return { ...(JSON.parse(row.body) as MonthlyReportOut), closed: true, close: infoOf(row) };
}

/**
 * The frozen allocation steps for an allocation request over exactly a closed month, one of
 * CLOSED_AGGREGATES, with no filter, step or sharing of its own; null otherwise (computed live).
 */
export async function closedAllocation(db: Database, params: AllocationParams, search: URLSearchParams): Promise<AllocationStep[] | null> {
  const plain = [...search.keys()].every((k) => ['window', 'aggregate', 'includeIdle', 'shareIdle', 'format', 'accumulate'].includes(k));
  if (!plain || params.stepMs !== undefined) return null;
  const month = new Date(params.window.startMs).toISOString().slice(0, 7);
  const bounds = monthBounds(month);
  if (bounds.startMs !== params.window.startMs || bounds.endMs !== params.window.endMs) return null;
  const key = `${params.aggregate.join(',')}|${params.idle}`;
  const rows = await db.session((s) => s.query<{ body: string }>(
    `SELECT n.body FROM month_close c JOIN month_close_snapshot n ON n.month = c.month AND n.kind = 'allocation' AND n.key = $2 WHERE c.month = $1 AND c.ready`, [month, key],
  ));
  return rows[0] ? (JSON.parse(rows[0].body) as AllocationStep[]) : null;
}

/** The closed month's export rows (daily) for all clusters or one, in order, a page at a time; null when the month is open. */
export async function closedExportRows(db: Database, params: { month: string; cluster: string | undefined; idle: Idle }): Promise<AsyncGenerator<FocusInput> | null> {
  if ((await getMonthClose(db, params.month)) === null) return null;
  return (async function* () {
    for (let from = 0; ; from += ROWS_PER_INSERT * 4) {
      const page = await db.session((s) => s.query<{ body: string }>(
        `SELECT body FROM month_close_row WHERE month = $1 AND cluster = $2 AND idle = $3 AND seq >= $4 AND seq < $5 ORDER BY seq`,
        [params.month, params.cluster ?? ALL, params.idle, from, from + ROWS_PER_INSERT * 4],
      ));
      if (page.length === 0) return;
      for (const r of page) yield JSON.parse(r.body) as FocusInput;
    }
  })();
}

/** A closed month is recomputed at most this often while only the data moves (every rollup bumps its version). */
const RECOMPUTE_EVERY_MS = 3_600_000;

/**
 * Recomputes each closed month's total with today's data and config, and records it beside the
 * frozen total (shown, never applied): when the config changed since its last check, or the data
 * did and the last check is an hour old. Resolves to the months recomputed.
 */
export async function refreshCloseRecomputes(db: Database, now: Date): Promise<number> {
  const closes = await db.session((s) => s.query<{ month: string; recomputed_version: string | null; recomputed_at: Date | null }>(
    `SELECT month, recomputed_version, recomputed_at FROM month_close WHERE ready ORDER BY month`,
  ));
  if (closes.length === 0) return 0;
  const configHash = createHash('sha256').update(JSON.stringify(currentConfig())).digest('hex').slice(0, 16);
  const version = `${await getCostDataVersion(db)}:${configHash}`;
  let checked = 0;
  for (const close of closes) {
    if (close.recomputed_version === version) continue;
    const sameConfig = close.recomputed_version?.endsWith(`:${configHash}`) ?? false;
    if (sameConfig && close.recomputed_at !== null && now.getTime() - new Date(close.recomputed_at).getTime() < RECOMPUTE_EVERY_MS) continue;
    const live = await liveMonthlyReport({ month: close.month, cluster: undefined, idle: 'separate' }, now, db);
    await db.session((s) => s.run(
      `UPDATE month_close SET recomputed_total_usd = $2, recomputed_at = $3, recomputed_version = $4 WHERE month = $1`, [close.month, live.totals.totalCostUsd, now, version],
    ));
    checked++;
  }
  return checked;
}
