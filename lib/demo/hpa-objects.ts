/**
 * autoscaling/v2 HorizontalPodAutoscalers on a few Deployments of the generated organisation,
 * chosen from the seed. Their status reports the CPU utilisation the pods really have (the
 * usage metrics-server serves); the demo's replica counts are fixed, so desired = current.
 */
import { DAY_MS, resourceVersionAt } from './calendar';
import { k8sTime } from './clock';
import { podInstancesAt } from './instances';
import { type OrgPlan, type WorkloadPlan, workloadLabels } from './model';
import { formatMillicores } from './quantity';
import { uidFor, unitHash } from './random';
import type { JsonObject } from './store';
import { containerUsageAt } from './usage';

/** How many Deployments get an HPA. */
const HPA_COUNT = 4;
/** The HPA controller's sync period: status changes at most this often. */
export const HPA_SYNC_MS = 15_000;
const TARGETS = [60, 70, 75, 80];

export interface HpaPlan {
  workload: WorkloadPlan;
  uid: string;
  createdMs: number;
  minReplicas: number;
  maxReplicas: number;
  targetCpuUtilization: number;
}

/**
 * The Deployments with an HPA: every burst workload (its HPA really scales it, 70% CPU target,
 * between its base replicas and what its added nodes hold), then those of ≥ 2 replicas with CPU
 * requests and steady usage, picked by the seed, up to HPA_COUNT.
 */
export function planHpas(plan: OrgPlan): HpaPlan[] {
  const scaled = plan.workloads.flatMap((w): HpaPlan[] =>
    w.burst
      ? [{ workload: w, uid: uidFor(plan.seed, 'HorizontalPodAutoscaler', w.namespace, w.name), createdMs: w.createdMs + DAY_MS, minReplicas: w.replicas, maxReplicas: w.replicas + w.burst.podsPerNode * w.burst.maxNodes, targetCpuUtilization: 70 }]
      : [],
  );
  const candidates = plan.workloads.filter((w) => w.kind === 'Deployment' && !w.burst && w.replicas >= 2 && w.profile !== 'leak' && w.containers.every((c) => c.cpuRequestMillicores !== null));
  const picked = candidates
    .map((w) => ({ w, rank: unitHash(plan.seed, w.namespace, w.name, 'hpa') }))
    .sort((a, b) => a.rank - b.rank)
    .slice(0, Math.max(0, HPA_COUNT - scaled.length))
    .map(({ w, rank }) => ({
      workload: w,
      uid: uidFor(plan.seed, 'HorizontalPodAutoscaler', w.namespace, w.name),
      createdMs: w.createdMs + DAY_MS,
      minReplicas: Math.max(1, Math.floor(w.replicas / 2)),
      maxReplicas: w.replicas * 3,
      targetCpuUtilization: TARGETS[Math.floor(rank * 1000) % TARGETS.length] ?? 70,
    }));
  return [...scaled, ...picked].sort((a, b) => (a.workload.namespace + a.workload.name < b.workload.namespace + b.workload.name ? -1 : 1));
}

/** Mean CPU usage of the Deployment's running pods and its % of their requests, at `ms`. */
function cpuUtilization(seed: number, w: WorkloadPlan, ms: number): { running: number; averageMillicores: number; percent: number } {
  let usage = 0;
  let requests = 0;
  let running = 0;
  for (const pod of podInstancesAt(seed, w, ms)) {
    if (pod.phase !== 'Running') continue;
    running += 1;
    for (const c of w.containers) {
      usage += containerUsageAt(seed, pod, c, ms).cpuMillicores;
      requests += c.cpuRequestMillicores ?? 0;
    }
  }
  return { running, averageMillicores: running === 0 ? 0 : usage / running, percent: requests === 0 ? 0 : Math.round((usage / requests) * 100) };
}

function condition(type: string, reason: string, message: string, sinceMs: number, status = 'True'): JsonObject {
  return { type, status, lastTransitionTime: k8sTime(sinceMs), reason, message };
}

/** The HPA at `ms` (a multiple of HPA_SYNC_MS: the controller's last sync). */
export function buildHpa(seed: number, h: HpaPlan, ms: number): JsonObject {
  const w = h.workload;
  const cpu = cpuUtilization(seed, w, ms);
  const status: JsonObject = { observedGeneration: 1, currentReplicas: cpu.running, desiredReplicas: cpu.running };
  if (cpu.running > 0) {
    status.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageValue: formatMillicores(Math.round(cpu.averageMillicores)), averageUtilization: cpu.percent } } }];
  }
  status.conditions = [
    condition('AbleToScale', 'ReadyForNewScale', 'recommended size matches current size', h.createdMs + 60_000),
    condition('ScalingActive', 'ValidMetricFound', 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)', h.createdMs + 60_000),
    condition('ScalingLimited', 'DesiredWithinRange', 'the desired count is within the acceptable range', h.createdMs + 60_000, 'False'),
  ];
  return {
    metadata: { name: w.name, namespace: w.namespace, uid: h.uid, resourceVersion: resourceVersionAt(ms), creationTimestamp: k8sTime(h.createdMs), labels: workloadLabels(w) },
    spec: {
      scaleTargetRef: { kind: 'Deployment', name: w.name, apiVersion: 'apps/v1' },
      minReplicas: h.minReplicas,
      maxReplicas: h.maxReplicas,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: h.targetCpuUtilization } } }],
      behavior: {
        scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
        scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
      },
    },
    status,
  };
}
