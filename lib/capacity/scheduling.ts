/**
 * The scheduling constraints the node-pool planner honours, in the compact shape the collector
 * stores (`pod.scheduling`, `node.taints`), and the scheduler's predicates over them: does a
 * node's labels satisfy a pod's selector and required node affinity, does the pod tolerate the
 * node's taints, and do two pods' required hostname anti-affinity keep them apart.
 */

/** A node selector requirement (`matchExpressions` of a nodeSelectorTerm). */
export interface LabelRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values?: string[];
}

/** A pod label selector (`matchLabels` and `matchExpressions`, ANDed). */
export interface PodSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelRequirement[];
  /** The namespaces whose pods it selects; absent = the pod's own, `['*']` = all. */
  namespaces?: string[];
}

export interface Toleration {
  /** Absent with operator Exists: tolerates every taint. */
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  /** Absent: every effect. */
  effect?: string;
}

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' | string;
}

/** What constrains where a pod can run; a field is absent when the pod sets none. */
export interface SchedulingConstraints {
  nodeSelector?: Record<string, string>;
  /** Required node affinity: nodeSelectorTerms, ORed; each term's requirements ANDed. */
  nodeAffinity?: LabelRequirement[][];
  tolerations?: Toleration[];
  /** Required pod anti-affinity with topologyKey kubernetes.io/hostname: no pod these select on the same node. */
  hostAntiAffinity?: PodSelector[];
}

/** Kubernetes' label requirement: In/NotIn on the value, Exists/DoesNotExist on the key, Gt/Lt as integers. */
export function requirementMatches(r: LabelRequirement, labels: Readonly<Record<string, string>>): boolean {
  const value = Object.hasOwn(labels, r.key) ? labels[r.key] : undefined;
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      const [limit] = values;
      if (value === undefined || limit === undefined || !/^-?\d+$/.test(value)) return false;
      return r.operator === 'Gt' ? Number(value) > Number(limit) : Number(value) < Number(limit);
    }
    default:
      return false;
  }
}

/**
 * Whether a node with `labels` satisfies the pod's nodeSelector (every pair equal) and its
 * required node affinity (some term whose every requirement matches). No constraints → true.
 */
export function labelsAdmit(constraints: SchedulingConstraints | null, labels: Readonly<Record<string, string>>): boolean {
  if (!constraints) return true;
  const selector = constraints.nodeSelector;
  if (selector) for (const key of Object.keys(selector)) if (labels[key] !== selector[key]) return false;
  const terms = constraints.nodeAffinity;
  if (terms && !terms.some((term) => term.every((r) => requirementMatches(r, labels)))) return false;
  return true;
}

/** Kubernetes' ToleratesTaint: effect empty or equal; key empty (with Exists) or equal; Exists, or Equal on the value. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key === undefined || t.key === '') return t.operator === 'Exists';
  if (t.key !== taint.key) return false;
  return t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? '');
}

/** Whether the pod tolerates every NoSchedule and NoExecute taint (PreferNoSchedule never blocks). */
export function toleratesAll(constraints: SchedulingConstraints | null, taints: readonly Taint[]): boolean {
  for (const taint of taints) {
    if (taint.effect === 'PreferNoSchedule') continue;
    if (!constraints?.tolerations?.some((t) => toleratesTaint(t, taint))) return false;
  }
  return true;
}

/** Whether a pod selector selects a pod with `labels` in `namespace`, the selector written in `ownNamespace`. */
export function selects(selector: PodSelector, ownNamespace: string, namespace: string, labels: Readonly<Record<string, string>>): boolean {
  const namespaces = selector.namespaces ?? [ownNamespace];
  if (!namespaces.includes('*') && !namespaces.includes(namespace)) return false;
  const match = selector.matchLabels;
  if (match) for (const key of Object.keys(match)) if (labels[key] !== match[key]) return false;
  return (selector.matchExpressions ?? []).every((r) => requirementMatches(r, labels));
}

/** A pod as the anti-affinity check sees it. */
export interface AntiAffinityPod {
  namespace: string;
  labels: Readonly<Record<string, string>>;
  constraints: SchedulingConstraints | null;
}

/** Whether `a` and `b` may not share a node: either one's required hostname anti-affinity selects the other. */
export function antiAffine(a: AntiAffinityPod, b: AntiAffinityPod): boolean {
  const one = (x: AntiAffinityPod, y: AntiAffinityPod) => (x.constraints?.hostAntiAffinity ?? []).some((s) => selects(s, x.namespace, y.namespace, y.labels));
  return one(a, b) || one(b, a);
}
