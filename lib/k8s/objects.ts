/**
 * The minimal structural shapes of the Kubernetes objects the mappers read: only the fields
 * used, all optional, so that plain JSON (fixtures, list items without `kind`/`apiVersion`,
 * kubelet lists with `metadata: {}`) and client-node's typed objects (Date timestamps) both fit.
 */
import type { OwnerReference } from './owners';

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
}

export interface K8sObject {
  metadata?: ObjectMeta;
}

export interface K8sNode extends K8sObject {
  spec?: { providerID?: string };
  status?: { capacity?: Quantities; allocatable?: Quantities };
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
  };
  status?: { phase?: string };
}

export interface K8sPersistentVolume extends K8sObject {
  spec?: { capacity?: Quantities; storageClassName?: string; claimRef?: { namespace?: string; name?: string } };
  status?: { phase?: string };
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
