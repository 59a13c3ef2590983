/** Deployments, ReplicaSets, StatefulSets and DaemonSets of the generated organisation. */
import { resourceVersionAt } from './calendar';
import { k8sTime } from './clock';
import { gitopsMeta } from './gitops';
import { type PodInstance, controllerRevisionName, templateHash } from './instances';
import { type WorkloadPlan, workloadLabels } from './model';
import { podTemplate, templateMeta } from './podspec';
import { formatBytes } from './quantity';
import { uidFor } from './random';
import type { JsonObject } from './store';
import { PROGRESS_DEADLINE_SECONDS, type Revision, previousRevision } from './timeline';

/** Old ReplicaSets a Deployment keeps. */
export const REVISION_HISTORY = 3;

function meta(w: WorkloadPlan, lastChangeMs: number, generation: number, annotations?: Record<string, string>): JsonObject {
  const gitops = gitopsMeta(w);
  const m: JsonObject = {
    name: w.name,
    namespace: w.namespace,
    uid: w.uid,
    resourceVersion: resourceVersionAt(lastChangeMs),
    generation,
    creationTimestamp: k8sTime(w.createdMs),
    labels: { ...workloadLabels(w), ...gitops.labels },
  };
  const all = { ...gitops.annotations, ...annotations };
  if (Object.keys(all).length > 0) m.annotations = all;
  return m;
}

function counts(pods: readonly PodInstance[]) {
  return { total: pods.length, ready: pods.filter((p) => p.ready).length, running: pods.filter((p) => p.phase === 'Running').length };
}

/** Non-zero integer fields only, as Go's omitempty does. */
function nonZero(fields: Record<string, number>): JsonObject {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== 0));
}

function condition(type: string, ok: boolean, sinceMs: number, reason: string, message: string): JsonObject {
  const at = k8sTime(sinceMs);
  return { type, status: ok ? 'True' : 'False', lastUpdateTime: at, lastTransitionTime: at, reason, message };
}

/** Instant a failed revision exceeds its progress deadline. */
export function deadlineMs(revision: Revision): number {
  return revision.startedMs + PROGRESS_DEADLINE_SECONDS * 1000;
}

/** Instant of the Deployment's last status change: its rollout starting, completing, or exceeding its deadline. */
export function deploymentChangeMs(revision: Revision, ms: number): number {
  if (revision.failure === 'deadline' && ms >= deadlineMs(revision)) return deadlineMs(revision);
  return ms >= revision.readyMs ? revision.readyMs : revision.startedMs;
}

/** A Deployment at its current revision; Available/Progressing conditions follow the rollout. */
export function buildDeployment(seed: number, w: WorkloadPlan, revision: Revision, pods: readonly PodInstance[], ms: number): JsonObject {
  const c = counts(pods);
  const rsName = `${w.name}-${templateHash(seed, w, revision)}`;
  const done = c.ready === c.total;
  const changeMs = deploymentChangeMs(revision, ms);
  const minAvailable = w.replicas - Math.floor(w.replicas / 4);
  const stalled = revision.failure === 'deadline' && ms >= deadlineMs(revision);
  const progressing = stalled
    ? { ...condition('Progressing', false, deadlineMs(revision), 'ProgressDeadlineExceeded', `ReplicaSet "${rsName}" has timed out progressing.`), lastUpdateTime: k8sTime(deadlineMs(revision)) }
    : done
      ? condition('Progressing', true, changeMs, 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`)
      : condition('Progressing', true, revision.startedMs, 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`);
  const annotations: Record<string, string> = { 'deployment.kubernetes.io/revision': String(revision.number) };
  return {
    metadata: meta(w, changeMs, revision.number, annotations),
    spec: {
      // The HPA sets the replica count of a burst workload.
      replicas: w.burst ? pods.length : w.replicas,
      selector: { matchLabels: { app: w.name } },
      template: podTemplate(seed, w, revision),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: REVISION_HISTORY,
      progressDeadlineSeconds: PROGRESS_DEADLINE_SECONDS,
    },
    status: {
      observedGeneration: revision.number,
      ...nonZero({ replicas: c.total, updatedReplicas: c.total, readyReplicas: c.ready, availableReplicas: c.ready, unavailableReplicas: c.total - c.ready }),
      conditions: [
        c.ready >= minAvailable
          ? condition('Available', true, changeMs, 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
          : condition('Available', false, revision.startedMs, 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'),
        progressing,
      ],
    },
  };
}

export interface ReplicaSetState {
  name: string;
  lastChangeMs: number;
  object: () => JsonObject;
}

/**
 * The current ReplicaSet and up to REVISION_HISTORY old ones (scaled to zero). A rollback
 * reuses an old ReplicaSet (same pod-template-hash), so older revisions of the same template
 * are not listed again: the reused one carries their numbers in its revision-history.
 */
export function replicaSets(seed: number, w: WorkloadPlan, revision: Revision, pods: readonly PodInstance[], ms: number): ReplicaSetState[] {
  const out: ReplicaSetState[] = [];
  const seen = new Set<number>();
  let newer: Revision = revision;
  for (let back = 0; out.length <= REVISION_HISTORY && back <= REVISION_HISTORY + 2; back++) {
    const rev = back === 0 ? revision : previousRevision(seed, w, revision, back);
    if (!rev) break;
    const scaledDownMs = newer.startedMs;
    newer = rev;
    if (seen.has(rev.templateIndex)) continue;
    seen.add(rev.templateIndex);
    const lastChangeMs = back === 0 ? deploymentChangeMs(rev, ms) : scaledDownMs;
    out.push({ name: `${w.name}-${templateHash(seed, w, rev)}`, lastChangeMs, object: () => buildReplicaSet(seed, w, rev, back === 0 ? pods : [], lastChangeMs) });
  }
  return out;
}

function buildReplicaSet(seed: number, w: WorkloadPlan, revision: Revision, pods: readonly PodInstance[], lastChangeMs: number): JsonObject {
  const hash = templateHash(seed, w, revision);
  const name = `${w.name}-${hash}`;
  const replicas = pods.length === 0 ? 0 : w.burst ? pods.length : w.replicas;
  const c = counts(pods);
  const surge = Math.ceil(w.replicas / 4);
  return {
    metadata: {
      name,
      namespace: w.namespace,
      uid: uidFor(seed, 'ReplicaSet', w.namespace, name),
      resourceVersion: resourceVersionAt(lastChangeMs),
      generation: replicas === 0 ? 2 : 1,
      creationTimestamp: k8sTime(revision.templateStartedMs),
      labels: { ...templateMeta(w, revision).labels, 'pod-template-hash': hash },
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(w.replicas),
        'deployment.kubernetes.io/max-replicas': String(w.replicas + surge),
        'deployment.kubernetes.io/revision': String(revision.number),
        ...(revision.revisionHistory.length > 0 ? { 'deployment.kubernetes.io/revision-history': revision.revisionHistory.join(',') } : {}),
      },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: w.name, uid: w.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: w.name, 'pod-template-hash': hash } },
      template: podTemplate(seed, w, revision, { 'pod-template-hash': hash }),
    },
    status: { replicas: c.total, ...nonZero({ fullyLabeledReplicas: c.total, readyReplicas: c.ready, availableReplicas: c.ready }), observedGeneration: replicas === 0 ? 2 : 1 },
  };
}

/** A StatefulSet with its gp3 volumeClaimTemplate; status counts from its pods. */
export function buildStatefulSet(seed: number, w: WorkloadPlan, revision: Revision | null, pods: readonly PodInstance[], lastChangeMs: number): JsonObject {
  const c = counts(pods);
  const updateRevision = controllerRevisionName(seed, w, revision);
  const updated = pods.filter((p) => p.labels['controller-revision-hash'] === updateRevision).length;
  // The rolling update is complete once every pod runs the update revision and is ready.
  const complete = updated === pods.length && c.ready === c.total;
  const previous = revision ? previousRevision(seed, w, revision, 1) : null;
  const currentRevision = complete || !previous ? updateRevision : controllerRevisionName(seed, w, previous);
  const generation = revision?.number ?? 1;
  return {
    metadata: meta(w, lastChangeMs, generation),
    spec: {
      replicas: w.replicas,
      selector: { matchLabels: { app: w.name } },
      template: podTemplate(seed, w, revision),
      volumeClaimTemplates: [
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: 'data', creationTimestamp: null },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: formatBytes(w.storageBytes ?? 0) } }, storageClassName: 'gp3', volumeMode: 'Filesystem' },
          status: { phase: 'Pending' },
        },
      ],
      serviceName: w.name,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    },
    status: {
      observedGeneration: generation,
      replicas: c.total,
      ...nonZero({ readyReplicas: c.ready, currentReplicas: complete ? c.total : c.total - updated, updatedReplicas: updated }),
      currentRevision,
      updateRevision,
      collisionCount: 0,
      ...nonZero({ availableReplicas: c.ready }),
    },
  };
}

/** A DaemonSet; desired = the eligible nodes its pods were placed on. */
export function buildDaemonSet(seed: number, w: WorkloadPlan, pods: readonly PodInstance[], lastChangeMs: number): JsonObject {
  const c = counts(pods);
  return {
    metadata: meta(w, lastChangeMs, 1, { 'deprecated.daemonset.template.generation': '1' }),
    spec: {
      selector: { matchLabels: { app: w.name } },
      template: podTemplate(seed, w, null),
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    },
    status: {
      currentNumberScheduled: c.total,
      numberMisscheduled: 0,
      desiredNumberScheduled: c.total,
      numberReady: c.ready,
      observedGeneration: 1,
      ...nonZero({ updatedNumberScheduled: c.total, numberAvailable: c.ready, numberUnavailable: c.total - c.ready }),
    },
  };
}
