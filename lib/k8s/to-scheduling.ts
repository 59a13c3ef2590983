/**
 * A pod's scheduling constraints and a node's taints in the planner's compact shape
 * (lib/capacity/scheduling.ts). Nothing is allocated for a pod without constraints: the
 * tolerations every pod gets by admission (node.kubernetes.io/* condition taints, which no
 * planned node carries) are skipped, and so are matchFields terms (DaemonSet pods pinned to
 * their node by name, planned as overhead), so such a pod maps to null.
 */
import type { LabelRequirement, PodSelector, SchedulingConstraints, Taint, Toleration } from '../capacity/scheduling';
import type { Intern } from './intern';

interface K8sRequirement { key?: string; operator?: string; values?: string[] }
interface K8sLabelSelector { matchLabels?: Record<string, string>; matchExpressions?: K8sRequirement[] }
interface K8sPodAffinityTerm { labelSelector?: K8sLabelSelector; namespaces?: string[]; namespaceSelector?: K8sLabelSelector; topologyKey?: string }

/** The fields of a pod spec read here. */
export interface K8sSchedulingSpec {
  nodeSelector?: Record<string, string>;
  tolerations?: { key?: string; operator?: string; value?: string; effect?: string }[];
  affinity?: {
    nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: { matchExpressions?: K8sRequirement[] }[] } };
    podAntiAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: K8sPodAffinityTerm[] };
  };
}

const HOSTNAME = 'kubernetes.io/hostname';
const keep: Intern = (value) => value;

function requirement(r: K8sRequirement, intern: Intern): LabelRequirement {
  const out: LabelRequirement = { key: intern(r.key ?? ''), operator: (r.operator ?? 'In') as LabelRequirement['operator'] };
  if (r.values?.length) out.values = r.values.map(intern);
  return out;
}

/** The pod's constraints, or null when it has none that matter to placement. */
export function toSchedulingConstraints(spec: K8sSchedulingSpec | undefined, intern: Intern = keep): SchedulingConstraints | null {
  if (!spec) return null;
  let out: SchedulingConstraints | null = null;
  const selector = spec.nodeSelector;
  if (selector && Object.keys(selector).length > 0) {
    out = { nodeSelector: Object.fromEntries(Object.entries(selector).map(([k, v]) => [intern(k), intern(v)])) };
  }
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms?.some((t) => t.matchExpressions?.length)) {
    (out ??= {}).nodeAffinity = terms.filter((t) => t.matchExpressions?.length).map((t) => t.matchExpressions!.map((r) => requirement(r, intern)));
  }
  for (const t of spec.tolerations ?? []) {
    if (t.key?.startsWith('node.kubernetes.io/')) continue;
    const toleration: Toleration = {};
    if (t.key) toleration.key = intern(t.key);
    if (t.operator) toleration.operator = t.operator === 'Exists' ? 'Exists' : 'Equal';
    if (t.value) toleration.value = intern(t.value);
    if (t.effect) toleration.effect = intern(t.effect);
    ((out ??= {}).tolerations ??= []).push(toleration);
  }
  for (const term of spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
    if (term.topologyKey !== HOSTNAME) continue;
    const s: PodSelector = {};
    const labels = term.labelSelector?.matchLabels;
    if (labels) s.matchLabels = Object.fromEntries(Object.entries(labels).map(([k, v]) => [intern(k), intern(v)]));
    if (term.labelSelector?.matchExpressions?.length) s.matchExpressions = term.labelSelector.matchExpressions.map((r) => requirement(r, intern));
    if (term.namespaceSelector) s.namespaces = ['*'];
    else if (term.namespaces?.length) s.namespaces = term.namespaces.map(intern);
    ((out ??= {}).hostAntiAffinity ??= []).push(s);
  }
  return out;
}

/** A node's taints (`spec.taints`), [] when none; condition taints kept (they are real on that node). */
export function toTaints(taints: { key?: string; value?: string; effect?: string }[] | undefined): Taint[] {
  return (taints ?? []).filter((t) => t.key && t.effect).map((t) => (t.value ? { key: t.key!, value: t.value, effect: t.effect! } : { key: t.key!, effect: t.effect! }));
}
