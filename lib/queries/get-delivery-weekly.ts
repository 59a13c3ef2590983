import type { FilterClause } from '../allocation/filter';
import type { Database } from '../db/client';
import { summarizeDeliveryAggregates } from '../delivery/summary';
import { isoWeeksOf } from '../delivery/weeks';
import { rolloutScopeSql } from './delivery-filter';

export interface DeliveryWeeklyQuery {
  from: Date;
  to: Date;
  cluster?: string;
  /** The delivery filter (e.g. one team); none = every rollout. */
  filter?: readonly FilterClause[];
}

/** One UTC ISO week of the window: getDelivery's figures over the part of the week inside the window. */
export interface DeliveryWeek {
  /** The Monday the week starts on (YYYY-MM-DD). */
  weekStart: string;
  /** [from, to): the week clipped to the window, ISO instants. */
  from: string;
  to: string;
  deployments: number;
  deploymentsPerDay: number;
  failedDeployments: number;
  changeFailureRate: number | null;
  reworkRate: number | null;
  leadTimeSecondsMedian: number | null;
  leadTimeSamples: number;
  recoverySecondsMedian: number | null;
}

interface Raw {
  weekMs: number;
  deployments: number;
  configChanges: number;
  restarts: number;
  rollbacks: number;
  failedDeployments: number;
  reworkDeployments: number;
  leadTimeSecondsMedian: number | null;
  leadTimeSamples: number;
  recoverySecondsMedian: number | null;
}

const DEPLOYMENT = `r.kind = 'deployment'`;
const SUCCEEDED_DEPLOYMENT = `${DEPLOYMENT} AND r.status = 'succeeded'`;
const FAILED_DEPLOYMENT = `${DEPLOYMENT} AND r.status = 'failed'`;
/** The UTC ISO week (Monday 00:00, a timestamp without zone read as UTC) a rollout counts in. */
const WEEK = `date_trunc('week', r.counted_at AT TIME ZONE 'UTC')`;

/**
 * Delivery per UTC ISO week (Monday 00:00, [start, end)) over [from, to), every week of the window
 * (empty ones with zero deployments and null ratios), oldest first. getDelivery's definitions: a
 * rollout counts in the week of its counted_at (failed, else finished), only kind `deployment`
 * counts, failed = status `failed`, lead time median over succeeded deployments (percentile_cont,
 * lib/delivery quantile); the ratios and per-day rate from summarizeDeliveryAggregates over the
 * week's part inside the window. One SQL read.
 */
export async function getDeliveryWeekly(db: Database, q: DeliveryWeeklyQuery): Promise<DeliveryWeek[]> {
  const params: unknown[] = [q.from, q.to];
  const scope = rolloutScopeSql(q, params);
  const rows = await db.session((s) =>
    s.query<Raw>(
      `SELECT (extract(epoch FROM ${WEEK}) * 1000)::float8 AS "weekMs",
              count(*) FILTER (WHERE ${DEPLOYMENT})::int AS deployments,
              count(*) FILTER (WHERE r.kind = 'config')::int AS "configChanges",
              count(*) FILTER (WHERE r.kind = 'restart')::int AS restarts,
              count(*) FILTER (WHERE r.kind = 'rollback')::int AS rollbacks,
              count(*) FILTER (WHERE ${FAILED_DEPLOYMENT})::int AS "failedDeployments",
              count(*) FILTER (WHERE ${DEPLOYMENT} AND r.rework)::int AS "reworkDeployments",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY r.lead_time_seconds) FILTER (WHERE ${SUCCEEDED_DEPLOYMENT}) AS "leadTimeSecondsMedian",
              count(r.lead_time_seconds) FILTER (WHERE ${SUCCEEDED_DEPLOYMENT})::int AS "leadTimeSamples",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY r.recovery_seconds) FILTER (WHERE ${FAILED_DEPLOYMENT}) AS "recoverySecondsMedian"
         FROM rollout r JOIN cluster c ON c.id = r.cluster_id
        WHERE r.counted_at >= $1 AND r.counted_at < $2 AND ${scope}
        GROUP BY ${WEEK}`, // grouped on the timestamp: the epoch (numeric arithmetic) only once per week
      params,
    ),
  );
  const byWeek = new Map(rows.map((r) => [Number(r.weekMs), r]));
  const num = (v: number | null | undefined) => (v === null || v === undefined ? null : Number(v));
  return isoWeeksOf(q.from.getTime(), q.to.getTime()).map((week) => {
    const r = byWeek.get(week.weekStartMs);
    const summary = summarizeDeliveryAggregates({
      startMs: week.startMs, endMs: week.endMs,
      deployments: r?.deployments ?? 0, configChanges: r?.configChanges ?? 0, restarts: r?.restarts ?? 0, rollbacks: r?.rollbacks ?? 0,
      failedDeployments: r?.failedDeployments ?? 0, reworkDeployments: r?.reworkDeployments ?? 0,
      leadTimeSecondsMedian: num(r?.leadTimeSecondsMedian), leadTimeSecondsP90: null, leadTimeSamples: r?.leadTimeSamples ?? 0,
      recoverySecondsMedian: num(r?.recoverySecondsMedian), rolloutSecondsMedian: null, rolloutSecondsP90: null, costUsd: null,
    });
    return {
      weekStart: new Date(week.weekStartMs).toISOString().slice(0, 10),
      from: new Date(week.startMs).toISOString(),
      to: new Date(week.endMs).toISOString(),
      deployments: summary.deployments,
      deploymentsPerDay: summary.deploymentsPerDay,
      failedDeployments: summary.failedDeployments,
      changeFailureRate: summary.changeFailureRate,
      reworkRate: summary.reworkRate,
      leadTimeSecondsMedian: summary.leadTimeSecondsMedian,
      leadTimeSamples: summary.leadTimeSamples,
      recoverySecondsMedian: summary.recoverySecondsMedian,
    };
  });
}
