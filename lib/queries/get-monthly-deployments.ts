import { UNALLOCATED } from '../cost/allocation-set';
import { UNASSIGNED_TEAM } from '../cost/attribution';
import type { Database } from '../db/client';

/**
 * Deployments per team in [from, to) as the delivery page counts them (rollouts of kind
 * `deployment` by counted_at, get-delivery.ts), keyed as the allocation names teams (a rollout
 * without a team under `__unallocated__`). One SQL read.
 */
export async function getMonthlyDeployments(db: Database, q: { from: Date; to: Date; cluster?: string }): Promise<Map<string, number>> {
  const params: unknown[] = [q.from, q.to];
  let cluster = 'TRUE';
  if (q.cluster !== undefined) {
    params.push(q.cluster);
    cluster = `r.cluster_id IN (SELECT id FROM cluster WHERE name = $3)`;
  }
  const rows = await db.session((s) => s.query<{ team: string; deployments: number }>(
    `SELECT r.team, count(*)::int AS deployments FROM rollout r
      WHERE r.kind = 'deployment' AND r.counted_at >= $1 AND r.counted_at < $2 AND ${cluster}
      GROUP BY 1`,
    params,
  ));
  return new Map(rows.map((r) => [r.team === UNASSIGNED_TEAM ? UNALLOCATED : r.team, r.deployments]));
}
