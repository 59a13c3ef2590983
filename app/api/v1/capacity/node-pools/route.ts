import type { FilterClause } from '@/lib/allocation/filter';
import { INSTANCE_SHAPES } from '@/lib/capacity/instance-shapes';
import { planNodePools } from '@/lib/capacity/node-pool-plan';
import { PROFILES } from '@/lib/capacity/pool-plan';
import { overrideKey, type RequestOverride } from '@/lib/capacity/pool-utilization';
import { priceNode } from '@/lib/cost/pricing';
import { roundUsd } from '@/lib/cost/rates';
import type { Database } from '@/lib/db/client';
import { getDatabase } from '@/lib/db/instance';
import { toCsv } from '@/lib/http/delivery-params';
import { errorResponse } from '@/lib/http/errors';
import { otherMethods } from '@/lib/http/methods';
import { parseNodePoolParams } from '@/lib/http/node-pool-params';
import { getContainerRecommendations } from '@/lib/queries/get-container-recommendations';
import { getPoolInventory } from '@/lib/queries/get-pool-inventory';
import { currentConfig } from '@/lib/settings/current';
import { priceBookOf } from '@/lib/settings/pricing';
import { currentTime } from '@/lib/util/clock';
import { AppError } from '@/lib/util/errors';

export const dynamic = 'force-dynamic';

const CSV_COLUMNS = [
  'cluster', 'pool', 'instanceTypes', 'nodes', 'capacityType', 'cpuRequestUtilization', 'memoryRequestUtilization', 'cpuUsageUtilization',
  'memoryUsageUtilization', 'monthlyCostUsd', 'planNodes', 'planMonthlyCostUsd', 'monthlySavingUsd', 'blockers',
] as const;

/** Node pools today and their plan per pool and for the cluster: JSON `{code, data, cluster}` or CSV of the pools. */
export async function GET(request: Request) {
  try {
    const params = parseNodePoolParams(new URL(request.url).searchParams);
    const now = currentTime();
    const config = currentConfig();
    const db = await getDatabase();
    const book = priceBookOf(config);
    const inventory = await getPoolInventory(db, {
      cluster: params.cluster, from: new Date(now.getTime() - params.windowDays * 86_400_000), to: now,
      attribution: { labelKeys: config.teams.labelKeys, namespaceTeams: config.teams.namespaces },
    });
    if (params.cluster !== undefined && inventory.nodes.length === 0) throw new AppError('NOT_FOUND', `cluster ${params.cluster}: no nodes in its latest scrape`);
    // A node without a node_hour yet (no rollup since it joined) is priced from the price book, as the rollup would.
    const nodes = inventory.nodes.map((n) => (n.usdPerHour > 0 ? n : {
      ...n,
      usdPerHour: priceNode(book, {
        provider: n.provider, instanceType: n.instanceType, region: n.region, capacityType: n.capacityType === 'spot' ? 'spot' : 'on-demand',
        cpuCores: n.cpuAllocatableMillicores / 1000, memoryGiB: n.memoryAllocatableBytes / 1024 ** 3, gpus: n.gpuAllocatable,
      }, now, now).usdPerHour,
    }));
    const { pools, cluster } = planNodePools({
      ...inventory, nodes, shapes: INSTANCE_SHAPES, profile: PROFILES[params.profile],
      overrides: params.requests === 'recommended' ? await recommendedRequests(db, now, config.recommendations.lookbackDays, params.cluster) : null,
      price: (q) => priceNode(book, q, now, now).usdPerHour,
    });
    const money = roundUsd;
    const data = pools.map((p) => ({
      cluster: p.cluster, pool: p.pool, instanceTypes: p.instanceTypes, nodes: p.nodes, capacityType: p.capacityType,
      cpuRequestUtilization: p.cpuRequestUtilization, memoryRequestUtilization: p.memoryRequestUtilization, gpuRequestUtilization: p.gpuRequestUtilization,
      cpuUsageUtilization: p.cpuUsageUtilization, memoryUsageUtilization: p.memoryUsageUtilization, daemonSetOverhead: p.daemonSetOverhead,
      largestPod: p.largestPod, monthlyCostUsd: money(p.monthlyCostUsd), idleMonthlyCostUsd: money(p.idleMonthlyCostUsd),
      plan: { ...p.plan, monthlyCostUsd: money(p.plan.monthlyCostUsd), nodes: p.plan.nodes.map((l) => ({ ...l, monthlyCostUsd: money(l.monthlyCostUsd) })) },
      monthlySavingUsd: money(p.monthlySavingUsd), savingNote: p.savingNote,
    }));
    if (params.format === 'csv') {
      const rows = data.map((p) => ({
        ...p, instanceTypes: p.instanceTypes.join(' '), planNodes: p.plan.nodes.map((l) => `${l.instanceType}x${l.count}`).join(' '),
        planMonthlyCostUsd: p.plan.monthlyCostUsd, blockers: p.plan.blockers.map((b) => b.message).join('; '),
      }));
      return new Response(toCsv(CSV_COLUMNS, rows), { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="node-pools.csv"' } });
    }
    const clusterPlan = {
      ...cluster, todayMonthlyCostUsd: money(cluster.todayMonthlyCostUsd), monthlyCostUsd: money(cluster.monthlyCostUsd), monthlySavingUsd: money(cluster.monthlySavingUsd),
      nodes: cluster.nodes.map((l) => ({ ...l, monthlyCostUsd: money(l.monthlyCostUsd) })), teams: cluster.teams.map((t) => ({ ...t, monthlySavingUsd: money(t.monthlySavingUsd) })),
      profile: params.profile, requests: params.requests,
    };
    return Response.json({ code: 200, data, cluster: clusterPlan });
  } catch (error) {
    return errorResponse(error, request);
  }
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

const HOUR_MS = 3_600_000;

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
