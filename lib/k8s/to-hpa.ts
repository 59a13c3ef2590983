/** Pure mapping of autoscaling/v2 HorizontalPodAutoscalers to records. */
import type { K8sObject } from './objects';
import type { HpaMetricRecord, HpaRecord } from './types';

/** The fields of an autoscaling/v2 HPA the mapper reads. */
export interface K8sHpa extends K8sObject {
  spec?: {
    scaleTargetRef?: { kind?: string; name?: string };
    minReplicas?: number;
    maxReplicas?: number;
    metrics?: Array<{
      type?: string;
      resource?: { name?: string; target?: { type?: string; averageUtilization?: number; averageValue?: string; value?: string } };
      containerResource?: { name?: string; container?: string; target?: { type?: string; averageUtilization?: number; averageValue?: string; value?: string } };
    }>;
  };
  status?: { currentReplicas?: number; desiredReplicas?: number };
}

/**
 * One HPA → its record: target (kind/name), replica bounds (minReplicas defaults to 1 as the
 * API server defaults it), the resource metrics it scales on (Resource and ContainerResource:
 * `cpu`/`memory`, target type and value as written: a utilisation in % or a quantity) and its
 * current/desired replicas. Null without a name, namespace or scale target.
 */
export function toHpaRecord(item: K8sHpa): HpaRecord | null {
  const namespace = item.metadata?.namespace;
  const name = item.metadata?.name;
  const target = item.spec?.scaleTargetRef;
  if (!namespace || !name || !target?.kind || !target.name) return null;
  const metrics: HpaMetricRecord[] = [];
  for (const m of item.spec?.metrics ?? []) {
    const source = m.type === 'Resource' ? m.resource : m.type === 'ContainerResource' ? m.containerResource : undefined;
    if (!source?.name) continue;
    const t = source.target;
    const value = t?.averageUtilization !== undefined ? String(t.averageUtilization) : (t?.averageValue ?? t?.value ?? null);
    metrics.push({ resource: source.name, targetType: t?.type ?? null, target: value });
  }
  return {
    namespace,
    name,
    targetKind: target.kind,
    targetName: target.name,
    minReplicas: item.spec?.minReplicas ?? 1,
    maxReplicas: item.spec?.maxReplicas ?? 0,
    metrics,
    currentReplicas: item.status?.currentReplicas ?? null,
    desiredReplicas: item.status?.desiredReplicas ?? null,
  };
}
