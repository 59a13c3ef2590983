/**
 * What the controllers and the kubelet report about a workload, as events: scheduling, image
 * pulls, container starts, OOM kills and back-off of the leaking container, Deployment
 * rollouts, CronJob and Job runs. Pure functions of (seed, workload, instant), like the rest
 * of the simulated state; an event is kept for EVENT_TTL_MS after its last occurrence, as
 * kube-apiserver's default --event-ttl.
 */
import { HOUR_MS, MINUTE_MS } from './calendar';
import { type PodInstance, jobName, podInstancesAt, templateHash } from './instances';
import type { WorkloadPlan } from './model';
import { imageOf } from './podspec';
import type { NodePlan } from './pools';
import { hash32, uidFor } from './random';
import { CRON_HISTORY } from './scale';
import { cronRunsAt, leakPeriodMs, previousRevision, revisionAt } from './timeline';

export const EVENT_TTL_MS = HOUR_MS;
/** The scheduler retries an unschedulable pod at most every 5 minutes (its max backoff). */
const SCHEDULER_RETRY_MS = 5 * MINUTE_MS;

export interface EventObjectRef {
  kind: string;
  apiVersion: string;
  namespace: string | null;
  name: string;
  uid: string;
  fieldPath?: string;
}

export interface SimEvent {
  /** The event's own namespace: the object's, or `default` for cluster-scoped objects. */
  namespace: string;
  regarding: EventObjectRef;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** `source.component` / `reportingController`. */
  component: string;
  /** The node of kubelet and kernel events. */
  host: string | null;
  firstMs: number;
  lastMs: number;
  count: number;
}

type Emit = (e: Omit<SimEvent, 'namespace' | 'count' | 'lastMs'> & { lastMs?: number; count?: number }) => void;

function ref(kind: string, apiVersion: string, namespace: string | null, name: string, uid: string, fieldPath?: string): EventObjectRef {
  return fieldPath === undefined ? { kind, apiVersion, namespace, name, uid } : { kind, apiVersion, namespace, name, uid, fieldPath };
}

function podRef(pod: PodInstance, container?: string): EventObjectRef {
  return ref('Pod', 'v1', pod.workload.namespace, pod.name, pod.uid, container === undefined ? undefined : `spec.containers{${container}}`);
}

function nodeRef(node: NodePlan): EventObjectRef {
  return ref('Node', 'v1', null, node.name, node.uid);
}

/** Scheduling, pulls and starts of one pod; OOM kills and back-off of a leaking container. */
function podEvents(seed: number, pod: PodInstance, ms: number, emit: Emit): void {
  const w = pod.workload;
  const node = pod.node;
  if (!node) {
    const retries = Math.floor((ms - pod.createdMs) / SCHEDULER_RETRY_MS);
    // `{nodes}` is filled in with the node count by workloadEventsAt, as in the pod's condition.
    const message = '0/{nodes} nodes are available: {nodes} Insufficient cpu, {nodes} Insufficient memory. preemption: 0/{nodes} nodes are available: {nodes} No preemption victims found for incoming pod.';
    emit({ regarding: podRef(pod), type: 'Warning', reason: 'FailedScheduling', message, component: 'default-scheduler', host: null, firstMs: pod.createdMs, lastMs: pod.createdMs + retries * SCHEDULER_RETRY_MS, count: retries + 1 });
    return;
  }
  // Bound on creation, or (the unschedulable scenario) once the node added for it was Ready.
  const boundMs = Math.max(pod.createdMs, pod.scheduledMs - 1000);
  if (boundMs > pod.createdMs) {
    const retries = Math.floor((boundMs - pod.createdMs) / SCHEDULER_RETRY_MS);
    const message = '0/{nodes} nodes are available: {nodes} Insufficient cpu, {nodes} Insufficient memory. preemption: 0/{nodes} nodes are available: {nodes} No preemption victims found for incoming pod.';
    emit({ regarding: podRef(pod), type: 'Warning', reason: 'FailedScheduling', message, component: 'default-scheduler', host: null, firstMs: pod.createdMs, lastMs: pod.createdMs + retries * SCHEDULER_RETRY_MS, count: retries + 1 });
    emit({ regarding: podRef(pod), type: 'Normal', reason: 'TriggeredScaleUp', message: `pod triggered scale-up: [{eks-${node.pool.name} ${node.name}}]`, component: 'cluster-autoscaler', host: null, firstMs: pod.createdMs + 10_000 });
  }
  emit({ regarding: podRef(pod), type: 'Normal', reason: 'Scheduled', message: `Successfully assigned ${w.namespace}/${pod.name} to ${node.name}`, component: 'default-scheduler', host: null, firstMs: boundMs });
  if (ms < pod.startedMs) return;
  const span = pod.startedMs - boundMs;
  w.containers.forEach((c, i) => {
    const image = imageOf(seed, w, c, pod.revision);
    const pullMs = 200 + (hash32(seed, pod.uid, c.name, 'pull') % Math.max(1, span - 400));
    const sizeBytes = 20_000_000 + (hash32(seed, image, 'size') % 400_000_000);
    const kubelet = { component: 'kubelet', host: node.name };
    emit({ ...kubelet, regarding: podRef(pod, c.name), type: 'Normal', reason: 'Pulling', message: `Pulling image "${image}"`, firstMs: boundMs + 100 + i });
    emit({ ...kubelet, regarding: podRef(pod, c.name), type: 'Normal', reason: 'Pulled', message: `Successfully pulled image "${image}" in ${(pullMs / 1000).toFixed(3)}s (${(pullMs / 1000).toFixed(3)}s including waiting). Image size: ${sizeBytes} bytes.`, firstMs: boundMs + 100 + pullMs });
    // A restarted container's Created/Started are counted on below.
    if (i > 0 || pod.restarts === 0) {
      emit({ ...kubelet, regarding: podRef(pod, c.name), type: 'Normal', reason: 'Created', message: `Created container ${c.name}`, firstMs: pod.startedMs - 1 });
      emit({ ...kubelet, regarding: podRef(pod, c.name), type: 'Normal', reason: 'Started', message: `Started container ${c.name}`, firstMs: pod.startedMs });
    }
  });
  if (w.profile !== 'leak' || pod.restarts === 0) return;
  const c = w.containers[0];
  if (!c) return;
  const period = leakPeriodMs(seed, w);
  const limitKb = Math.round((c.memoryLimitBytes ?? 0) / 1024);
  const restartMs = (k: number) => pod.startedMs + k * period;
  const last = pod.restarts;
  // Each OOM kill is its own kernel event on the node (the last two can still be within the TTL).
  for (let k = Math.max(1, last - 1); k <= last; k++) {
    const pid = 1000 + (hash32(seed, pod.uid, 'pid', k) % 30_000);
    emit({
      regarding: nodeRef(node), type: 'Warning', reason: 'OOMKilling', component: 'kernel-monitor', host: node.name, firstMs: restartMs(k) - 10_000,
      message: `Memory cgroup out of memory: Killed process ${pid} (${c.name}) total-vm:${limitKb + 412_000}kB, anon-rss:${limitKb}kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:${Math.round(limitKb / 500)}kB oom_score_adj:936`,
    });
  }
  // The kubelet's events repeat: one event per reason and message, its count and last time updated.
  const kubelet = { component: 'kubelet', host: node.name, regarding: podRef(pod, c.name) };
  const image = imageOf(seed, w, c, pod.revision);
  emit({ ...kubelet, type: 'Warning', reason: 'BackOff', message: `Back-off restarting failed container ${c.name} in pod ${pod.name}_${w.namespace}(${pod.uid})`, firstMs: restartMs(1) - 9000, lastMs: restartMs(last) - 9000, count: last });
  emit({ ...kubelet, type: 'Normal', reason: 'Pulled', message: `Container image "${image}" already present on machine`, firstMs: restartMs(1) - 2000, lastMs: restartMs(last) - 2000, count: last });
  emit({ ...kubelet, type: 'Normal', reason: 'Created', message: `Created container ${c.name}`, firstMs: pod.startedMs - 1, lastMs: restartMs(last) - 1, count: last + 1 });
  emit({ ...kubelet, type: 'Normal', reason: 'Started', message: `Started container ${c.name}`, firstMs: pod.startedMs, lastMs: restartMs(last), count: last + 1 });
}

function deploymentEvents(seed: number, w: WorkloadPlan, ms: number, emit: Emit): void {
  const revision = revisionAt(seed, w, ms);
  const rsName = (rev: typeof revision) => `${w.name}-${templateHash(seed, w, rev)}`;
  const deployment = ref('Deployment', 'apps/v1', w.namespace, w.name, w.uid);
  const controller = { component: 'deployment-controller', host: null, type: 'Normal' as const, reason: 'ScalingReplicaSet' };
  const current = rsName(revision);
  emit({ ...controller, regarding: deployment, message: `Scaled up replica set ${current} to ${w.replicas}`, firstMs: revision.startedMs });
  const rsRef = ref('ReplicaSet', 'apps/v1', w.namespace, current, uidFor(seed, 'ReplicaSet', w.namespace, current));
  const pods = podInstancesAt(seed, w, ms);
  for (const pod of pods) {
    emit({ regarding: rsRef, type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.name}`, component: 'replicaset-controller', host: null, firstMs: pod.createdMs });
    podEvents(seed, pod, ms, emit);
  }
  const previous = previousRevision(seed, w, revision, 1);
  if (!previous || ms < revision.readyMs) return;
  const old = rsName(previous);
  emit({ ...controller, regarding: deployment, message: `Scaled down replica set ${old} to 0 from ${w.replicas}`, firstMs: revision.readyMs });
  const oldRef = ref('ReplicaSet', 'apps/v1', w.namespace, old, uidFor(seed, 'ReplicaSet', w.namespace, old));
  for (const pod of podInstancesAt(seed, w, revision.startedMs - 1)) {
    emit({ regarding: oldRef, type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${pod.name}`, component: 'replicaset-controller', host: null, firstMs: revision.readyMs });
    for (const c of w.containers) {
      if (pod.node) emit({ regarding: podRef(pod, c.name), type: 'Normal', reason: 'Killing', message: `Stopping container ${c.name}`, component: 'kubelet', host: pod.node.name, firstMs: revision.readyMs + 200 });
    }
  }
}

function cronEvents(seed: number, w: WorkloadPlan, ms: number, emit: Emit): void {
  const cronJob = ref('CronJob', 'batch/v1', w.namespace, w.name, w.uid);
  const pods = podInstancesAt(seed, w, ms);
  for (const run of cronRunsAt(seed, w, ms, CRON_HISTORY)) {
    const job = jobName(w, run);
    const pod = pods.find((p) => p.run?.index === run.index);
    const jobRef = ref('Job', 'batch/v1', w.namespace, job, uidFor(seed, 'Job', w.namespace, job));
    emit({ regarding: cronJob, type: 'Normal', reason: 'SuccessfulCreate', message: `Created job ${job}`, component: 'cronjob-controller', host: null, firstMs: run.createdMs });
    if (!pod) continue;
    emit({ regarding: jobRef, type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.name}`, component: 'job-controller', host: null, firstMs: run.createdMs });
    podEvents(seed, pod, ms, emit);
    if (pod.completedMs !== null && pod.completedMs <= ms) {
      emit({ regarding: jobRef, type: 'Normal', reason: 'Completed', message: 'Job completed', component: 'job-controller', host: null, firstMs: pod.completedMs });
      emit({ regarding: cronJob, type: 'Normal', reason: 'SawCompletedJob', message: `Saw completed job: ${job}, status: Complete`, component: 'cronjob-controller', host: null, firstMs: pod.completedMs + 1000 });
    }
  }
}

function controllerEvents(seed: number, w: WorkloadPlan, ms: number, emit: Emit): void {
  const owner = ref(w.kind, 'apps/v1', w.namespace, w.name, w.uid);
  const controller = w.kind === 'StatefulSet' ? 'statefulset-controller' : 'daemonset-controller';
  for (const pod of podInstancesAt(seed, w, ms)) {
    const message = w.kind === 'StatefulSet' ? `create Pod ${pod.name} in StatefulSet ${w.name} successful` : `Created pod: ${pod.name}`;
    emit({ regarding: owner, type: 'Normal', reason: 'SuccessfulCreate', message, component: controller, host: null, firstMs: pod.createdMs });
    podEvents(seed, pod, ms, emit);
  }
}

/**
 * The events of workload `w` alive at `ms`: those whose last occurrence is in
 * (ms − EVENT_TTL_MS, ms]. `nodeCount` completes the FailedScheduling message.
 */
export function workloadEventsAt(seed: number, w: WorkloadPlan, ms: number, nodeCount: number): SimEvent[] {
  if (ms < w.createdMs) return [];
  const out: SimEvent[] = [];
  const emit: Emit = (raw) => {
    // Whole milliseconds (lifecycle instants can be fractional): names and timestamps derive from them.
    const e = { ...raw, firstMs: Math.floor(raw.firstMs) };
    const lastMs = Math.floor(raw.lastMs ?? raw.firstMs);
    if (e.firstMs > ms || lastMs > ms || lastMs <= ms - EVENT_TTL_MS) return;
    const namespace = e.regarding.namespace ?? 'default';
    const message = e.message.replaceAll('{nodes}', String(nodeCount));
    out.push({ ...e, message, namespace, lastMs, count: e.count ?? 1 });
  };
  if (w.kind === 'Deployment') deploymentEvents(seed, w, ms, emit);
  else if (w.kind === 'CronJob') cronEvents(seed, w, ms, emit);
  else controllerEvents(seed, w, ms, emit);
  return out;
}
