import { computeAllocation } from '../allocation/compute';
import type { FilterClause } from '../allocation/filter';
import type { AllocationDefaults } from '../allocation/params';
import { IDLE, SHARED, UNALLOCATED, UNMOUNTED, totalCost, type Allocation } from '../cost/allocation-set';
import { UNASSIGNED_TEAM } from '../cost/attribution';
import type { Database } from '../db/client';
import { mergeHistograms } from '../delivery/histogram';
import { summarizeDelivery, type DeliverySummary, type SummaryRollout } from '../delivery/summary';
import { doraTiers, type DoraTiers } from '../delivery/tiers';
import type { DoraYear } from '../delivery/types';
import { filterSql, filtersController } from './delivery-filter';

export type DeliveryAggregate = 'team' | 'namespace' | 'controller' | 'cluster';

export interface DeliveryQuery {
  from: Date;
  to: Date;
  cluster?: string;
  aggregate: DeliveryAggregate;
  filter?: readonly FilterClause[];
  doraYear: DoraYear;
  /** Sharing, overhead and invoices for the cost, as the allocation API applies them (tally.yaml); none when unset. */
  costDefaults?: AllocationDefaults;
}

/** One group's delivery figures in the window (see summarizeDelivery), its DORA tiers and pod figures. */
export interface DeliveryRow extends DeliverySummary {
  name: string;
  unschedulablePods: number | null;
  unschedulableSeconds: number | null;
  tiers: DoraTiers;
}

/** The SQL expression naming a group, over rollout/pod_startup_day `r` joined to `cluster c`. */
const GROUP_SQL: Record<DeliveryAggregate, string> = {
  team: 'r.team',
  namespace: 'r.namespace',
  cluster: 'c.name',
  controller: `r.namespace || '/' || r.controller_kind || '/' || r.controller_name`,
};

/** The allocation API's aggregate for a delivery aggregate, and the group name of one of its allocations. */
const COST_AGGREGATE: Record<DeliveryAggregate, string[]> = {
  team: ['team'], namespace: ['namespace'], cluster: ['cluster'], controller: ['namespace', 'controllerKind', 'controller'],
};
function costGroupName(aggregate: DeliveryAggregate, a: Allocation): string | null {
  // Grouped allocations carry UNALLOCATED for a missing key: unassigned for teams, no group otherwise.
  const known = (v: string | undefined) => (v === undefined || v === UNALLOCATED ? null : v);
  const p = a.properties;
  if (aggregate === 'team') return known(p.team) ?? UNASSIGNED_TEAM;
  if (aggregate === 'namespace') return known(p.namespace);
  if (aggregate === 'cluster') return known(p.cluster);
  const [ns, kind, name] = [known(p.namespace), known(p.controllerKind), known(p.controller)];
  return ns && kind && name ? `${ns}/${kind.toLowerCase()}/${name}` : null;
}

interface RolloutRaw {
  name: string;
  kind: SummaryRollout['kind'];
  status: SummaryRollout['status'];
  startedMs: number | null;
  finishedMs: number | null;
  failedMs: number | null;
  leadTimeSeconds: number | null;
  recoverySeconds: number | null;
  rework: boolean;
}

interface PodRaw {
  name: string;
  startup: number[] | null;
  scheduling: number[] | null;
  unschedulablePods: number;
  unschedulableSeconds: number;
}

const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;

/**
 * Delivery metrics per group (team, namespace, controller `namespace/kind/name`, or cluster) in
 * [from, to): rollouts counted by counted_at in the window (summarizeDelivery), DORA tiers of
 * `doraYear`, pod startup and scheduling from the pod_startup_day rows whose day starts in the
 * window (null for the controller aggregate, and when filtering on controllerKind/controllerName:
 * those days are kept per namespace and team), and the cost the allocation API gives the group
 * over the same window (computeAllocation; null when it has none). Two SQL reads plus the cost
 * engine's. Groups: any with a rollout, pod day or cost in the window; sorted by name.
 */
export async function getDelivery(db: Database, q: DeliveryQuery): Promise<DeliveryRow[]> {
  const filter = q.filter ?? [];
  const params: unknown[] = [q.from, q.to];
  const where = filterSql(filter, params);
  let clusterCond = 'TRUE';
  if (q.cluster !== undefined) {
    params.push(q.cluster);
    clusterCond = `c.name = $${params.length}`;
  }
  const podFigures = q.aggregate !== 'controller' && !filtersController(filter);
  const group = GROUP_SQL[q.aggregate];

  const [rollouts, pods, costs] = await Promise.all([
    db.session((s) =>
      s.query<RolloutRaw>(
        `SELECT ${group} AS name, r.kind, r.status, ${ms('r.started_at')} AS "startedMs", ${ms('r.finished_at')} AS "finishedMs",
                ${ms('r.failed_at')} AS "failedMs", r.lead_time_seconds AS "leadTimeSeconds", r.recovery_seconds AS "recoverySeconds", r.rework
           FROM rollout r JOIN cluster c ON c.id = r.cluster_id
          WHERE r.counted_at >= $1 AND r.counted_at < $2 AND ${where} AND ${clusterCond}`,
        params,
      ),
    ),
    podFigures
      ? db.session((s) =>
          s.query<PodRaw>(
            `SELECT ${group} AS name, r.startup_buckets AS startup, r.scheduling_buckets AS scheduling,
                    r.unschedulable_pods AS "unschedulablePods", r.unschedulable_seconds::float8 AS "unschedulableSeconds"
               FROM pod_startup_day r JOIN cluster c ON c.id = r.cluster_id
              WHERE r.day_start >= $1 AND r.day_start < $2 AND ${where} AND ${clusterCond}`,
            params,
          ),
        )
      : Promise.resolve([] as PodRaw[]),
    groupCosts(db, q, filter),
  ]);

  const names = new Set<string>([...rollouts.map((r) => r.name), ...pods.map((p) => p.name), ...costs.keys()]);
  const rolloutsBy = groupBy(rollouts, (r) => r.name);
  const podsBy = groupBy(pods, (p) => p.name);
  return [...names].sort().map((name) => {
    const groupPods = podsBy.get(name) ?? [];
    const summary = summarizeDelivery({
      startMs: q.from.getTime(),
      endMs: q.to.getTime(),
      rollouts: (rolloutsBy.get(name) ?? []).map((r) => ({
        kind: r.kind, status: r.status, startedAtMs: r.startedMs, finishedAtMs: r.finishedMs, failedAtMs: r.failedMs,
        leadTimeSeconds: r.leadTimeSeconds, recoverySeconds: r.recoverySeconds, rework: r.rework,
      })),
      podStartupHistogram: mergeHistograms(groupPods.map((p) => p.startup ?? [])),
      schedulingWaitHistogram: mergeHistograms(groupPods.map((p) => p.scheduling ?? [])),
      costUsd: costs.get(name) ?? null,
    });
    const pod = podFigures && groupPods.length > 0;
    return {
      name,
      ...summary,
      unschedulablePods: pod ? groupPods.reduce((s, p) => s + Number(p.unschedulablePods), 0) : null,
      unschedulableSeconds: pod ? groupPods.reduce((s, p) => s + Number(p.unschedulableSeconds), 0) : null,
      tiers: doraTiers(summary, q.doraYear),
    };
  });
}

/** Cost per group from the allocation engine over the whole window (one step, no idle line: the allocation API's default). */
async function groupCosts(db: Database, q: DeliveryQuery, filter: readonly FilterClause[]): Promise<Map<string, number>> {
  const d = q.costDefaults;
  const steps = await computeAllocation(db, {
    window: { startMs: q.from.getTime(), endMs: q.to.getTime() },
    aggregate: COST_AGGREGATE[q.aggregate],
    idle: 'none', idleScope: 'node', filter, cluster: q.cluster,
    shareNamespaces: d?.shareNamespaces ?? [], shareLabels: d?.shareLabels ?? [], shareSplit: d?.shareSplit ?? 'weighted',
    overheadUsdPerMonth: d?.overheadUsdPerMonth ?? 0, invoices: d?.invoices ?? [], storedSharingBeforeMs: d?.storedSharingBeforeMs,
  });
  const costs = new Map<string, number>();
  for (const a of steps[0]?.allocations ?? []) {
    if (a.name === IDLE || a.name === SHARED || a.name === UNMOUNTED) continue; // no group of their own
    const name = costGroupName(q.aggregate, a);
    if (name !== null) costs.set(name, (costs.get(name) ?? 0) + totalCost(a));
  }
  return costs;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
