import type { ClusterPlan, PoolRightSizing } from '../capacity/node-pool-plan';
import { roundUsd } from '../cost/rates';
import type { NodePoolParams } from './node-pool-params';

/** The node-pool API's figures (and the Node pools page's): money rounded here, once. */
export function nodePoolsOut(pools: readonly PoolRightSizing[], cluster: ClusterPlan, params: Pick<NodePoolParams, 'profile' | 'requests'>) {
  const money = roundUsd;
  const data = pools.map((p) => ({
    cluster: p.cluster, pool: p.pool, instanceTypes: p.instanceTypes, nodes: p.nodes, capacityType: p.capacityType,
    cpuRequestUtilization: p.cpuRequestUtilization, memoryRequestUtilization: p.memoryRequestUtilization, gpuRequestUtilization: p.gpuRequestUtilization,
    cpuUsageUtilization: p.cpuUsageUtilization, memoryUsageUtilization: p.memoryUsageUtilization, daemonSetOverhead: p.daemonSetOverhead,
    largestPod: p.largestPod, monthlyCostUsd: money(p.monthlyCostUsd), idleMonthlyCostUsd: money(p.idleMonthlyCostUsd),
    plan: { ...p.plan, monthlyCostUsd: money(p.plan.monthlyCostUsd), nodes: p.plan.nodes.map((l) => ({ ...l, monthlyCostUsd: money(l.monthlyCostUsd) })) },
    monthlySavingUsd: money(p.monthlySavingUsd), savingNote: p.savingNote,
  }));
  const clusterPlan = {
    ...cluster, todayMonthlyCostUsd: money(cluster.todayMonthlyCostUsd), monthlyCostUsd: money(cluster.monthlyCostUsd), monthlySavingUsd: money(cluster.monthlySavingUsd),
    nodes: cluster.nodes.map((l) => ({ ...l, monthlyCostUsd: money(l.monthlyCostUsd) })), teams: cluster.teams.map((t) => ({ ...t, monthlySavingUsd: money(t.monthlySavingUsd) })),
    profile: params.profile, requests: params.requests,
  };
  return { data, cluster: clusterPlan };
}

export type NodePoolsOut = ReturnType<typeof nodePoolsOut>;
