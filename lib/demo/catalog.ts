/** The blueprint of the generated organisation: shapes of teams, namespaces and workloads. */

/** How a container's usage relates to its request over time (see usage.ts). */
export type UsageProfileName = 'idle' | 'steady' | 'hot' | 'leak' | 'batch' | 'daemon' | 'gpu' | 'scaled';

/** Failure and change patterns a workload shows over time (see lib/demo/README.md). */
export type DeliveryScenario = 'crash-rollback' | 'deadline' | 'restarts' | 'cost-raise' | 'unschedulable';

export type PoolName = 'general-purpose' | 'spot' | 'memory-optimized' | 'gpu';

export interface CatalogContainer {
  name: string;
  /** Untagged images are versioned by rollouts (`:<commit sha>`); tagged ones never change. */
  image: string;
  cpu?: string;
  memory?: string;
  cpuLimit?: string;
  memoryLimit?: string;
  gpu?: number;
}

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'CronJob';

export interface CatalogWorkload {
  kind: WorkloadKind;
  name: string;
  /** Deployments and StatefulSets; DaemonSets run one pod per eligible node, CronJobs one per run. */
  replicas: number;
  profile: UsageProfileName;
  containers: CatalogContainer[];
  /** Hard nodeSelector on `eks.amazonaws.com/nodegroup`; DaemonSets run only there. */
  pool?: PoolName;
  /** StatefulSet volumeClaimTemplate size (gp3). */
  storage?: string;
  /** Deployments that roll out: mean business hours (Mon–Fri 09–17 UTC) between rollouts. */
  deployEveryBusinessHours?: number;
  /** Commit → rollout start in minutes, [min, max); default 20 min to 3 days. */
  leadMinutes?: readonly [number, number];
  commitAnnotation?: 'tally' | 'oci';
  /** A delivery scenario the workload plays in the catalog's own namespace (see timeline.ts stepOf). */
  scenario?: DeliveryScenario;
  schedule?: string;
  runMinutes?: number;
  podLabels?: Record<string, string>;
  hostNetwork?: boolean;
  priorityClassName?: string;
  /** Required pod anti-affinity on `kubernetes.io/hostname`: no two replicas on one node (catalog namespaces only). */
  antiAffinity?: boolean;
  /** HPA-scaled with the load onto nodes the cluster autoscaler adds (burst.ts; catalog namespaces only). */
  burst?: BurstSpec;
}

/** A Deployment whose HPA adds replicas with the load, on nodes the cluster autoscaler adds for them. */
export interface BurstSpec {
  /** Replicas that fit one added node. */
  podsPerNode: number;
  /** Added nodes at a weekday's peak: `minNodes` on the 1st of the month, growing to `maxNodes` at its end. */
  minNodes: number;
  maxNodes: number;
}

export interface CatalogNamespace {
  name: string;
  /** The `team` label; null for shared and unowned namespaces. */
  team: string | null;
  /** Shared infrastructure namespaces are not cloned when the organisation scales up. */
  shared: boolean;
  /** The team's traffic grows through each calendar month (usage × 1 → 1.5, usage.ts trafficGrowth). */
  growing?: boolean;
  workloads: CatalogWorkload[];
}

const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

/** An untagged image in the organisation's registry: rollouts tag it with their commit. */
export function ecr(repository: string): string {
  return `${ECR}/${repository}`;
}

/** `container('app', image, '500m', '1Gi', { memoryLimit: '1Gi' })`. */
export function container(
  name: string,
  image: string,
  cpu?: string,
  memory?: string,
  extra: Omit<CatalogContainer, 'name' | 'image' | 'cpu' | 'memory'> = {},
): CatalogContainer {
  return { name, image, cpu, memory, ...extra };
}

type Extra = Partial<Omit<CatalogWorkload, 'kind' | 'name' | 'replicas' | 'profile' | 'containers'>>;

export function deployment(name: string, replicas: number, profile: UsageProfileName, containers: CatalogContainer[], extra: Extra = {}): CatalogWorkload {
  return { kind: 'Deployment', name, replicas, profile, containers, ...extra };
}

export function statefulSet(name: string, replicas: number, profile: UsageProfileName, storage: string, containers: CatalogContainer[], extra: Extra = {}): CatalogWorkload {
  return { kind: 'StatefulSet', name, replicas, profile, containers, storage, ...extra };
}

export function daemonSet(name: string, containers: CatalogContainer[], extra: Extra = {}): CatalogWorkload {
  return { kind: 'DaemonSet', name, replicas: 0, profile: 'daemon', containers, ...extra };
}

export function cronJob(name: string, schedule: string, runMinutes: number, containers: CatalogContainer[], extra: Extra = {}): CatalogWorkload {
  return { kind: 'CronJob', name, replicas: 1, profile: 'batch', containers, schedule, runMinutes, ...extra };
}
