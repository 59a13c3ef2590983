/** Pods of the generated organisation as the API server lists them. */
import { k8sTime } from './clock';
import type { PodInstance } from './instances';
import { claimName, imageOf, podSpec, priorityOf, qosClass, templateMeta } from './podspec';
import { resourceVersionAt } from './calendar';
import { hash32, hexId } from './random';
import type { JsonObject } from './store';

const DEFAULT_TOLERATIONS: JsonObject[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

function podIp(pod: PodInstance): string | null {
  const node = pod.node;
  if (!node) return null;
  if (pod.workload.hostNetwork) return node.internalIp;
  const subnet = Math.floor(Number(node.internalIp.split('.')[2]) / 32) * 32;
  const h = hash32('pod-ip', pod.uid);
  return `10.0.${subnet + (h % 32)}.${1 + ((h >>> 8) % 254)}`;
}

function condition(type: string, ok: boolean, sinceMs: number, reason?: string): JsonObject {
  const c: JsonObject = { type, status: ok ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: k8sTime(sinceMs) };
  if (reason) c.reason = reason;
  return c;
}

function containerStatuses(seed: number, pod: PodInstance, ms: number): JsonObject[] {
  const w = pod.workload;
  return w.containers.map((c) => {
    const image = imageOf(seed, w, c, pod.revision);
    const containerId = (n: number) => `containerd://${hexId(64, pod.uid, c.name, n)}`;
    let state: JsonObject;
    let lastState: JsonObject = {};
    const first = c === w.containers[0];
    if (pod.waitingReason === 'ImagePullBackOff' && first) {
      state = { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` } };
    } else if (pod.phase === 'Pending') {
      state = { waiting: { reason: 'ContainerCreating' } };
    } else if (pod.revision?.failure === 'crash' && first) {
      state = pod.waitingReason === 'CrashLoopBackOff'
        ? { waiting: { reason: 'CrashLoopBackOff', message: `back-off restarting failed container=${c.name} pod=${pod.name}_${w.namespace}(${pod.uid})` } }
        : { running: { startedAt: k8sTime(pod.containerStartMs) } };
      if (pod.restarts > 0 || pod.waitingReason === 'CrashLoopBackOff') {
        const n = pod.waitingReason === 'CrashLoopBackOff' ? pod.restarts : pod.restarts - 1;
        lastState = { terminated: { exitCode: 1, reason: 'Error', startedAt: k8sTime(pod.containerStartMs), finishedAt: k8sTime(pod.containerStartMs + 5000), containerID: containerId(n) } };
      }
    } else if (pod.phase === 'Succeeded') {
      const finishedAt = k8sTime(pod.completedMs ?? ms);
      state = { terminated: { exitCode: 0, reason: 'Completed', startedAt: k8sTime(pod.startedMs), finishedAt, containerID: containerId(0) } };
    } else {
      state = { running: { startedAt: k8sTime(pod.containerStartMs) } };
      if (pod.restarts > 0 && c === w.containers[0]) {
        lastState = { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: k8sTime(pod.startedMs), finishedAt: k8sTime(pod.containerStartMs - 1000), containerID: containerId(pod.restarts - 1) } };
      }
    }
    const status: JsonObject = { name: c.name, state, lastState, ready: pod.ready, restartCount: first ? pod.restarts : 0, image, imageID: `${image.split(':')[0]}@sha256:${hexId(64, image)}` };
    if (pod.phase !== 'Pending') status.containerID = containerId(first ? pod.restarts : 0);
    status.started = pod.phase === 'Running' && state.running !== undefined;
    return status;
  });
}

function podStatus(seed: number, pod: PodInstance, ms: number, nodeCount: number): JsonObject {
  const qos = qosClass(pod.workload);
  if (!pod.node) {
    const message = `0/${nodeCount} nodes are available: ${nodeCount} Insufficient cpu, ${nodeCount} Insufficient memory. preemption: 0/${nodeCount} nodes are available: ${nodeCount} No preemption victims found for incoming pod.`;
    return { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: k8sTime(pod.createdMs), reason: 'Unschedulable', message }], qosClass: qos };
  }
  // Just created: the scheduler has not bound it yet.
  if (ms < pod.scheduledMs) return { phase: 'Pending', qosClass: qos };
  const running = pod.phase === 'Running';
  const done = pod.phase === 'Succeeded';
  const readyReason = done ? 'PodCompleted' : pod.ready ? undefined : 'ContainersNotReady';
  const readySince = done ? (pod.completedMs ?? ms) : pod.ready ? pod.readyMs : pod.scheduledMs;
  const ip = podIp(pod);
  const status: JsonObject = {
    phase: pod.phase,
    conditions: [
      condition('PodReadyToStartContainers', running, running ? pod.startedMs : done ? (pod.completedMs ?? ms) : pod.scheduledMs),
      condition('Initialized', ms >= pod.initializedMs, ms >= pod.initializedMs ? pod.initializedMs : pod.scheduledMs, done ? 'PodCompleted' : undefined),
      condition('Ready', pod.ready, readySince, readyReason),
      condition('ContainersReady', pod.ready, readySince, readyReason),
      condition('PodScheduled', true, pod.scheduledMs),
    ],
    hostIP: pod.node.internalIp,
    hostIPs: [{ ip: pod.node.internalIp }],
  };
  if (ip && !done) {
    status.podIP = ip;
    status.podIPs = [{ ip }];
  }
  status.startTime = k8sTime(pod.createdMs);
  status.containerStatuses = containerStatuses(seed, pod, ms);
  status.qosClass = qos;
  return status;
}

/** The pod as a list item (no kind/apiVersion), at simulated instant `ms`. */
export function buildPod(seed: number, pod: PodInstance, ms: number, nodeCount: number): JsonObject {
  const w = pod.workload;
  const meta = templateMeta(w, pod.revision);
  const generateName = w.kind === 'StatefulSet' ? `${w.name}-` : `${pod.owner.name}-`;
  const metadata: JsonObject = {
    name: pod.name,
    generateName,
    namespace: w.namespace,
    uid: pod.uid,
    resourceVersion: resourceVersionAt(pod.lastChangeMs),
    creationTimestamp: k8sTime(pod.createdMs),
    labels: { ...meta.labels, ...pod.labels },
  };
  if (Object.keys(meta.annotations).length > 0) metadata.annotations = meta.annotations;
  metadata.ownerReferences = [{ ...pod.owner, controller: true, blockOwnerDeletion: true }];
  const spec = podSpec(seed, w, pod.revision);
  if (w.storageBytes !== null) spec.volumes = [{ name: 'data', persistentVolumeClaim: { claimName: claimName(w, pod.ordinal) } }];
  if (w.kind === 'StatefulSet') {
    spec.hostname = pod.name;
    spec.subdomain = w.name;
  }
  if (w.kind === 'DaemonSet' && pod.node) {
    spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [pod.node.name] }] }] } } };
  }
  if (pod.node) spec.nodeName = pod.node.name;
  spec.priority = priorityOf(w);
  spec.enableServiceLinks = true;
  spec.preemptionPolicy = 'PreemptLowerPriority';
  if (w.kind !== 'DaemonSet') spec.tolerations = [...((spec.tolerations as JsonObject[] | undefined) ?? []), ...DEFAULT_TOLERATIONS];
  return { metadata, spec, status: podStatus(seed, pod, ms, nodeCount) };
}
