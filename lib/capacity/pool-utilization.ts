/**
 * Request utilisation of nodes and pools the way Cluster Autoscaler measures it
 * (cluster-autoscaler/simulator/utilization/info.go `Calculate`): per resource, the pods'
 * requests ÷ the node's allocatable, DaemonSet and mirror pods optionally factored out of both,
 * the node's utilisation max(cpu, memory), or the GPU utilisation alone on a GPU node.
 */

/** One container's requests as the planner reads them (null = not set, counted 0). */
export interface PlannerContainer {
  name: string;
  isInit: boolean;
  cpuRequestMillicores: number | null;
  memoryRequestBytes: number | null;
  gpuRequest: number;
}

export interface PodRequests {
  cpuMillicores: number;
  memoryBytes: number;
  gpus: number;
}

/** A container's request override (requests=recommended); a field left out keeps the current request. */
export interface RequestOverride {
  cpuRequestMillicores?: number;
  memoryRequestBytes?: number;
}

/** The override map's key: one container of one workload. */
export const overrideKey = (namespace: string, controllerKind: string, controllerName: string, container: string) =>
  `${namespace}/${controllerKind}/${controllerName}/${container}`;

/**
 * A pod's effective requests, as the scheduler counts them: per resource
 * max(Σ app containers, max of the init containers) (init containers run one at a time before
 * the app containers). Unset requests count 0. `override(container)` replaces an app
 * container's CPU and/or memory request (init containers keep theirs).
 */
export function podRequests(containers: readonly PlannerContainer[], override?: (container: string) => RequestOverride | undefined): PodRequests {
  let cpu = 0, memory = 0, gpus = 0, initCpu = 0, initMemory = 0, initGpus = 0;
  for (const c of containers) {
    if (c.isInit) {
      initCpu = Math.max(initCpu, c.cpuRequestMillicores ?? 0);
      initMemory = Math.max(initMemory, c.memoryRequestBytes ?? 0);
      initGpus = Math.max(initGpus, c.gpuRequest);
      continue;
    }
    const o = override?.(c.name);
    cpu += o?.cpuRequestMillicores ?? c.cpuRequestMillicores ?? 0;
    memory += o?.memoryRequestBytes ?? c.memoryRequestBytes ?? 0;
    gpus += c.gpuRequest;
  }
  return { cpuMillicores: Math.max(cpu, initCpu), memoryBytes: Math.max(memory, initMemory), gpus: Math.max(gpus, initGpus) };
}

export interface UtilizationNode {
  cpuAllocatableMillicores: number;
  memoryAllocatableBytes: number;
  gpuAllocatable: number;
}

export interface UtilizationPod {
  requests: PodRequests;
  isDaemonSet: boolean;
  isMirror: boolean;
}

export interface NodeUtilization {
  cpu: number;
  memory: number;
  gpu: number;
  /** max(cpu, memory); on a node with GPUs, the GPU utilisation alone (as Cluster Autoscaler). */
  utilization: number;
}

/**
 * Cluster Autoscaler's utilisation of one node. Per resource r:
 *   util_r = Σ requests_r(counted pods) ÷ (allocatable_r − Σ requests_r(skipped pods))
 * where DaemonSet pods are skipped when `skipDaemonSetPods`, mirror (static) pods when
 * `skipMirrorPods`, and the others counted. utilization = max(util_cpu, util_memory), or
 * util_gpu when the node has allocatable GPUs. A resource with nothing allocatable left → 0.
 * Example (CA's TestCalculate): 2000 m / 2,000,000 B node, pods 100 m / 200,000 B ×2 and one
 * without requests → cpu 0.1, utilisation 0.2.
 */
export function nodeUtilization(
  node: UtilizationNode,
  pods: readonly UtilizationPod[],
  skip: { skipDaemonSetPods: boolean; skipMirrorPods: boolean },
): NodeUtilization {
  const counted = { cpu: 0, memory: 0, gpu: 0 };
  const skipped = { cpu: 0, memory: 0, gpu: 0 };
  for (const pod of pods) {
    const into = (skip.skipDaemonSetPods && pod.isDaemonSet) || (skip.skipMirrorPods && pod.isMirror) ? skipped : counted;
    into.cpu += pod.requests.cpuMillicores;
    into.memory += pod.requests.memoryBytes;
    into.gpu += pod.requests.gpus;
  }
  const ratio = (used: number, allocatable: number, less: number) => (allocatable - less > 0 ? used / (allocatable - less) : 0);
  const cpu = ratio(counted.cpu, node.cpuAllocatableMillicores, skipped.cpu);
  const memory = ratio(counted.memory, node.memoryAllocatableBytes, skipped.memory);
  const gpu = ratio(counted.gpu, node.gpuAllocatable, skipped.gpu);
  return { cpu, memory, gpu, utilization: node.gpuAllocatable > 0 ? gpu : Math.max(cpu, memory) };
}
