import type { FilterClause } from '../allocation/filter';
import type { Database } from '../db/client';
import { rolloutScopeSql } from './delivery-filter';

export interface DeploymentMarkersQuery {
  from: Date;
  to: Date;
  cluster?: string;
  filter?: readonly FilterClause[];
}

/** One deployment counted in the window (kind `deployment`), for a marker on a daily chart. */
export interface DeploymentMarker {
  /** The UTC day it counts on (YYYY-MM-DD): the day it finished, or failed. */
  day: string;
  countedAt: string;
  cluster: string;
  namespace: string;
  controllerKind: string;
  controllerName: string;
  revision: number;
  status: string;
  failureReason: string | null;
  images: string[];
  costPerHourBeforeUsd: number | null;
  costPerHourAfterUsd: number | null;
}

interface Raw extends Omit<DeploymentMarker, 'day' | 'countedAt' | 'images'> {
  countedMs: number;
  images: unknown;
}

/**
 * The deployments (kind `deployment`) counted in [from, to) — counted_at, as getDelivery counts
 * them: when they finished, or failed — oldest first, with what they shipped and the workload's
 * cost per hour before and after. One SQL read.
 */
export async function getDeploymentMarkers(db: Database, q: DeploymentMarkersQuery): Promise<DeploymentMarker[]> {
  const params: unknown[] = [q.from, q.to];
  const scope = rolloutScopeSql(q, params);
  const rows = await db.session((s) =>
    s.query<Raw>(
      `SELECT (extract(epoch FROM r.counted_at) * 1000)::float8 AS "countedMs", c.name AS cluster, r.namespace,
              r.controller_kind AS "controllerKind", r.controller_name AS "controllerName", r.revision, r.status,
              r.failure_reason AS "failureReason", r.images, r.cost_per_hour_before_usd AS "costPerHourBeforeUsd",
              r.cost_per_hour_after_usd AS "costPerHourAfterUsd"
         FROM rollout r JOIN cluster c ON c.id = r.cluster_id
        WHERE r.counted_at >= $1 AND r.counted_at < $2 AND r.kind = 'deployment' AND ${scope}
        ORDER BY r.counted_at, c.name, r.namespace, r.controller_name, r.revision`,
      params,
    ),
  );
  return rows.map((r) => {
    const countedAt = new Date(Number(r.countedMs)).toISOString();
    return {
      day: countedAt.slice(0, 10), countedAt, cluster: r.cluster, namespace: r.namespace, controllerKind: r.controllerKind,
      controllerName: r.controllerName, revision: Number(r.revision), status: r.status, failureReason: r.failureReason,
      images: toImages(r.images), costPerHourBeforeUsd: r.costPerHourBeforeUsd, costPerHourAfterUsd: r.costPerHourAfterUsd,
    };
  });
}

function toImages(value: unknown): string[] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
}
