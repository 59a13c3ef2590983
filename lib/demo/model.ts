/** The resolved organisation: what generateOrg decides once, before any instant is rendered. */
import type { CronSchedule } from './calendar';
import type { BurstSpec, DeliveryScenario, PoolName, UsageProfileName, WorkloadKind } from './catalog';
import type { NodePlan } from './pools';

export interface ContainerPlan {
  name: string;
  image: string;
  /** True when rollouts tag the image with their commit; false for fixed third-party tags. */
  versioned: boolean;
  cpuRequestMillicores: number | null;
  cpuLimitMillicores: number | null;
  memoryRequestBytes: number | null;
  memoryLimitBytes: number | null;
  gpus: number;
}

export interface NamespacePlan {
  name: string;
  uid: string;
  team: string | null;
  createdMs: number;
}

export interface WorkloadPlan {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  team: string | null;
  uid: string;
  createdMs: number;
  replicas: number;
  profile: UsageProfileName;
  containers: ContainerPlan[];
  pool: PoolName | null;
  storageBytes: number | null;
  /** Delivery scenario (only in the catalog's own namespaces, not in scaled-up clones); see timeline.ts stepOf. */
  scenario: DeliveryScenario | null;
  /** Commit → rollout start, uniform in [min, max) minutes. */
  leadMinutes: readonly [number, number];
  /** Where the template says its commit: tally.dev/commit-* annotations, or only org.opencontainers.image.created. */
  commitAnnotation: 'tally' | 'oci';
  /** Mean business time between rollouts; null for workloads that never change. */
  deployEveryBusinessMs: number | null;
  schedule: CronSchedule | null;
  runMs: number;
  podLabels: Record<string, string>;
  hostNetwork: boolean;
  priorityClassName: string | null;
  /** Required pod anti-affinity on the hostname: the scheduler puts no two of its pods on one node. */
  antiAffinity: boolean;
  /** HPA replicas beyond `replicas` on added nodes (burst.ts); null for a fixed replica count. */
  burst: BurstSpec | null;
  /** Usage grows through the month with its team's traffic (usage.ts trafficGrowth). */
  trafficGrowth: boolean;
  /** Node of each pod slot (ordinal = index; DaemonSets: one per eligible node); null = Pending. */
  slots: Array<NodePlan | null>;
}

export interface OrgPlan {
  seed: number;
  namespaces: NamespacePlan[];
  nodes: NodePlan[];
  workloads: WorkloadPlan[];
}

/** Pod resource totals, as the scheduler counts them. */
export function podRequests(workload: WorkloadPlan): { cpuMillicores: number; memoryBytes: number; gpus: number } {
  let cpuMillicores = 0;
  let memoryBytes = 0;
  let gpus = 0;
  for (const c of workload.containers) {
    cpuMillicores += c.cpuRequestMillicores ?? c.cpuLimitMillicores ?? 0;
    memoryBytes += c.memoryRequestBytes ?? c.memoryLimitBytes ?? 0;
    gpus += c.gpus;
  }
  return { cpuMillicores, memoryBytes, gpus };
}

/** `app`, `team` and the app.kubernetes.io labels of the workload and every pod it runs. */
export function workloadLabels(workload: WorkloadPlan): Record<string, string> {
  const labels: Record<string, string> = {
    app: workload.name,
    'app.kubernetes.io/name': workload.name,
    'app.kubernetes.io/part-of': workload.namespace,
  };
  if (workload.team) labels.team = workload.team;
  return labels;
}
