import type { FilterClause } from '../allocation/filter';
import type { Database } from '../db/client';
import { rolloutScopeSql } from './delivery-filter';

export interface DeploymentsQuery {
  from: Date;
  to: Date;
  cluster?: string;
  filter?: readonly FilterClause[];
}

/** One classified rollout, times as ISO strings (null when absent). */
export interface DeploymentRow {
  cluster: string;
  namespace: string;
  controllerKind: string;
  controllerName: string;
  team: string;
  revision: number;
  kind: string;
  startedAt: string | null;
  finishedAt: string | null;
  status: string;
  failureReason: string | null;
  commitSha: string | null;
  commitTime: string | null;
  leadTimeSeconds: number | null;
  images: string[];
  costPerHourBeforeUsd: number | null;
  costPerHourAfterUsd: number | null;
}

interface Raw extends Omit<DeploymentRow, 'startedAt' | 'finishedAt' | 'commitTime' | 'images'> {
  startedMs: number | null;
  finishedMs: number | null;
  commitMs: number | null;
  images: unknown;
}

const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;
const iso = (value: number | null) => (value === null ? null : new Date(value).toISOString());

/**
 * Rollouts that started or counted (failed, else finished) in [from, to), newest start first
 * (never-started ones last), one SQL read.
 */
export async function getDeployments(db: Database, q: DeploymentsQuery): Promise<DeploymentRow[]> {
  const params: unknown[] = [q.from, q.to];
  const scope = rolloutScopeSql(q, params);
  const rows = await db.session((s) =>
    s.query<Raw>(
      `SELECT c.name AS cluster, r.namespace, r.controller_kind AS "controllerKind", r.controller_name AS "controllerName", r.team,
              r.revision, r.kind, ${ms('r.started_at')} AS "startedMs", ${ms('r.finished_at')} AS "finishedMs", r.status,
              r.failure_reason AS "failureReason", r.commit_sha AS "commitSha", ${ms('r.commit_time')} AS "commitMs",
              r.lead_time_seconds AS "leadTimeSeconds", r.images, r.cost_per_hour_before_usd AS "costPerHourBeforeUsd",
              r.cost_per_hour_after_usd AS "costPerHourAfterUsd"
         FROM rollout r JOIN cluster c ON c.id = r.cluster_id
        WHERE ((r.started_at >= $1 AND r.started_at < $2) OR (r.counted_at >= $1 AND r.counted_at < $2))
          AND ${scope}
        ORDER BY r.started_at DESC NULLS LAST, c.name, r.namespace, r.controller_name, r.revision DESC`,
      params,
    ),
  );
  return rows.map((r) => ({
    cluster: r.cluster, namespace: r.namespace, controllerKind: r.controllerKind, controllerName: r.controllerName, team: r.team,
    revision: Number(r.revision), kind: r.kind, startedAt: iso(r.startedMs), finishedAt: iso(r.finishedMs), status: r.status,
    failureReason: r.failureReason, commitSha: r.commitSha, commitTime: iso(r.commitMs), leadTimeSeconds: r.leadTimeSeconds,
    images: toImages(r.images), costPerHourBeforeUsd: r.costPerHourBeforeUsd, costPerHourAfterUsd: r.costPerHourAfterUsd,
  }));
}

function toImages(value: unknown): string[] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
}
