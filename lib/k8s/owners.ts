import type { OwnerLink } from './types';

export interface OwnerReference {
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
}

export interface PodIdentity {
  namespace: string;
  name: string;
  nodeName: string | null;
  ownerReferences: OwnerReference[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface OwnerLookups {
  /** `namespace/replicaset` → its controlling owner (a Deployment). */
  replicaSetOwners: Map<string, OwnerLink>;
  /** `namespace/job` → its controlling owner (a CronJob). */
  jobOwners: Map<string, OwnerLink>;
}

export interface ResolvedOwner {
  ownerKind: string;
  ownerName: string;
  controllerKind: string;
  controllerName: string;
}

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

/**
 * A pod's direct owner and its top controller. The owner is the reference with
 * `controller: true`, else the first. ReplicaSet → its owner from `lookups.replicaSetOwners`
 * (`namespace/name`; usually a Deployment); a ReplicaSet not listed becomes the Deployment
 * named by stripping `-<hash>` only when the pod's `pod-template-hash` label equals that
 * suffix, else stays a ReplicaSet. Job → its owner from `lookups.jobOwners` (a CronJob), else
 * the Job. StatefulSet, DaemonSet and other kinds (custom controllers) are their own top.
 * A mirror (static) pod, owned by a Node or annotated `kubernetes.io/config.mirror`, is
 * owner Node/<node> and controller `StaticPod` named without its `-<nodeName>` suffix (when
 * present). A pod with no owner is owner and controller `Pod`/<pod name>.
 */
export function resolveOwner(pod: PodIdentity, lookups: OwnerLookups): ResolvedOwner {
  const owner = pod.ownerReferences.find((ref) => ref.controller) ?? pod.ownerReferences[0];
  if ((owner && owner.kind === 'Node') || pod.annotations[MIRROR_ANNOTATION] !== undefined) {
    const suffix = pod.nodeName ? `-${pod.nodeName}` : '';
    const base = suffix && pod.name.endsWith(suffix) ? pod.name.slice(0, -suffix.length) : pod.name;
    return {
      ownerKind: 'Node',
      ownerName: (owner?.kind === 'Node' ? owner.name : pod.nodeName) ?? '',
      controllerKind: 'StaticPod',
      controllerName: base,
    };
  }
  if (!owner) return { ownerKind: 'Pod', ownerName: pod.name, controllerKind: 'Pod', controllerName: pod.name };
  const direct = { ownerKind: owner.kind, ownerName: owner.name };
  const key = `${pod.namespace}/${owner.name}`;
  if (owner.kind === 'ReplicaSet') {
    const parent = lookups.replicaSetOwners.get(key);
    if (parent) return { ...direct, controllerKind: parent.kind, controllerName: parent.name };
    const hash = pod.labels['pod-template-hash'];
    if (hash && owner.name.endsWith(`-${hash}`)) {
      return { ...direct, controllerKind: 'Deployment', controllerName: owner.name.slice(0, -(hash.length + 1)) };
    }
  }
  if (owner.kind === 'Job') {
    const parent = lookups.jobOwners.get(key);
    if (parent) return { ...direct, controllerKind: parent.kind, controllerName: parent.name };
  }
  return { ...direct, controllerKind: owner.kind, controllerName: owner.name };
}
