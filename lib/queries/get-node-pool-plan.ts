import type { FilterClause } from '../allocation/filter';
import { INSTANCE_SHAPES } from '../capacity/instance-shapes';
import { planNodePools, type ClusterPlan, type PoolRightSizing } from '../capacity/node-pool-plan';
import { PROFILES, type ProfileName } from '../capacity/pool-plan';
import { overrideKey, type RequestOverride } from '../capacity/pool-utilization';
import type { TallyConfig } from '../config';
import { priceNode } from '../cost/pricing';
import type { Database } from '../db/client';
import { priceBookOf } from '../settings/pricing';
import { AppError } from '../util/errors';
import { getContainerRecommendations } from './get-container-recommendations';
import { getPoolInventory } from './get-pool-inventory';

const HOUR_MS = 3_600_000;

export interface NodePoolPlanQuery {
  cluster: string | undefined;
  profile: ProfileName;
  requests: 'current' | 'recommended';
  /** Usage averages over the last windowDays. */
  windowDays: number;
  now: Date;
  config: TallyConfig;
}

/**
 * The node pools of the latest scrape and their plan, per pool and for the cluster (unrounded):
 * the inventory (usage over the window), nodes without a node_hour yet priced from the price book
 * as the rollup would, and with `requests=recommended` the right-sizing recommendations' requests
 * (simple, the configured lookback) in place of today's. A cluster with no nodes is NOT_FOUND.
 */
export async function getNodePoolPlan(db: Database, q: NodePoolPlanQuery): Promise<{ pools: PoolRightSizing[]; cluster: ClusterPlan }> {
  const { now, config } = q;
  const book = priceBookOf(config);
  const inventory = await getPoolInventory(db, {
    cluster: q.cluster, from: new Date(now.getTime() - q.windowDays * 86_400_000), to: now,
    attribution: { labelKeys: config.teams.labelKeys, namespaceTeams: config.teams.namespaces },
  });
  if (q.cluster !== undefined && inventory.nodes.length === 0) throw new AppError('NOT_FOUND', `cluster ${q.cluster}: no nodes in its latest scrape`);
  const nodes = inventory.nodes.map((n) => (n.usdPerHour > 0 ? n : {
    ...n,
    usdPerHour: priceNode(book, {
      provider: n.provider, instanceType: n.instanceType, region: n.region, capacityType: n.capacityType === 'spot' ? 'spot' : 'on-demand',
      cpuCores: n.cpuAllocatableMillicores / 1000, memoryGiB: n.memoryAllocatableBytes / 1024 ** 3, gpus: n.gpuAllocatable,
    }, now, now).usdPerHour,
  }));
  return planNodePools({
    ...inventory, nodes, shapes: INSTANCE_SHAPES, profile: PROFILES[q.profile],
    overrides: q.requests === 'recommended' ? await recommendedRequests(db, now, config.recommendations.lookbackDays, q.cluster) : null,
    price: (shape) => priceNode(book, shape, now, now).usdPerHour,
  });
}

/**
 * The container requests the right-sizing recommendations propose (simple strategy, the
 * configured lookback ending at the current hour), as planner overrides; a resource without a
 * recommendation (not enough data, an HPA scales on it) keeps its request. Without `cluster`,
 * workloads of one name in several clusters share the first cluster's recommendation.
 */
async function recommendedRequests(db: Database, now: Date, lookbackDays: number, cluster: string | undefined): Promise<Map<string, RequestOverride>> {
  const endMs = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const filter: FilterClause[] = cluster === undefined ? [] : [{ field: 'cluster', negated: false, values: [cluster] }];
  const { rows } = await getContainerRecommendations(db, { startMs: endMs - lookbackDays * 24 * HOUR_MS, endMs, strategy: 'simple', filter });
  const overrides = new Map<string, RequestOverride>();
  for (const r of rows) {
    const key = overrideKey(r.namespace, r.controllerKind, r.controllerName, r.container);
    if (overrides.has(key) || !(r.recommends.cpu || r.recommends.memory)) continue;
    overrides.set(key, {
      ...(r.recommends.cpu && r.recommended.cpuRequestMillicores !== null ? { cpuRequestMillicores: r.recommended.cpuRequestMillicores } : {}),
      ...(r.recommends.memory && r.recommended.memoryRequestBytes !== null ? { memoryRequestBytes: r.recommended.memoryRequestBytes } : {}),
    });
  }
  return overrides;
}
