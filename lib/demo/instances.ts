/** The pods of a workload at an instant: names, owners, lifecycle times and restarts. */
import { addedNode } from './added-nodes';
import { burstNodesAt, burstNodesOfDay, burstPodCreatedMs } from './burst';
import { DAY_MS } from './calendar';
import type { WorkloadPlan } from './model';
import type { NodePlan } from './pools';
import { k8sSuffix, uidFor } from './random';
import { CRON_HISTORY } from './scale';
import { type CronRun, PROGRESS_DEADLINE_SECONDS, type Revision, cronRunsAt, leakPeriodMs, previousRevision, revisionAt, revisionTimesAt } from './timeline';

export interface Owner {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
}

export interface PodInstance {
  workload: WorkloadPlan;
  node: NodePlan | null;
  ordinal: number;
  name: string;
  uid: string;
  owner: Owner;
  /** pod-template-hash, controller-revision-hash, job-name, … */
  labels: Record<string, string>;
  revision: Revision | null;
  run: CronRun | null;
  createdMs: number;
  startedMs: number;
  readyMs: number;
  completedMs: number | null;
  phase: 'Pending' | 'Running' | 'Succeeded';
  ready: boolean;
  restarts: number;
  /** PodScheduled and Initialized turn True at these instants (+Infinity while unscheduled). */
  scheduledMs: number;
  initializedMs: number;
  /** First container waiting for this reason (failed rollouts); null otherwise. */
  waitingReason: 'CrashLoopBackOff' | 'ImagePullBackOff' | null;
  /** Start of the current container process (after the last restart). */
  containerStartMs: number;
  lastChangeMs: number;
}

/** 10-character pod-template-hash of a Deployment revision. */
export function templateHash(seed: number, w: WorkloadPlan, revision: Revision): string {
  return k8sSuffix(10, seed, w.namespace, w.name, 'template', revision.templateIndex);
}

/**
 * `controller-revision-hash` of a StatefulSet revision (`<name>-<hash>`), which names its
 * ControllerRevision: revision 1 keeps the historical name, later ones hash their template index.
 */
export function controllerRevisionName(seed: number, w: WorkloadPlan, revision: Revision | null): string {
  if (!revision || revision.number === 1) return `${w.name}-${k8sSuffix(10, seed, w.namespace, w.name, 'revision')}`;
  return `${w.name}-${k8sSuffix(10, seed, w.namespace, w.name, 'revision', revision.templateIndex)}`;
}

/** `<cronjob>-<scheduled time in Unix minutes>`, as the CronJob controller names Jobs. */
export function jobName(w: WorkloadPlan, run: CronRun): string {
  return `${w.name}-${Math.floor(run.scheduledMs / 60_000)}`;
}

/** The pods of `w` existing at `ms`, in slot order. */
export function podInstancesAt(seed: number, w: WorkloadPlan, ms: number): PodInstance[] {
  switch (w.kind) {
    case 'Deployment':
      return deploymentPods(seed, w, ms);
    case 'CronJob':
      return cronPods(seed, w, ms);
    default:
      return w.slots.map((node, ordinal) => controllerPod(seed, w, ms, node, ordinal));
  }
}

function lifecycle(ms: number, createdMs: number, startedMs: number, readyMs: number, completedMs: number | null) {
  const phase: PodInstance['phase'] = completedMs !== null && ms >= completedMs ? 'Succeeded' : ms >= startedMs ? 'Running' : 'Pending';
  const changes = [createdMs, startedMs, readyMs, completedMs ?? createdMs].filter((t) => t <= ms);
  return { phase, ready: phase === 'Running' && ms >= readyMs, lastChangeMs: Math.max(createdMs, ...changes) };
}

function pending(node: NodePlan | null, createdMs: number) {
  // A pod the scheduler could not place never starts.
  return node === null ? Number.POSITIVE_INFINITY : createdMs;
}

/** Pod start after creation (image pull, sandbox). */
const DEPLOYMENT_START_DELAY_MS = 3000;
/** A crash-looping container runs this long before it exits with an error. */
const CRASH_RUN_MS = 5000;

export interface CrashLoop {
  restarts: number;
  /** Instant of the last crash or restart at or before `ms` (the pod's last change). */
  lastEventMs: number;
  /** True between a crash and the restart after it (waiting CrashLoopBackOff). */
  waiting: boolean;
  /** Start of the current (or last) container process. */
  containerStartMs: number;
}

/**
 * A container that exits CRASH_RUN_MS after each start, restarted by the kubelet after a
 * back-off of 10 s doubling up to 5 min: its restarts, state and last change at `ms`.
 */
export function crashLoopAt(startedMs: number, ms: number): CrashLoop {
  let restarts = 0;
  let containerStartMs = startedMs;
  for (let n = 0; n < 10_000; n++) {
    const crashMs = containerStartMs + CRASH_RUN_MS;
    if (ms < crashMs) return { restarts, lastEventMs: containerStartMs, waiting: false, containerStartMs };
    const restartMs = crashMs + Math.min(10_000 * 2 ** n, 300_000);
    if (ms < restartMs) return { restarts, lastEventMs: crashMs, waiting: true, containerStartMs };
    restarts += 1;
    containerStartMs = restartMs;
  }
  return { restarts, lastEventMs: containerStartMs, waiting: false, containerStartMs };
}

/**
 * Instant of the workload's last change at or before `ms` without building its pods: must
 * equal the latest `lastChangeMs` of `podInstancesAt` and of the controller objects (a test
 * checks it). Deployments change when a rollout starts, its pods start, it completes, and when
 * a leaking container restarts; CronJobs when a Job is created, starts or finishes.
 */
export function workloadChangeAt(seed: number, w: WorkloadPlan, ms: number): number {
  if (w.kind === 'Deployment') {
    const rev = revisionTimesAt(seed, w, ms);
    let last = rev.startedMs;
    if (ms >= rev.readyMs) last = rev.readyMs;
    const deadlineMs = rev.startedMs + PROGRESS_DEADLINE_SECONDS * 1000;
    if (rev.failure === 'deadline' && ms >= deadlineMs) last = Math.max(last, deadlineMs);
    // Pods are bound at podsScheduledMs (1 s after the start, or after the node they waited for), initialized 1 s later, started 1 s after that.
    const scheduledMs = rev.podsScheduledMs;
    const startedMs = scheduledMs + DEPLOYMENT_START_DELAY_MS - 1000;
    if (w.slots.some((node) => node !== null) && ms >= scheduledMs) last = Math.max(last, scheduledMs, ms >= scheduledMs + 1000 ? scheduledMs + 1000 : 0);
    if (w.slots.some((node) => node !== null) && ms >= startedMs) {
      last = Math.max(last, startedMs);
      if (rev.failure === 'crash') last = Math.max(last, crashLoopAt(startedMs, ms).lastEventMs);
      if (w.profile === 'leak') {
        const period = leakPeriodMs(seed, w);
        last = Math.max(last, startedMs + Math.floor((ms - startedMs) / period) * period);
      }
    }
    if (w.burst) last = Math.max(last, burstChangeAt(seed, w, revisionAt(seed, w, ms), ms));
    return last;
  }
  if (w.kind === 'CronJob') {
    const scheduled = w.slots[0] != null;
    let last = w.createdMs;
    for (const run of cronRunsAt(seed, w, ms, CRON_HISTORY)) {
      last = Math.max(last, run.createdMs);
      if (scheduled && run.startedMs <= ms) last = Math.max(last, run.startedMs);
      if (scheduled && run.completedMs <= ms) last = Math.max(last, run.completedMs);
    }
    return last;
  }
  return podInstancesAt(seed, w, ms).reduce((last, pod) => Math.max(last, pod.lastChangeMs), w.createdMs);
}

/** Latest change of the HPA-added replicas at `ms`: one's creation, scheduling, start or readiness, or their deletion. */
function burstChangeAt(seed: number, w: WorkloadPlan, revision: Revision, ms: number): number {
  let last = 0;
  for (const pod of burstPods(seed, w, revision, ms)) last = Math.max(last, pod.lastChangeMs);
  for (const b of burstNodesOfDay(seed, w, Math.floor(ms / DAY_MS) * DAY_MS)) if (b.podsUntilMs <= ms) last = Math.max(last, b.podsUntilMs);
  return last;
}

function replicaSetOwner(seed: number, w: WorkloadPlan, revision: Revision) {
  const hash = templateHash(seed, w, revision);
  const rsName = `${w.name}-${hash}`;
  return { hash, rsName, owner: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rsName, uid: uidFor(seed, 'ReplicaSet', w.namespace, rsName) } };
}

/**
 * The replicas the HPA added at `ms` on the nodes added for them (burst.ts), in the current
 * revision's ReplicaSet: a rollout replaces them too, so they are created at the later of
 * their node's readiness and the rollout's start.
 */
function burstPods(seed: number, w: WorkloadPlan, revision: Revision, ms: number): PodInstance[] {
  const spec = w.burst;
  if (!spec || revision.failure !== null) return [];
  const { hash, rsName, owner } = replicaSetOwner(seed, w, revision);
  const pods: PodInstance[] = [];
  for (const b of burstNodesAt(seed, w, ms)) {
    if (ms >= b.podsUntilMs) continue;
    for (let slot = 0; slot < spec.podsPerNode; slot++) {
      const createdMs = Math.max(burstPodCreatedMs(b, slot), revision.startedMs);
      if (createdMs > ms) continue;
      const name = `${rsName}-${k8sSuffix(5, seed, w.namespace, rsName, 'burst', b.node.name, slot)}`;
      const scheduledMs = createdMs + 1000;
      const startedMs = scheduledMs + DEPLOYMENT_START_DELAY_MS - 1000;
      const readyMs = startedMs + 5000;
      const base = lifecycle(ms, createdMs, startedMs, readyMs, null);
      pods.push({
        workload: w, node: b.node, ordinal: w.slots.length + b.index * spec.podsPerNode + slot, name, owner, revision, run: null, createdMs, startedMs, readyMs, completedMs: null,
        restarts: 0, containerStartMs: startedMs, scheduledMs, initializedMs: scheduledMs + 1000, waitingReason: null,
        uid: uidFor(seed, 'Pod', w.namespace, name),
        labels: { 'pod-template-hash': hash },
        ...base,
        lastChangeMs: Math.max(base.lastChangeMs, ...[scheduledMs, scheduledMs + 1000].filter((t) => t <= ms)),
      });
    }
  }
  return pods;
}

function deploymentPods(seed: number, w: WorkloadPlan, ms: number): PodInstance[] {
  const revision = revisionAt(seed, w, ms);
  const { hash, rsName, owner } = replicaSetOwner(seed, w, revision);
  // The unschedulable scenario: the pods wait (no node) until the node added for them is Ready, then run there.
  const added = addedNode(seed, w, revision);
  const planned = w.slots.map((slot, ordinal): PodInstance => {
    const name = `${rsName}-${k8sSuffix(5, seed, w.namespace, rsName, ordinal)}`;
    const createdMs = revision.startedMs;
    const scheduledMs = slot === null ? Number.POSITIVE_INFINITY : revision.podsScheduledMs;
    const node = added === null || slot === null ? slot : ms >= scheduledMs ? added : null;
    // An image that never pulls leaves the pod Pending (ImagePullBackOff) with its container never started.
    const pullFails = revision.failure === 'deadline';
    const startedMs = pullFails || slot === null ? Number.POSITIVE_INFINITY : scheduledMs + DEPLOYMENT_START_DELAY_MS - 1000;
    const readyMs = Math.max(startedMs, revision.readyMs);
    const base = lifecycle(ms, createdMs, startedMs, readyMs, null);
    const initializedMs = scheduledMs + 1000;
    let restarts = 0;
    let containerStartMs = startedMs;
    let waitingReason: PodInstance['waitingReason'] = null;
    let extraChangeMs = 0;
    if (slot !== null) extraChangeMs = Math.max(...[scheduledMs, initializedMs].filter((t) => t <= ms), 0);
    if (pullFails && slot !== null && ms >= createdMs + DEPLOYMENT_START_DELAY_MS) {
      waitingReason = 'ImagePullBackOff';
      extraChangeMs = createdMs + DEPLOYMENT_START_DELAY_MS;
    }
    if (revision.failure === 'crash' && base.phase === 'Running') {
      const loop = crashLoopAt(startedMs, ms);
      restarts = loop.restarts;
      containerStartMs = loop.containerStartMs;
      waitingReason = loop.waiting ? 'CrashLoopBackOff' : null;
      extraChangeMs = loop.lastEventMs;
    }
    if (w.profile === 'leak' && base.phase === 'Running' && revision.failure === null) {
      const period = leakPeriodMs(seed, w);
      restarts = Math.max(0, Math.floor((ms - startedMs) / period));
      containerStartMs = startedMs + restarts * period;
    }
    return {
      workload: w, node, ordinal, name, owner, revision, run: null, createdMs, startedMs, readyMs, completedMs: null, restarts, containerStartMs, scheduledMs, initializedMs, waitingReason,
      uid: uidFor(seed, 'Pod', w.namespace, name),
      labels: { 'pod-template-hash': hash },
      ...base,
      lastChangeMs: Math.max(base.lastChangeMs, restarts > 0 ? containerStartMs : 0, extraChangeMs),
    };
  });
  return w.burst ? [...planned, ...burstPods(seed, w, revision, ms)] : planned;
}

function controllerPod(seed: number, w: WorkloadPlan, ms: number, node: NodePlan | null, ordinal: number): PodInstance {
  const isSet = w.kind === 'StatefulSet';
  const name = isSet ? `${w.name}-${ordinal}` : `${w.name}-${k8sSuffix(5, seed, w.namespace, w.name, node?.name ?? ordinal)}`;
  // A StatefulSet that rolls out replaces its pods from the highest ordinal down, 30 s apart.
  let revision: Revision | null = isSet && w.deployEveryBusinessMs !== null ? revisionAt(seed, w, ms) : null;
  const updatedAt = (rev: Revision) => rev.startedMs + (w.replicas - 1 - ordinal) * 30_000;
  if (revision && revision.number > 1 && ms < updatedAt(revision)) revision = previousRevision(seed, w, revision, 1);
  const recreated = revision !== null && revision.number > 1;
  const createdMs = recreated ? updatedAt(revision as Revision) : Math.max(w.createdMs, node?.createdMs ?? 0) + ordinal * (isSet ? 30_000 : 0);
  const startedMs = pending(node, createdMs + 4000);
  const readyMs = startedMs + 10_000;
  const hash = k8sSuffix(10, seed, w.namespace, w.name, 'revision');
  const labels: Record<string, string> = { 'controller-revision-hash': isSet ? controllerRevisionName(seed, w, revision) : hash };
  if (isSet) {
    labels['statefulset.kubernetes.io/pod-name'] = name;
    labels['apps.kubernetes.io/pod-index'] = String(ordinal);
  } else {
    labels['pod-template-generation'] = '1';
  }
  const scheduledMs = node === null ? Number.POSITIVE_INFINITY : createdMs + 1000;
  const base = lifecycle(ms, createdMs, startedMs, readyMs, null);
  const conditionChanges = [scheduledMs, scheduledMs + 1000].filter((t) => t <= ms);
  return {
    workload: w, node, ordinal, name, revision, run: null, createdMs, startedMs, readyMs, completedMs: null, restarts: 0, containerStartMs: startedMs, labels,
    scheduledMs, initializedMs: scheduledMs + 1000, waitingReason: null,
    uid: recreated ? uidFor(seed, 'Pod', w.namespace, name, (revision as Revision).index) : uidFor(seed, 'Pod', w.namespace, name),
    owner: { apiVersion: 'apps/v1', kind: w.kind, name: w.name, uid: w.uid },
    ...base,
    lastChangeMs: Math.max(base.lastChangeMs, ...conditionChanges),
  };
}

function cronPods(seed: number, w: WorkloadPlan, ms: number): PodInstance[] {
  const node = w.slots[0] ?? null;
  return cronRunsAt(seed, w, ms, CRON_HISTORY).map((run) => {
    const job = jobName(w, run);
    const jobUid = uidFor(seed, 'Job', w.namespace, job);
    const name = `${job}-${k8sSuffix(5, seed, w.namespace, job)}`;
    const startedMs = pending(node, run.startedMs);
    const completedMs = node === null ? null : run.completedMs;
    return {
      workload: w, node, ordinal: 0, name, revision: null, run, createdMs: run.createdMs, startedMs, readyMs: startedMs, completedMs, restarts: 0, containerStartMs: startedMs,
      scheduledMs: node === null ? Number.POSITIVE_INFINITY : run.createdMs, initializedMs: node === null ? Number.POSITIVE_INFINITY : run.createdMs,
      uid: uidFor(seed, 'Pod', w.namespace, name),
      owner: { apiVersion: 'batch/v1', kind: 'Job', name: job, uid: jobUid },
      labels: { 'batch.kubernetes.io/controller-uid': jobUid, 'batch.kubernetes.io/job-name': job, 'controller-uid': jobUid, 'job-name': job },
      waitingReason: null,
      ...lifecycle(ms, run.createdMs, startedMs, startedMs, completedMs),
    };
  });
}
