import { getDatabase } from '@/lib/db/instance';
import { toCsv } from '@/lib/http/delivery-params';
import { errorResponse } from '@/lib/http/errors';
import { otherMethods } from '@/lib/http/methods';
import { parseNodePoolParams } from '@/lib/http/node-pool-params';
import { nodePoolsOut } from '@/lib/http/node-pools';
import { getNodePoolPlan } from '@/lib/queries/get-node-pool-plan';
import { currentConfig } from '@/lib/settings/current';
import { currentTime } from '@/lib/util/clock';

export const dynamic = 'force-dynamic';

const CSV_COLUMNS = [
  'cluster', 'pool', 'instanceTypes', 'nodes', 'capacityType', 'cpuRequestUtilization', 'memoryRequestUtilization', 'cpuUsageUtilization',
  'memoryUsageUtilization', 'monthlyCostUsd', 'planNodes', 'planMonthlyCostUsd', 'monthlySavingUsd', 'blockers',
] as const;

/** Node pools today and their plan per pool and for the cluster: JSON `{code, data, cluster}` or CSV of the pools. */
export async function GET(request: Request) {
  try {
    const params = parseNodePoolParams(new URL(request.url).searchParams);
    const { pools, cluster } = await getNodePoolPlan(await getDatabase(), {
      cluster: params.cluster, profile: params.profile, requests: params.requests, windowDays: params.windowDays, now: currentTime(), config: currentConfig(),
    });
    const { data, cluster: clusterPlan } = nodePoolsOut(pools, cluster, params);
    if (params.format === 'csv') {
      const rows = data.map((p) => ({
        ...p, instanceTypes: p.instanceTypes.join(' '), planNodes: p.plan.nodes.map((l) => `${l.instanceType}x${l.count}`).join(' '),
        planMonthlyCostUsd: p.plan.monthlyCostUsd, blockers: p.plan.blockers.map((b) => b.message).join('; '),
      }));
      return new Response(toCsv(CSV_COLUMNS, rows), { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="node-pools.csv"' } });
    }
    return Response.json({ code: 200, data, cluster: clusterPlan });
  } catch (error) {
    return errorResponse(error, request);
  }
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
