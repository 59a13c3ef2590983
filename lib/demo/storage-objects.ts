/** Namespaces, PersistentVolumeClaims and their gp3 EBS PersistentVolumes. */
import { resourceVersionAt } from './calendar';
import { k8sTime } from './clock';
import type { NamespacePlan, WorkloadPlan } from './model';
import type { NodePlan } from './pools';
import { claimName } from './podspec';
import { formatBytes } from './quantity';
import { hexId, uidFor } from './random';
import type { JsonObject } from './store';

/** `kubernetes.io/metadata.name` plus the `team` label where the namespace has an owner. */
export function namespaceLabels(ns: NamespacePlan): Record<string, string> {
  const labels: Record<string, string> = { 'kubernetes.io/metadata.name': ns.name };
  if (ns.team) labels.team = ns.team;
  return labels;
}

/** An Active Namespace. */
export function buildNamespace(ns: NamespacePlan): JsonObject {
  return {
    metadata: { name: ns.name, uid: ns.uid, resourceVersion: resourceVersionAt(ns.createdMs), creationTimestamp: k8sTime(ns.createdMs), labels: namespaceLabels(ns) },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

export interface Volume {
  namespace: string;
  claim: string;
  sizeBytes: number;
  createdMs: number;
  zone: string;
  /** Node the claim was first bound on; null for a claim no pod ever mounted. */
  node: NodePlan | null;
  labels: Record<string, string>;
  /** A PV left behind by a deleted claim (reclaim policy Retain). */
  released?: boolean;
}

/** Dynamically provisioned PVs are named `pvc-<claim uid>`. */
export function pvName(seed: number, v: Volume): string {
  return `pvc-${uidFor(seed, 'PersistentVolumeClaim', v.namespace, v.claim)}`;
}

/** A Bound gp3 claim provisioned by the EBS CSI driver. */
export function buildClaim(seed: number, v: Volume): JsonObject {
  const storage = formatBytes(v.sizeBytes);
  const annotations: Record<string, string> = {
    'pv.kubernetes.io/bind-completed': 'yes',
    'pv.kubernetes.io/bound-by-controller': 'yes',
    'volume.beta.kubernetes.io/storage-provisioner': 'ebs.csi.aws.com',
    'volume.kubernetes.io/storage-provisioner': 'ebs.csi.aws.com',
  };
  if (v.node) annotations['volume.kubernetes.io/selected-node'] = v.node.name;
  return {
    metadata: {
      name: v.claim,
      namespace: v.namespace,
      uid: uidFor(seed, 'PersistentVolumeClaim', v.namespace, v.claim),
      resourceVersion: resourceVersionAt(v.createdMs + 5000),
      creationTimestamp: k8sTime(v.createdMs),
      labels: v.labels,
      annotations,
      finalizers: ['kubernetes.io/pvc-protection'],
    },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } }, volumeName: pvName(seed, v), storageClassName: 'gp3', volumeMode: 'Filesystem' },
    status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage } },
  };
}

/** The EBS volume behind a claim, pinned to its zone; Released (Retain) for an orphan. */
export function buildVolume(seed: number, v: Volume): JsonObject {
  const name = pvName(seed, v);
  return {
    metadata: {
      name,
      uid: uidFor(seed, 'PersistentVolume', name),
      resourceVersion: resourceVersionAt(v.createdMs + 5000),
      creationTimestamp: k8sTime(v.createdMs + 3000),
      annotations: { 'pv.kubernetes.io/provisioned-by': 'ebs.csi.aws.com', 'volume.kubernetes.io/provisioner-deletion-secret-name': '', 'volume.kubernetes.io/provisioner-deletion-secret-namespace': '' },
      finalizers: ['kubernetes.io/pv-protection', 'external-attacher/ebs-csi-aws-com'],
    },
    spec: {
      capacity: { storage: formatBytes(v.sizeBytes) },
      csi: { driver: 'ebs.csi.aws.com', volumeHandle: `vol-0${hexId(16, seed, 'ebs', name)}`, fsType: 'ext4', volumeAttributes: { 'storage.kubernetes.io/csiProvisionerIdentity': '1704067200000-8081-ebs.csi.aws.com' } },
      accessModes: ['ReadWriteOnce'],
      claimRef: { kind: 'PersistentVolumeClaim', namespace: v.namespace, name: v.claim, uid: uidFor(seed, 'PersistentVolumeClaim', v.namespace, v.claim), apiVersion: 'v1', resourceVersion: resourceVersionAt(v.createdMs) },
      persistentVolumeReclaimPolicy: v.released ? 'Retain' : 'Delete',
      storageClassName: 'gp3',
      volumeMode: 'Filesystem',
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.ebs.csi.aws.com/zone', operator: 'In', values: [v.zone] }] }] } },
    },
    status: { phase: v.released ? 'Released' : 'Bound', lastPhaseTransitionTime: k8sTime(v.createdMs + 5000) },
  };
}

/** The claims of a StatefulSet's pods, in the zone of the node each pod runs on. */
export function statefulSetVolumes(w: WorkloadPlan): Volume[] {
  if (w.kind !== 'StatefulSet' || w.storageBytes === null) return [];
  return w.slots.map((node, ordinal) => ({
    namespace: w.namespace,
    claim: claimName(w, ordinal),
    sizeBytes: w.storageBytes ?? 0,
    createdMs: w.createdMs + ordinal * 30_000,
    zone: node?.zone ?? 'us-east-1a',
    node,
    labels: { app: w.name },
  }));
}
