import { INSTANCE_SHAPES } from '@/lib/capacity/instance-shapes';
import { planNodePools } from '@/lib/capacity/node-pool-plan';
import { PROFILES } from '@/lib/capacity/pool-plan';
import { priceNode } from '@/lib/cost/pricing';
import { roundUsd } from '@/lib/cost/rates';
import { getDatabase } from '@/lib/db/instance';
import { toCsv } from '@/lib/http/delivery-params';
import { errorResponse } from '@/lib/http/errors';
import { otherMethods } from '@/lib/http/methods';
import { parseNodePoolParams } from '@/lib/http/node-pool-params';
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
    // The recommendation engine (issue 10 point 2) is not on this branch: no overrides to plan with yet.
    if (params.requests === 'recommended') throw new AppError('INVALID', 'requests: recommended is not available yet (container recommendations are not computed); use requests=current');
    const now = currentTime();
    const config = currentConfig();
    const book = priceBookOf(config);
    const inventory = await getPoolInventory(await getDatabase(), {
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
      ...inventory, nodes, shapes: INSTANCE_SHAPES, profile: PROFILES[params.profile], overrides: null,
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

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
