/** Nodes of the generated EKS cluster, with the labels, capacity and status EKS reports. */
import { MINUTE_MS, resourceVersionAt } from './calendar';
import { k8sTime } from './clock';
import { type NodePlan, REGION } from './pools';
import { hash32, hexId, uidFor } from './random';
import type { JsonObject } from './store';

const KUBELET_VERSION = 'v1.29.0-eks-5e0fdde';
const HEARTBEAT_MS = 5 * MINUTE_MS;

/** The kubelet posts node status every 5 minutes (each node at its own offset): the node's last change. */
export function nodeHeartbeatMs(node: NodePlan, ms: number): number {
  const offset = hash32('heartbeat', node.name) % HEARTBEAT_MS;
  const beat = Math.floor((ms - offset) / HEARTBEAT_MS) * HEARTBEAT_MS + offset;
  return Math.max(node.createdMs, beat);
}

/** The labels EKS managed node groups put on a node (instance type, capacity type, zone, …). */
export function nodeLabels(node: NodePlan): Record<string, string> {
  const p = node.pool;
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/instance-type': p.instanceType,
    'beta.kubernetes.io/os': 'linux',
    'eks.amazonaws.com/capacityType': p.capacityType,
    'eks.amazonaws.com/nodegroup': p.name,
    'eks.amazonaws.com/nodegroup-image': p.gpus > 0 ? 'ami-0c7a4976cb6fafd3a' : 'ami-0b4a1ed4b4d0c7d1e',
    'failure-domain.beta.kubernetes.io/region': REGION,
    'failure-domain.beta.kubernetes.io/zone': node.zone,
    'k8s.io/cloud-provider-aws': 'a94967527effcefb5f5829f529c0a1b9',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': node.name,
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': p.instanceType,
    'topology.ebs.csi.aws.com/zone': node.zone,
    'topology.k8s.aws/zone-id': node.zoneId,
    'topology.kubernetes.io/region': REGION,
    'topology.kubernetes.io/zone': node.zone,
  };
  if (p.accelerator) labels['k8s.amazonaws.com/accelerator'] = p.accelerator;
  return labels;
}

function resources(node: NodePlan, allocatable: boolean): JsonObject {
  const p = node.pool;
  const out: JsonObject = {
    cpu: allocatable ? `${p.cpuAllocatableMillicores}m` : p.cpuCapacity,
    'ephemeral-storage': allocatable ? '76224326324' : '83873772Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${allocatable ? p.memoryAllocatableKi : p.memoryCapacityKi}Ki`,
  };
  if (p.gpus > 0) out['nvidia.com/gpu'] = String(p.gpus);
  out.pods = String(p.maxPods);
  return out;
}

function condition(type: string, status: string, reason: string, message: string, heartbeatMs: number, sinceMs: number): JsonObject {
  return { type, status, lastHeartbeatTime: k8sTime(heartbeatMs), lastTransitionTime: k8sTime(sinceMs), reason, message };
}

/**
 * A Node as kubelet reports it: EKS capacity and allocatable, heartbeat every 5 minutes; Ready
 * from `readyMs` (default 40 s after creation), NotReady and tainted not-ready before.
 */
export function buildNode(seed: number, node: NodePlan, ms: number): JsonObject {
  const readySince = node.readyMs ?? node.createdMs + 40_000;
  const ready = ms >= readySince;
  const beat = Math.max(nodeHeartbeatMs(node, ms), ready ? readySince : node.createdMs);
  const spec: JsonObject = { providerID: `aws:///${node.zone}/${node.instanceId}` };
  const taints: JsonObject[] = [];
  if (node.pool.gpus > 0) taints.push({ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' });
  if (!ready) taints.push({ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule', timeAdded: k8sTime(node.createdMs) });
  if (taints.length > 0) spec.taints = taints;
  return {
    metadata: {
      name: node.name,
      uid: node.uid,
      resourceVersion: resourceVersionAt(beat),
      creationTimestamp: k8sTime(node.createdMs),
      labels: nodeLabels(node),
      annotations: {
        'alpha.kubernetes.io/provided-node-ip': node.internalIp,
        'csi.volume.kubernetes.io/nodeid': JSON.stringify({ 'ebs.csi.aws.com': node.instanceId }),
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec,
    status: {
      capacity: resources(node, false),
      allocatable: resources(node, true),
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', beat, node.createdMs),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', beat, node.createdMs),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', beat, node.createdMs),
        ready
          ? condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', beat, readySince)
          : condition('Ready', 'False', 'KubeletNotReady', 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized', beat, node.createdMs),
      ],
      addresses: [
        { type: 'InternalIP', address: node.internalIp },
        { type: 'InternalDNS', address: node.name },
        { type: 'Hostname', address: node.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: hexId(32, seed, 'machine', node.name),
        systemUUID: `ec2${hexId(5, seed, 'sys', node.name)}-${hexId(4, seed, 'a', node.name)}-${hexId(4, seed, 'b', node.name)}-${hexId(4, seed, 'c', node.name)}-${hexId(12, seed, 'd', node.name)}`,
        bootID: uidFor(seed, 'boot', node.name),
        kernelVersion: '5.10.205-195.807.amzn2.x86_64',
        osImage: 'Amazon Linux 2',
        containerRuntimeVersion: 'containerd://1.7.11',
        kubeletVersion: KUBELET_VERSION,
        kubeProxyVersion: KUBELET_VERSION,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}
