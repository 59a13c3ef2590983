/**
 * The collector's view of one scrape of one cluster: plain records with units in every name,
 * independent of @kubernetes/client-node's classes so that the mapping, ingest and cost model
 * run on fixtures. Times are ISO-8601 UTC strings; CPU in millicores, memory in bytes.
 */
import type { SchedulingConstraints, Taint } from '../capacity/scheduling';

export type CapacityType = 'on-demand' | 'spot';

export interface NamespaceRecord {
  name: string;
  labels: Record<string, string>;
  createdAt: string | null;
}

export interface NodeRecord {
  uid: string;
  name: string;
  /** aws | gcp | azure | digitalocean | ... from spec.providerID, else null. */
  provider: string | null;
  instanceType: string | null;
  nodePool: string | null;
  capacityType: CapacityType;
  region: string | null;
  zone: string | null;
  cpuCapacityMillicores: number;
  memoryCapacityBytes: number;
  gpuCapacity: number;
  cpuAllocatableMillicores: number;
  memoryAllocatableBytes: number;
  gpuAllocatable: number;
  labels: Record<string, string>;
  /** spec.taints ([] when none). */
  taints?: Taint[];
  /** allocatable.pods (max pods), null when not reported. */
  maxPods?: number | null;
  createdAt: string | null;
  /** Ready=True condition's lastTransitionTime, else null. */
  readyAt: string | null;
}

export interface ContainerRecord {
  name: string;
  isInit: boolean;
  image: string;
  /** null when the container sets no request (not the same as zero). */
  cpuRequestMillicores: number | null;
  cpuLimitMillicores: number | null;
  memoryRequestBytes: number | null;
  memoryLimitBytes: number | null;
  /** nvidia.com/gpu + amd.com/gpu requested (limits when only limits are set, as Kubernetes defaults). */
  gpuRequest: number;
}

/** Top controller of a pod after following owner references. */
export type ControllerKind =
  | 'Deployment'
  | 'ReplicaSet'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'CronJob'
  | 'Job'
  | 'StaticPod'
  | 'Pod'
  | string;

export interface PodRecord {
  uid: string;
  namespace: string;
  name: string;
  nodeName: string | null;
  phase: string;
  /** The direct owner (ReplicaSet, Job, ...), or Pod / Node for bare and mirror pods. */
  ownerKind: string;
  ownerName: string;
  controllerKind: ControllerKind;
  controllerName: string;
  labels: Record<string, string>;
  createdAt: string | null;
  containers: ContainerRecord[];
  /** Names of the PVCs (same namespace) the pod mounts. */
  claimNames: string[];
  lifecycle: PodLifecycle;
  /** Node selector, required node affinity, tolerations, hostname anti-affinity; null when none. */
  scheduling?: SchedulingConstraints | null;
}

/** A pod's startup and health signals (condition times are lastTransitionTime while True). */
export interface PodLifecycle {
  scheduledAt: string | null;
  initializedAt: string | null;
  containersReadyAt: string | null;
  readyAt: string | null;
  /** PodScheduled=False reason=Unschedulable lastTransitionTime. */
  unschedulableSince: string | null;
  /** Σ of the containers' restartCount. */
  restarts: number;
  /** The first container's state.waiting.reason (CrashLoopBackOff, ImagePullBackOff, …). */
  waitingReason: string | null;
  /** The first container's lastState.terminated.reason (OOMKilled, Error, …). */
  lastTerminationReason: string | null;
  /** Label pod-template-hash / controller-revision-hash / rollouts-pod-template-hash. */
  revisionHash: string | null;
}

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Rollout';

export interface WorkloadConditionRecord {
  type: string;
  status: string;
  reason: string | null;
  lastUpdateTime: string | null;
  lastTransitionTime: string | null;
}

/** A Deployment, StatefulSet, DaemonSet or Argo Rollout with its rollout status. */
export interface WorkloadRecord {
  uid: string;
  namespace: string;
  name: string;
  kind: WorkloadKind;
  createdAt: string | null;
  generation: number;
  observedGeneration: number | null;
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  /** StatefulSet / DaemonSet ControllerRevision names (Rollout: stableRS / currentPodHash). */
  currentRevision: string | null;
  updateRevision: string | null;
  progressDeadlineSeconds: number | null;
  conditions: WorkloadConditionRecord[];
  /** The workload's own metadata.annotations (commit keys). */
  annotations: Record<string, string>;
}

/** One revision of a workload, from a ReplicaSet or a ControllerRevision. */
export interface RevisionRecord {
  workloadUid: string;
  namespace: string;
  workloadKind: WorkloadKind;
  workloadName: string;
  source: 'ReplicaSet' | 'ControllerRevision';
  /** deployment.kubernetes.io/revision, rollout.argoproj.io/revision, or the CR's `.revision`. */
  revision: number;
  /** deployment.kubernetes.io/revision-history (a reused ReplicaSet), else []. */
  revisionHistory: number[];
  /** pod-template-hash / rollouts-pod-template-hash / controller.kubernetes.io/hash. */
  templateHash: string;
  createdAt: string | null;
  /** The template's containers' images, in order (not init containers). */
  images: string[];
  templateAnnotations: Record<string, string>;
  /** sha256 of the pod template without the restartedAt annotation and the hash labels (stable key order). */
  specHash: string;
  /** Template annotation kubectl.kubernetes.io/restartedAt. */
  restartedAt: string | null;
  /** ReplicaSet status; null for ControllerRevisions. */
  replicas: number | null;
  readyReplicas: number | null;
  availableReplicas: number | null;
}

export interface PersistentVolumeRecord {
  name: string;
  capacityBytes: number;
  storageClass: string | null;
  phase: string | null;
  claimNamespace: string | null;
  claimName: string | null;
}

export interface PersistentVolumeClaimRecord {
  namespace: string;
  name: string;
  requestedBytes: number;
  capacityBytes: number | null;
  storageClass: string | null;
  volumeName: string | null;
  phase: string | null;
}

export interface ContainerUsageRecord {
  namespace: string;
  pod: string;
  container: string;
  cpuUsageMillicores: number;
  memoryUsageBytes: number;
  /** The metrics' own `timestamp` (end of the measurement window). */
  usageAt: string;
}

export interface NodeUsageRecord {
  name: string;
  cpuUsageMillicores: number;
  memoryUsageBytes: number;
  usageAt: string;
}

/** A resource metric an HPA scales on (`cpu`, `memory`) and its target as written. */
export interface HpaMetricRecord {
  resource: string;
  /** Utilization | AverageValue | Value. */
  targetType: string | null;
  /** Percent of request for Utilization, else the quantity (`500m`, `1Gi`). */
  target: string | null;
}

/** An autoscaling/v2 HorizontalPodAutoscaler. */
export interface HpaRecord {
  namespace: string;
  name: string;
  targetKind: string;
  targetName: string;
  minReplicas: number;
  maxReplicas: number;
  metrics: HpaMetricRecord[];
  currentReplicas: number | null;
  desiredReplicas: number | null;
}

/** Reference to the owner of a ReplicaSet or Job, used to resolve a pod's top controller. */
export interface OwnerLink {
  kind: string;
  name: string;
}

/** Everything one scrape read from one cluster. */
export interface Snapshot {
  cluster: string;
  /** Inventory time: the API server's `Date` header of the pod list. */
  sampledAt: string;
  namespaces: NamespaceRecord[];
  nodes: NodeRecord[];
  pods: PodRecord[];
  volumes: PersistentVolumeRecord[];
  claims: PersistentVolumeClaimRecord[];
  containerUsage: ContainerUsageRecord[];
  nodeUsage: NodeUsageRecord[];
  /** False when the cluster has no metrics.k8s.io (no metrics-server): inventory only. */
  metricsAvailable: boolean;
  workloads: WorkloadRecord[];
  revisions: RevisionRecord[];
  /** False when argoproj.io/v1alpha1 rollouts is not served (no Argo Rollouts CRD). */
  rolloutsServed: boolean;
  /** autoscaling/v2 HPAs (empty when the list is not served or forbidden). */
  hpas: HpaRecord[];
  warnings: string[];
}
