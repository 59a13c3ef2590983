/**
 * What a node pool is today: its nodes and instance types, request and usage utilisation (as
 * Cluster Autoscaler counts it: DaemonSet and mirror pods factored out), the DaemonSet overhead
 * every node carries, its largest pod and its idle cost. Input is the inventory as read
 * (lib/queries/get-pool-inventory.ts), plain values.
 */
import { splitNodePrice } from '../cost/node-price';
import { HOURS_PER_MONTH } from '../cost/rates';
import { nodeUtilization, podRequests, type PlannerContainer, type PodRequests, type RequestOverride } from './pool-utilization';
import type { SchedulingConstraints, Taint } from './scheduling';

const GIB = 1024 ** 3;

export interface InventoryNode {
  cluster: string;
  name: string;
  pool: string;
  instanceType: string | null;
  capacityType: string;
  provider: string | null;
  region: string | null;
  labels: Readonly<Record<string, string>>;
  taints: readonly Taint[];
  cpuAllocatableMillicores: number;
  memoryAllocatableBytes: number;
  gpuAllocatable: number;
  /** allocatable.pods; null when not read (then 110, the kubelet default). */
  maxPods: number | null;
  /** USD per node-hour, from the latest node_hour. */
  usdPerHour: number;
}

export interface InventoryPod {
  cluster: string;
  namespace: string;
  name: string;
  nodeName: string;
  controllerKind: string;
  controllerName: string;
  team: string;
  labels: Readonly<Record<string, string>>;
  isDaemonSet: boolean;
  /** A static pod the kubelet mirrors (owner Node). */
  isMirror: boolean;
  containers: readonly PlannerContainer[];
  constraints: SchedulingConstraints | null;
  /** Average usage over the window; null without metrics. */
  cpuUsageMillicores: number | null;
  memoryUsageBytes: number | null;
}

export const DEFAULT_MAX_PODS = 110;

/** A pod's requests, with an override lookup for requests=recommended. */
export type RequestsOf = (pod: InventoryPod) => PodRequests;

export function requestsWith(overrides: ReadonlyMap<string, RequestOverride> | null): RequestsOf {
  if (!overrides || overrides.size === 0) return (pod) => podRequests(pod.containers);
  return (pod) => podRequests(pod.containers, (c) => overrides.get(`${pod.namespace}/${pod.controllerKind}/${pod.controllerName}/${c}`));
}

export interface PodSize {
  namespace: string;
  name: string;
  cpuRequestMillicores: number;
  memoryRequestBytes: number;
  gpuRequest: number;
}

export interface PoolSummary {
  cluster: string;
  pool: string;
  instanceTypes: string[];
  nodes: number;
  /** on-demand, spot, or mixed. */
  capacityType: string;
  cpuRequestUtilization: number;
  memoryRequestUtilization: number;
  gpuRequestUtilization: number;
  /** CA's max(cpu, memory), or GPU on a GPU pool. */
  requestUtilization: number;
  cpuUsageUtilization: number;
  memoryUsageUtilization: number;
  /** The most DaemonSet + mirror pods' requests on one node of the pool. */
  daemonSetOverhead: { cpuMillicores: number; memoryBytes: number; pods: number };
  largestPod: PodSize | null;
  /** Σ node price × 730 h. */
  monthlyCostUsd: number;
  /** Σ unrequested CPU, memory, GPU × their per-resource price (splitNodePrice) × 730 h. */
  idleMonthlyCostUsd: number;
}

/**
 * Summary of one pool. Request utilisation per resource = Σ workload pods' requests ÷
 * Σ (allocatable − DaemonSet and mirror pods' requests) over its nodes (CA's Calculate with
 * both skips, summed over the pool); usage utilisation = Σ workload pods' average usage ÷ the
 * same denominator. The largest pod is the one with the largest dominant share of the pool's
 * largest node. Monthly = hourly × 730.
 */
export function summarizePool(nodes: readonly InventoryNode[], podsByNode: ReadonlyMap<string, readonly InventoryPod[]>, requestsOf: RequestsOf): PoolSummary {
  const first = nodes[0]!;
  let cpuUsed = 0, memUsed = 0, gpuUsed = 0, cpuRoom = 0, memRoom = 0, gpuRoom = 0, cpuUsage = 0, memUsage = 0, idle = 0, cost = 0;
  const overhead = { cpuMillicores: 0, memoryBytes: 0, pods: 0 };
  let largest: { pod: InventoryPod; r: PodRequests; share: number } | null = null;
  const maxCpu = Math.max(1, ...nodes.map((n) => n.cpuAllocatableMillicores));
  const maxMem = Math.max(1, ...nodes.map((n) => n.memoryAllocatableBytes));
  for (const node of nodes) {
    const pods = podsByNode.get(node.name) ?? [];
    const sized = pods.map((pod) => ({ pod, requests: requestsOf(pod), isDaemonSet: pod.isDaemonSet, isMirror: pod.isMirror }));
    const u = nodeUtilization(node, sized, { skipDaemonSetPods: true, skipMirrorPods: true });
    const ds = { cpu: 0, mem: 0, gpu: 0, pods: 0, all: { cpu: 0, mem: 0, gpu: 0 } };
    for (const s of sized) {
      ds.all.cpu += s.requests.cpuMillicores;
      ds.all.mem += s.requests.memoryBytes;
      ds.all.gpu += s.requests.gpus;
      if (s.isDaemonSet || s.isMirror) {
        ds.cpu += s.requests.cpuMillicores;
        ds.mem += s.requests.memoryBytes;
        ds.pods++;
        continue;
      }
      cpuUsage += s.pod.cpuUsageMillicores ?? 0;
      memUsage += s.pod.memoryUsageBytes ?? 0;
      const share = Math.max(s.requests.cpuMillicores / maxCpu, s.requests.memoryBytes / maxMem);
      if (!largest || share > largest.share) largest = { pod: s.pod, r: s.requests, share };
    }
    const room = { cpu: node.cpuAllocatableMillicores - ds.cpu, mem: node.memoryAllocatableBytes - ds.mem };
    cpuRoom += Math.max(0, room.cpu);
    memRoom += Math.max(0, room.mem);
    gpuRoom += node.gpuAllocatable;
    cpuUsed += u.cpu * Math.max(0, room.cpu);
    memUsed += u.memory * Math.max(0, room.mem);
    gpuUsed += u.gpu * node.gpuAllocatable;
    overhead.cpuMillicores = Math.max(overhead.cpuMillicores, ds.cpu);
    overhead.memoryBytes = Math.max(overhead.memoryBytes, ds.mem);
    overhead.pods = Math.max(overhead.pods, ds.pods);
    const prices = splitNodePrice(node.usdPerHour, node.cpuAllocatableMillicores / 1000, node.memoryAllocatableBytes / GIB, node.gpuAllocatable);
    idle += Math.max(0, node.cpuAllocatableMillicores - ds.all.cpu) / 1000 * prices.usdPerCoreHour
      + Math.max(0, node.memoryAllocatableBytes - ds.all.mem) / GIB * prices.usdPerGiBHour
      + Math.max(0, node.gpuAllocatable - ds.all.gpu) * prices.usdPerGpuHour;
    cost += node.usdPerHour;
  }
  const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
  const capacityTypes = [...new Set(nodes.map((n) => n.capacityType))];
  const cpuRequestUtilization = ratio(cpuUsed, cpuRoom), memoryRequestUtilization = ratio(memUsed, memRoom), gpuRequestUtilization = ratio(gpuUsed, gpuRoom);
  return {
    cluster: first.cluster,
    pool: first.pool,
    instanceTypes: [...new Set(nodes.map((n) => n.instanceType ?? '(unknown)'))].sort(),
    nodes: nodes.length,
    capacityType: capacityTypes.length === 1 ? capacityTypes[0]! : 'mixed',
    cpuRequestUtilization, memoryRequestUtilization, gpuRequestUtilization,
    requestUtilization: gpuRoom > 0 ? gpuRequestUtilization : Math.max(cpuRequestUtilization, memoryRequestUtilization),
    cpuUsageUtilization: ratio(cpuUsage, cpuRoom),
    memoryUsageUtilization: ratio(memUsage, memRoom),
    daemonSetOverhead: overhead,
    largestPod: largest && { namespace: largest.pod.namespace, name: largest.pod.name, cpuRequestMillicores: largest.r.cpuMillicores, memoryRequestBytes: largest.r.memoryBytes, gpuRequest: largest.r.gpus },
    monthlyCostUsd: cost * HOURS_PER_MONTH,
    idleMonthlyCostUsd: idle * HOURS_PER_MONTH,
  };
}
