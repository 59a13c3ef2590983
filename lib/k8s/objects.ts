/**
 * The minimal structural shapes of the Kubernetes objects the mappers read: only the fields
 * used, all optional, so that plain JSON (fixtures, list items without `kind`/`apiVersion`,
 * kubelet lists with `metadata: {}`) and client-node's typed objects (Date timestamps) both fit.
 */
import type { OwnerReference } from './owners';
import type { K8sSchedulingSpec } from './to-scheduling';

/** A resource list as the API writes it (`{cpu: "500m", memory: "1Gi", ...}`). */
export type Quantities = Record<string, string | undefined>;

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string | Date;
  ownerReferences?: OwnerReference[];
  generation?: number;
}

/** A status condition as pods, nodes and workloads write it. */
export interface K8sCondition {
  type: string;
  status: string;
  reason?: string;
  lastUpdateTime?: string | Date;
  lastTransitionTime?: string | Date;
}

export interface K8sContainerStatus {
  restartCount?: number;
  state?: { waiting?: { reason?: string } };
  lastState?: { terminated?: { reason?: string } };
}

export interface K8sObject {
  metadata?: ObjectMeta;
}

export interface K8sNode extends K8sObject {
  spec?: { providerID?: string; taints?: { key?: string; value?: string; effect?: string }[] };
  status?: { capacity?: Quantities; allocatable?: Quantities; conditions?: K8sCondition[] };
}

export interface K8sContainer {
  name: string;
  image?: string;
  resources?: { requests?: Quantities; limits?: Quantities };
}

export interface K8sPod extends K8sObject {
  spec?: {
    nodeName?: string;
    containers?: K8sContainer[];
    initContainers?: K8sContainer[];
    volumes?: { persistentVolumeClaim?: { claimName?: string } }[];
  } & K8sSchedulingSpec;
  status?: { phase?: string; conditions?: K8sCondition[]; containerStatuses?: K8sContainerStatus[] };
}

/** A pod template (Deployment, ReplicaSet, ControllerRevision data, Rollout). */
export interface K8sPodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { containers?: { image?: string }[] };
}

/** apps/v1 Deployment, StatefulSet, DaemonSet, ReplicaSet, or argoproj.io Rollout: the fields read. */
export interface K8sWorkload extends K8sObject {
  spec?: { replicas?: number; progressDeadlineSeconds?: number; template?: K8sPodTemplate };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    currentRevision?: string;
    updateRevision?: string;
    // DaemonSet
    desiredNumberScheduled?: number;
    updatedNumberScheduled?: number;
    numberReady?: number;
    numberAvailable?: number;
    // Argo Rollout
    stableRS?: string;
    currentPodHash?: string;
    conditions?: K8sCondition[];
  };
}

/** apps/v1 ControllerRevision: `data` is the patch holding the pod template. */
export interface K8sControllerRevision extends K8sObject {
  revision?: number;
  data?: { spec?: { template?: K8sPodTemplate } } | unknown;
}

export interface K8sPersistentVolume extends K8sObject {
  spec?: { capacity?: Quantities; storageClassName?: string; claimRef?: { namespace?: string; name?: string } };
  status?: { phase?: string; conditions?: K8sCondition[]; containerStatuses?: K8sContainerStatus[] };
}

/** A pod template (Deployment, ReplicaSet, ControllerRevision data, Rollout). */
export interface K8sPodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { containers?: { image?: string }[] };
}

/** apps/v1 Deployment, StatefulSet, DaemonSet, ReplicaSet, or argoproj.io Rollout: the fields read. */
export interface K8sWorkload extends K8sObject {
  spec?: { replicas?: number; progressDeadlineSeconds?: number; template?: K8sPodTemplate };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    currentRevision?: string;
    updateRevision?: string;
    // DaemonSet
    desiredNumberScheduled?: number;
    updatedNumberScheduled?: number;
    numberReady?: number;
    numberAvailable?: number;
    // Argo Rollout
    stableRS?: string;
    currentPodHash?: string;
    conditions?: K8sCondition[];
  };
}

/** apps/v1 ControllerRevision: `data` is the patch holding the pod template. */
export interface K8sControllerRevision extends K8sObject {
  revision?: number;
  data?: { spec?: { template?: K8sPodTemplate } } | unknown;
}

export interface K8sPersistentVolumeClaim extends K8sObject {
  spec?: { resources?: { requests?: Quantities }; storageClassName?: string; volumeName?: string };
  status?: { phase?: string; capacity?: Quantities };
}

export interface K8sPodMetrics extends K8sObject {
  timestamp?: string | Date;
  containers?: { name: string; usage?: Quantities }[];
}

export interface K8sNodeMetrics extends K8sObject {
  timestamp?: string | Date;
  usage?: Quantities;
}
