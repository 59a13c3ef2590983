/** CronJobs and the Jobs they leave behind. */
import { resourceVersionAt } from './calendar';
import { k8sTime } from './clock';
import { type PodInstance, jobName } from './instances';
import { type WorkloadPlan, workloadLabels } from './model';
import { podTemplate } from './podspec';
import type { JsonObject } from './store';

/** Instant of the latest change among the runs: a Job created or finished. */
export function cronChangeMs(pods: readonly PodInstance[], ms: number, createdMs: number): number {
  let last = createdMs;
  for (const pod of pods) {
    if (pod.createdMs <= ms) last = Math.max(last, pod.createdMs);
    if (pod.completedMs !== null && pod.completedMs <= ms) last = Math.max(last, pod.completedMs);
  }
  return last;
}

/** Instant of a Job's last change: created, its pod started, or finished. */
export function jobChangeMs(pod: PodInstance, ms: number): number {
  let last = pod.createdMs;
  if (pod.startedMs <= ms) last = Math.max(last, pod.startedMs);
  if (pod.completedMs !== null && pod.completedMs <= ms) last = Math.max(last, pod.completedMs);
  return last;
}

/** A CronJob whose status names its running Job and its last scheduled and successful runs. */
export function buildCronJob(w: WorkloadPlan, seed: number, pods: readonly PodInstance[], ms: number): JsonObject {
  const latest = pods[0];
  const lastSuccess = pods.find((p) => p.phase === 'Succeeded');
  const active = pods.filter((p) => p.phase !== 'Succeeded');
  const status: JsonObject = {};
  if (active.length > 0) {
    status.active = active.map((p) => ({ kind: 'Job', namespace: w.namespace, name: p.owner.name, uid: p.owner.uid, apiVersion: 'batch/v1', resourceVersion: resourceVersionAt(p.createdMs) }));
  }
  if (latest?.run) status.lastScheduleTime = k8sTime(latest.run.scheduledMs);
  if (lastSuccess?.completedMs) status.lastSuccessfulTime = k8sTime(lastSuccess.completedMs);
  return {
    metadata: {
      name: w.name,
      namespace: w.namespace,
      uid: w.uid,
      resourceVersion: resourceVersionAt(cronChangeMs(pods, ms, w.createdMs)),
      generation: 1,
      creationTimestamp: k8sTime(w.createdMs),
      labels: workloadLabels(w),
    },
    spec: {
      schedule: w.schedule?.expression ?? '',
      concurrencyPolicy: 'Forbid',
      suspend: false,
      jobTemplate: { metadata: { creationTimestamp: null }, spec: { backoffLimit: 2, template: podTemplate(seed, w, null) } },
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    },
    status,
  };
}

/** The Job of one CronJob run (one pod, completions 1), Complete once its pod has Succeeded. */
export function buildJob(w: WorkloadPlan, seed: number, pod: PodInstance, ms: number): JsonObject {
  const run = pod.run;
  const name = run ? jobName(w, run) : pod.owner.name;
  const done = pod.phase === 'Succeeded';
  const selectorLabels = { 'batch.kubernetes.io/controller-uid': pod.owner.uid };
  const jobLabels = { ...selectorLabels, 'batch.kubernetes.io/job-name': name, 'controller-uid': pod.owner.uid, 'job-name': name };
  const template = podTemplate(seed, w, null, jobLabels);
  const status: JsonObject = { startTime: k8sTime(pod.createdMs) };
  if (done && pod.completedMs !== null) {
    status.completionTime = k8sTime(pod.completedMs);
    status.succeeded = 1;
    status.conditions = [{ type: 'Complete', status: 'True', lastProbeTime: k8sTime(pod.completedMs), lastTransitionTime: k8sTime(pod.completedMs) }];
  } else {
    status.active = 1;
  }
  status.terminating = 0;
  status.uncountedTerminatedPods = {};
  status.ready = pod.ready && !done ? 1 : 0;
  return {
    metadata: {
      name,
      namespace: w.namespace,
      uid: pod.owner.uid,
      resourceVersion: resourceVersionAt(jobChangeMs(pod, ms)),
      generation: 1,
      creationTimestamp: k8sTime(pod.createdMs),
      labels: jobLabels,
      annotations: { 'batch.kubernetes.io/job-tracking': '' },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: w.name, uid: w.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      parallelism: 1,
      completions: 1,
      backoffLimit: 2,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: selectorLabels },
      template,
    },
    status,
  };
}
