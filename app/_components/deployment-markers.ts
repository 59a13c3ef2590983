import type { Database } from '@/lib/db/client';
import { costImpact } from '@/lib/delivery/cost';
import type { CostFilters } from '@/lib/queries/filters';
import { getDeploymentMarkers } from '@/lib/queries/get-deployment-markers';
import type { MarkerDay } from './charts/deployment-tooltip';

/**
 * The team's deployments in the chart's window grouped by the UTC day they count on, as plain
 * objects for the daily cost chart; within a day the largest cost impact first.
 */
export async function deploymentMarkerDays(db: Database, filters: CostFilters, team: string): Promise<MarkerDay[]> {
  const deployments = await getDeploymentMarkers(db, {
    from: filters.from, to: filters.to, cluster: filters.cluster, filter: [{ field: 'team', negated: false, values: [team] }],
  });
  const days = new Map<string, MarkerDay>();
  for (const d of deployments) {
    let day = days.get(d.day);
    if (!day) days.set(d.day, (day = { day: d.day, failed: 0, deployments: [] }));
    if (d.status === 'failed') day.failed++;
    day.deployments.push({
      workload: `${d.namespace}/${d.controllerName}`, revision: d.revision, status: d.status, failureReason: d.failureReason, images: d.images,
      costPerHourBeforeUsd: d.costPerHourBeforeUsd, costPerHourAfterUsd: d.costPerHourAfterUsd,
      costImpact: costImpact(d.costPerHourBeforeUsd, d.costPerHourAfterUsd),
    });
  }
  const size = (v: number | null) => (v === null ? -1 : Math.abs(v));
  for (const day of days.values()) day.deployments.sort((a, b) => size(b.costImpact) - size(a.costImpact));
  return [...days.values()];
}
