import type { FilterClause } from '../allocation/filter';
import type { Database } from '../db/client';
import { LEAD_TIME_BUCKETS, LEAD_TIME_EDGES_SECONDS } from '../delivery/lead-time-buckets';
import { rolloutScopeSql } from './delivery-filter';

export interface LeadTimeDistributionQuery {
  from: Date;
  to: Date;
  cluster?: string;
  filter?: readonly FilterClause[];
}

/** One bar: how many succeeded deployments of the window had a lead time in [fromSeconds, toSeconds). */
export interface LeadTimeBar {
  label: string;
  fromSeconds: number;
  toSeconds: number | null;
  deployments: number;
}

/**
 * The lead times of the succeeded deployments counted in [from, to) (counted_at, kind
 * `deployment`, status `succeeded`, with a lead time: getDelivery's leadTimeSamples), counted per
 * LEAD_TIME_BUCKETS bucket in SQL (width_bucket over LEAD_TIME_EDGES_SECONDS = leadTimeBucketOf).
 * Every bucket, in order, zero when empty. One SQL read.
 */
export async function getLeadTimeDistribution(db: Database, q: LeadTimeDistributionQuery): Promise<LeadTimeBar[]> {
  const params: unknown[] = [q.from, q.to, LEAD_TIME_EDGES_SECONDS];
  const scope = rolloutScopeSql(q, params);
  const rows = await db.session((s) =>
    s.query<{ bucket: number; deployments: number }>(
      `SELECT width_bucket(r.lead_time_seconds, $3::float8[]) AS bucket, count(*)::int AS deployments
         FROM rollout r JOIN cluster c ON c.id = r.cluster_id
        WHERE r.counted_at >= $1 AND r.counted_at < $2 AND r.kind = 'deployment' AND r.status = 'succeeded'
          AND r.lead_time_seconds IS NOT NULL AND ${scope}
        GROUP BY 1`,
      params,
    ),
  );
  const counts = new Map(rows.map((r) => [Number(r.bucket), Number(r.deployments)]));
  return LEAD_TIME_BUCKETS.map((b, i) => ({ ...b, deployments: counts.get(i) ?? 0 }));
}
