/**
 * A unit is a group of objects that change together (a workload with its ReplicaSets, Jobs,
 * pods and volumes; a node; the namespaces). `changeAt(ms)` is the instant of its last change
 * at or before `ms`: two instants with the same value render identical objects, which is what
 * lets the source cache snapshots and the watch find what changed.
 */
import { buildDaemonSet, buildDeployment, buildStatefulSet, replicaSets } from './apps-objects';
import { buildCronJob, buildJob, jobChangeMs } from './batch-objects';
import { addedNodeAt, addedNodeChangeAt } from './added-nodes';
import { burstNodesAt, burstNodesChangeAt } from './burst';
import { type PodInstance, podInstancesAt, workloadChangeAt } from './instances';
import { type NamespacePlan, type WorkloadPlan, workloadLabels } from './model';
import { buildNode, nodeHeartbeatMs, nodeLabels } from './node-objects';
import { buildPod } from './pod-objects';
import { controllerRevisions } from './revision-objects';
import type { NodePlan } from './pools';
import { type Entry, LazyEntry } from './store';
import { type Volume, buildClaim, buildNamespace, buildVolume, namespaceLabels, pvName, statefulSetVolumes } from './storage-objects';
import { revisionAt } from './timeline';

export const IDS = {
  namespaces: 'v1/namespaces',
  nodes: 'v1/nodes',
  pods: 'v1/pods',
  pvs: 'v1/persistentvolumes',
  pvcs: 'v1/persistentvolumeclaims',
  deployments: 'apps/v1/deployments',
  replicasets: 'apps/v1/replicasets',
  statefulsets: 'apps/v1/statefulsets',
  daemonsets: 'apps/v1/daemonsets',
  controllerrevisions: 'apps/v1/controllerrevisions',
  jobs: 'batch/v1/jobs',
  cronjobs: 'batch/v1/cronjobs',
  nodeMetrics: 'metrics.k8s.io/v1beta1/nodes',
  podMetrics: 'metrics.k8s.io/v1beta1/pods',
  events: 'v1/events',
  eventsV1: 'events.k8s.io/v1/events',
  hpas: 'autoscaling/v2/horizontalpodautoscalers',
} as const;

export type Rendered = Map<string, Entry[]>;

/** The change key of a unit whose objects do not exist yet at the instant asked. */
export const ABSENT = Number.NEGATIVE_INFINITY;

export interface Unit {
  readonly resources: readonly string[];
  changeAt(ms: number): number;
  render(ms: number): Rendered;
}

/** A pod entry that keeps its instance, for metrics. */
export class PodEntry extends LazyEntry {
  constructor(
    readonly instance: PodInstance,
    build: () => ReturnType<typeof buildPod>,
  ) {
    const w = instance.workload;
    const fields: Record<string, string> = { 'status.phase': instance.phase, 'spec.nodeName': instance.node?.name ?? '' };
    super(w.namespace, instance.name, instance.lastChangeMs, { ...workloadLabels(w), ...w.podLabels, ...instance.labels }, fields, build);
  }
}

const RESOURCES_OF: Record<WorkloadPlan['kind'], string[]> = {
  Deployment: [IDS.deployments, IDS.replicasets, IDS.pods],
  StatefulSet: [IDS.statefulsets, IDS.controllerrevisions, IDS.pods, IDS.pvcs, IDS.pvs],
  DaemonSet: [IDS.daemonsets, IDS.controllerrevisions, IDS.pods],
  CronJob: [IDS.cronjobs, IDS.jobs, IDS.pods],
};

/** Far enough ahead that every one-off transition of a workload that never rolls out has happened. */
const SETTLED_PROBE_MS = Date.UTC(2100, 0, 1);

export class WorkloadUnit implements Unit {
  readonly resources: readonly string[];
  private readonly settled: { afterMs: number } | null;

  constructor(
    private readonly seed: number,
    private readonly w: WorkloadPlan,
    private readonly nodeCount: number,
  ) {
    this.resources = RESOURCES_OF[w.kind];
    const changes = w.kind !== 'CronJob' && w.deployEveryBusinessMs === null && w.profile !== 'leak' && w.burst === null;
    this.settled = changes ? { afterMs: this.computeChange(SETTLED_PROBE_MS) } : null;
  }

  changeAt(ms: number): number {
    if (ms < this.w.createdMs) return ABSENT;
    if (this.settled && ms >= this.settled.afterMs) return this.settled.afterMs;
    return this.computeChange(ms);
  }

  private computeChange(ms: number): number {
    return workloadChangeAt(this.seed, this.w, ms);
  }

  render(ms: number): Rendered {
    const { seed, w } = this;
    if (ms < w.createdMs) return new Map();
    const pods = podInstancesAt(seed, w, ms);
    const change = this.changeAt(ms);
    const labels = workloadLabels(w);
    const own = (build: () => ReturnType<typeof buildDeployment>) => new LazyEntry(w.namespace, w.name, change, labels, {}, build);
    const out: Rendered = new Map();
    out.set(IDS.pods, pods.map((pod) => new PodEntry(pod, () => buildPod(seed, pod, ms, this.nodeCount))));
    if (w.kind === 'StatefulSet' || w.kind === 'DaemonSet') {
      out.set(IDS.controllerrevisions, controllerRevisions(seed, w, w.deployEveryBusinessMs === null ? null : revisionAt(seed, w, ms)).map((cr) => new LazyEntry(w.namespace, cr.name, cr.lastChangeMs, null, {}, cr.object)));
    }
    if (w.kind === 'Deployment') {
      const revision = revisionAt(seed, w, ms);
      out.set(IDS.deployments, [own(() => buildDeployment(seed, w, revision, pods, ms))]);
      out.set(IDS.replicasets, replicaSets(seed, w, revision, pods, ms).map((rs) => new LazyEntry(w.namespace, rs.name, rs.lastChangeMs, null, {}, rs.object)));
    } else if (w.kind === 'StatefulSet') {
      const revision = w.deployEveryBusinessMs === null ? null : revisionAt(seed, w, ms);
      out.set(IDS.statefulsets, [own(() => buildStatefulSet(seed, w, revision, pods, change))]);
      const volumes = statefulSetVolumes(w);
      out.set(IDS.pvcs, volumes.map((v) => claimEntry(seed, v)));
      out.set(IDS.pvs, volumes.map((v) => volumeEntry(seed, v)));
    } else if (w.kind === 'DaemonSet') {
      out.set(IDS.daemonsets, [own(() => buildDaemonSet(seed, w, pods, change))]);
    } else {
      out.set(IDS.cronjobs, [own(() => buildCronJob(w, seed, pods, ms))]);
      out.set(IDS.jobs, pods.map((pod) => new LazyEntry(w.namespace, pod.owner.name, jobChangeMs(pod, ms), null, {}, () => buildJob(w, seed, pod, ms))));
    }
    return out;
  }
}

function claimEntry(seed: number, v: Volume): Entry {
  return new LazyEntry(v.namespace, v.claim, v.createdMs + 5000, v.labels, {}, () => buildClaim(seed, v));
}

function volumeEntry(seed: number, v: Volume): Entry {
  return new LazyEntry(null, pvName(seed, v), v.createdMs + 5000, {}, {}, () => buildVolume(seed, v));
}

export class NodeUnit implements Unit {
  readonly resources = [IDS.nodes];

  constructor(
    private readonly seed: number,
    private readonly node: NodePlan,
  ) {}

  changeAt(ms: number): number {
    return ms < this.node.createdMs ? ABSENT : nodeHeartbeatMs(this.node, ms);
  }

  render(ms: number): Rendered {
    if (ms < this.node.createdMs) return new Map();
    const entry = new LazyEntry(null, this.node.name, this.changeAt(ms), nodeLabels(this.node), {}, () => buildNode(this.seed, this.node, ms));
    return new Map([[IDS.nodes, [entry]]]);
  }
}

/** The nodes the cluster autoscaler adds for one workload's waiting pods (added-nodes.ts). */
export class AddedNodesUnit implements Unit {
  readonly resources = [IDS.nodes];

  constructor(
    private readonly seed: number,
    private readonly w: WorkloadPlan,
  ) {}

  changeAt(ms: number): number {
    return ms < this.w.createdMs ? ABSENT : addedNodeChangeAt(this.seed, this.w, ms, nodeHeartbeatMs);
  }

  render(ms: number): Rendered {
    const added = ms < this.w.createdMs ? null : addedNodeAt(this.seed, this.w, ms);
    if (!added) return new Map();
    const { node } = added;
    const entry = new LazyEntry(null, node.name, this.changeAt(ms), nodeLabels(node), {}, () => buildNode(this.seed, node, ms));
    return new Map([[IDS.nodes, [entry]]]);
  }
}

/** The nodes the cluster autoscaler adds for one workload's HPA replicas (burst.ts). */
export class BurstNodesUnit implements Unit {
  readonly resources = [IDS.nodes];

  constructor(
    private readonly seed: number,
    private readonly w: WorkloadPlan,
  ) {}

  changeAt(ms: number): number {
    return ms < this.w.createdMs ? ABSENT : burstNodesChangeAt(this.seed, this.w, ms, nodeHeartbeatMs);
  }

  render(ms: number): Rendered {
    if (ms < this.w.createdMs) return new Map();
    const change = this.changeAt(ms);
    const entries = burstNodesAt(this.seed, this.w, ms).map(({ node }) => new LazyEntry(null, node.name, change, nodeLabels(node), {}, () => buildNode(this.seed, node, ms)));
    return new Map([[IDS.nodes, entries]]);
  }
}

/** Objects that never change: the namespaces, and storage nobody mounts. */
export class StaticUnit implements Unit {
  readonly resources = [IDS.namespaces, IDS.pvcs, IDS.pvs];

  constructor(
    private readonly seed: number,
    private readonly namespaces: readonly NamespacePlan[],
    private readonly volumes: readonly Volume[],
  ) {}

  /** The latest creation at or before `ms`: each creation adds an object. */
  changeAt(ms: number): number {
    let last = ABSENT;
    for (const list of [this.namespaces, this.volumes]) {
      for (const item of list) if (item.createdMs <= ms && item.createdMs > last) last = item.createdMs;
    }
    return last;
  }

  render(ms: number): Rendered {
    const { seed } = this;
    const volumes = this.volumes.filter((v) => v.createdMs <= ms);
    return new Map([
      [IDS.namespaces, this.namespaces.filter((ns) => ns.createdMs <= ms).map((ns) => new LazyEntry(null, ns.name, ns.createdMs, namespaceLabels(ns), {}, () => buildNamespace(ns)))],
      [IDS.pvcs, volumes.filter((v) => !v.released).map((v) => claimEntry(seed, v))],
      [IDS.pvs, volumes.map((v) => volumeEntry(seed, v))],
    ]);
  }
}
